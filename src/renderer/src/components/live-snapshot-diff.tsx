import type { AttachSnapshot } from '../../../shared/contract';
import { useSnapshotDiff } from '../state/use-snapshot-diff';
import type { Connection } from '../transport/connection';
import { DiffControls } from './diff-controls';
import { DiffTable } from './diff-table';
import { DiffTotals } from './diff-totals';
import { ErrorBox } from './error-box';
import './diff-view.css';

/** What grew from `base` to `next`, two snapshots of one attach, in the same table as Compare snapshots. */
export function LiveSnapshotDiff({ connection, base, next }: { connection: Connection | null; base: AttachSnapshot; next: AttachSnapshot }) {
  const diff = useSnapshotDiff(connection, base, next);
  return (
    <section className="live-diff" data-testid="live-diff" data-base={base.snapshotId} data-new={next.snapshotId}>
      <h2 className="live-diff__title">
        What changed from {new Date(base.takenAt).toLocaleTimeString('en-GB')} to {new Date(next.takenAt).toLocaleTimeString('en-GB')}
      </h2>
      {diff.error && <ErrorBox error={diff.error} onDismiss={diff.dismissError} />}
      {(diff.diff || !diff.error) && (
        <DiffControls next={next.summary} diff={diff.diff} settings={diff.settings} filterError={diff.filterError} busy={diff.busy} onChange={diff.change} />
      )}
      {diff.diff && (
        <>
          <DiffTotals diff={diff.diff} />
          <DiffTable diff={diff.diff} busy={diff.busy} filtered={diff.settings.filter.trim() !== ''} />
        </>
      )}
    </section>
  );
}
