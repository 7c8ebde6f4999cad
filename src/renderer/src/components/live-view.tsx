import { useMemo, useState } from 'react';
import type { LiveSnapshotKind } from '../../../shared/contract';
import type { ErrorInfo } from '../../../shared/result';
import { liveSummary } from '../state/live-attach-state';
import type { LiveAttaches, LiveTab } from '../state/use-live-attaches';
import type { Connection } from '../transport/connection';
import type { XKind } from './chart-axes';
import { HeapChart } from './heap-chart';
import { LiveJstatChart } from './live-jstat-chart';
import { LiveSnapshotDiff } from './live-snapshot-diff';
import { LiveSnapshots } from './live-snapshots';
import { LiveSources } from './live-sources';
import { LiveStatus } from './live-status';
import { LiveVerdict } from './live-verdict';
import { PauseChart } from './pause-chart';
import { SummaryStrip } from './summary-strip';
import './live-view.css';

/** A live attach has no concurrent phases to shade (the file view reads them from the log's phase lines). */
const NO_PHASES: never[] = [];

/** One attach's tab: status, sources, live charts, snapshots and their diff, the latest verdict. */
export function LiveView({ tab, connection, attaches }: { tab: LiveTab; connection: Connection | null; attaches: LiveAttaches }) {
  const attach = tab.attach;
  const [selected, setSelected] = useState<string[]>([]);
  const [taking, setTaking] = useState<LiveSnapshotKind | null>(null);
  const [snapshotError, setSnapshotError] = useState<ErrorInfo | null>(null);
  const [unknownExpanded, setUnknownExpanded] = useState(false);

  const snapshots = attach?.snapshots;
  // Base is the earlier of the two, whichever was ticked first.
  const pair = useMemo(() => {
    const picked = (snapshots ?? []).filter((s) => selected.includes(s.snapshotId));
    return picked.length === 2 ? { base: picked[0]!, next: picked[1]! } : null;
  }, [snapshots, selected]);

  const toggle = (snapshotId: string): void =>
    setSelected((previous) => (previous.includes(snapshotId) ? previous.filter((id) => id !== snapshotId) : [...previous, snapshotId].slice(-2)));

  const take = (kind: LiveSnapshotKind): void => {
    setTaking(kind);
    setSnapshotError(null);
    void attaches.takeSnapshot(tab.tabId, kind).then((result) => {
      setTaking(null);
      if (!result.ok) setSnapshotError(result.error);
    });
  };

  const summary = attach ? liveSummary(attach) : null;
  const xKind: XKind = attach?.xAxis === 'cycle-index' ? 'cycle' : 'time';
  return (
    <article className="live-view" data-testid="live-view" data-attach-id={attach?.attachId ?? ''} data-updates={attach?.updates ?? 0}>
      <LiveStatus tab={tab} onDetach={() => void attaches.detach(tab.tabId)} onClose={() => attaches.close(tab.tabId)} />
      {attach && summary && (
        <>
          <LiveVerdict analysis={attach.analysis} cycles={attach.gc.cycles} />
          <LiveSources collectors={attach.collectors} counts={attach.counts} notes={attach.notes} />
          <SummaryStrip
            summary={summary}
            spanKnown={xKind === 'time'}
            unknownExpanded={unknownExpanded}
            onToggleUnknown={() => setUnknownExpanded((open) => !open)}
          />
          {unknownExpanded && summary.unknownLines > 0 && (
            <p className="live-view__unknown" id="unknown-lines">
              The lines not understood are kept in the session&apos;s raw artifacts and events under {attach.sessionDir}.
            </p>
          )}
          <HeapChart samples={attach.heap} phases={NO_PHASES} xKind={xKind} />
          <PauseChart samples={attach.pauses} phases={NO_PHASES} xKind={xKind} />
          {attach.target.runtime === 'jvm' && <LiveJstatChart samples={attach.jstat} />}
          <LiveSnapshots
            target={attach.target}
            snapshots={attach.snapshots}
            selected={selected}
            taking={taking}
            error={snapshotError}
            canTake={attach.status === 'attached'}
            onTake={take}
            onToggle={toggle}
          />
          {pair && <LiveSnapshotDiff key={`${pair.base.snapshotId}:${pair.next.snapshotId}`} connection={connection} base={pair.base} next={pair.next} />}
        </>
      )}
    </article>
  );
}
