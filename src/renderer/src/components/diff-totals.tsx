import type { SnapshotDiff } from '../../../shared/snapshot';
import { formatDelta, formatDeltaPercent, formatValue } from '../format/diff-values';
import { formatCount } from '../format/units';

/** The pair's totals for the compared sample: how much grew overall. */
export function DiffTotals({ diff }: { diff: SnapshotDiff }) {
  const delta = diff.newTotal - diff.baseTotal;
  return (
    <div
      className="diff-totals"
      data-testid="diff-totals"
      data-base-total={diff.baseTotal}
      data-new-total={diff.newTotal}
      data-rows={diff.rows.length}
    >
      <div className="diff-totals__cell">
        <div className="diff-totals__label">Base total</div>
        <div className="diff-totals__value">{formatValue(diff.baseTotal, diff.unit)}</div>
      </div>
      <div className="diff-totals__cell">
        <div className="diff-totals__label">New total</div>
        <div className="diff-totals__value">{formatValue(diff.newTotal, diff.unit)}</div>
      </div>
      <div className="diff-totals__cell">
        <div className="diff-totals__label">Change</div>
        <div className={delta > 0 ? 'diff-totals__value diff-value--grew' : delta < 0 ? 'diff-totals__value diff-value--shrank' : 'diff-totals__value'}>
          {formatDelta(delta, diff.unit)} <span className="diff-totals__percent">({formatDeltaPercent(diff.baseTotal, diff.newTotal)})</span>
        </div>
      </div>
      <div className="diff-totals__cell">
        <div className="diff-totals__label">Compared</div>
        <div className="diff-totals__value diff-totals__value--small">
          {diff.sample} by {diff.by} · {formatCount(diff.rows.length)} {diff.rows.length === 1 ? 'row' : 'rows'}
        </div>
      </div>
    </div>
  );
}
