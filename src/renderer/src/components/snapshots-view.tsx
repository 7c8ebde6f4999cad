import type { ReactNode } from 'react';
import type { SessionSummary } from '../../../shared/contract';
import type { SnapshotDiffState } from '../state/use-snapshot-diff';
import type { SnapshotPair } from '../state/use-snapshot-pair';
import { DiffControls } from './diff-controls';
import { DiffTable } from './diff-table';
import { DiffTotals } from './diff-totals';
import { ErrorBox } from './error-box';
import { SessionSnapshotPicker } from './session-snapshot-picker';
import { SnapshotSlot } from './snapshot-slot';
import './diff-view.css';
import './snapshot-slot.css';

/** Two snapshots side by side, Base and New (files, or any library session's), and what grew between them. */
export function SnapshotsView({
  pair,
  diff,
  usable,
  sessions,
}: {
  pair: SnapshotPair;
  diff: SnapshotDiffState;
  usable: boolean;
  sessions: readonly SessionSummary[];
}) {
  const picker = (slot: 'base' | 'new') => (
    <SessionSnapshotPicker
      sessions={sessions}
      testId={`snapshot-${slot}-session`}
      disabled={!usable}
      onPick={(sessionId, artifactId, name) => pair.openFromSession(slot, sessionId, artifactId, name)}
    />
  );
  const base = pair.base.opened;
  const next = pair.next.opened;
  const opening = pair.base.activity !== null || pair.next.activity !== null;
  const error = pair.error ?? diff.error;
  const dismiss = pair.error ? pair.dismissError : diff.dismissError;

  let body: ReactNode = null;
  if (!base || !next) {
    body = (
      <div className="snapshots-view__hint" data-testid="snapshots-hint">
        <p className="snapshots-view__hint-title">Open two snapshots of one kind to see what grew between them</p>
        <p>
          Go: <code>curl -o heap-1.pb.gz localhost:6060/debug/pprof/heap</code>, again a few minutes later; goroutine dumps
          with <code>?debug=2</code>. JVM: <code>jcmd PID GC.class_histogram</code>, <code>jcmd PID VM.native_memory summary</code>{' '}
          or a heap dump.
        </p>
      </div>
    );
  } else if (diff.diff || !diff.error) {
    // Two snapshots that cannot be compared leave only the error: nothing to set.
    body = (
      <>
        <DiffControls
          next={next.summary}
          diff={diff.diff}
          settings={diff.settings}
          filterError={diff.filterError}
          busy={diff.busy}
          onChange={diff.change}
        />
        {diff.diff && (
          <>
            <DiffTotals diff={diff.diff} />
            <DiffTable diff={diff.diff} busy={diff.busy} filtered={diff.settings.filter.trim() !== ''} />
          </>
        )}
      </>
    );
  }
  return (
    <section className="snapshots-view" data-testid="snapshots-view">
      <div className="snapshot-pair">
        <SnapshotSlot
          label="Base"
          testIdPrefix="snapshot-base"
          slot={pair.base}
          disabled={!usable}
          onFiles={(files) => pair.open('base', files)}
          fromSession={picker('base')}
        />
        <button
          type="button"
          className="button snapshot-pair__swap"
          data-testid="snapshot-swap"
          title="Swap base and new"
          aria-label="Swap base and new"
          disabled={!base || !next || opening}
          onClick={pair.swap}
        >
          ⇄
        </button>
        <SnapshotSlot
          label="New"
          testIdPrefix="snapshot-new"
          slot={pair.next}
          disabled={!usable}
          onFiles={(files) => pair.open('new', files)}
          fromSession={picker('new')}
        />
      </div>
      {error && <ErrorBox error={error} onDismiss={dismiss} />}
      {body}
    </section>
  );
}
