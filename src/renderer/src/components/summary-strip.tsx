import type { GcSummary } from '../../../shared/contract';
import { formatCount, formatMs, formatPercent, formatSeconds, plural } from '../format/units';

function Cell({ testId, label, value, text }: { testId: string; label: string; value: number | null; text: string }) {
  return (
    <div className="summary-cell" data-testid={testId} data-value={value ?? ''}>
      <div className="summary-cell__label">{label}</div>
      <div className="summary-cell__value">{text}</div>
    </div>
  );
}

export function SummaryStrip({
  summary,
  spanKnown,
  unknownExpanded,
  onToggleUnknown,
}: {
  summary: GcSummary;
  /** False when the log has no timestamps, so a span of 0 s would mislead. */
  spanKnown: boolean;
  unknownExpanded: boolean;
  onToggleUnknown: () => void;
}) {
  return (
    <div className="summary-strip">
      <Cell testId="summary-cycles" label="GC cycles" value={summary.cycles} text={formatCount(summary.cycles)} />
      <Cell
        testId="summary-total-pause"
        label="Total pause"
        value={summary.totalPauseMs}
        text={formatMs(summary.totalPauseMs)}
      />
      <Cell testId="summary-max-pause" label="Max pause" value={summary.maxPauseMs} text={formatMs(summary.maxPauseMs)} />
      <Cell
        testId="summary-gc-cpu"
        label="GC CPU"
        value={summary.gcCpuPercent}
        text={formatPercent(summary.gcCpuPercent)}
      />
      <Cell
        testId="summary-span"
        label="Span"
        value={spanKnown ? summary.spanSec : null}
        text={spanKnown ? formatSeconds(summary.spanSec) : 'no timestamps'}
      />
      <div
        className="summary-cell summary-cell--wide"
        data-testid="summary-unknown"
        data-value={summary.unknownLines}
      >
        <div className="summary-cell__label">Parsing</div>
        <div className="summary-cell__value">
          {summary.unknownLines === 0 ? (
            <span className="summary-cell__ok">every line understood</span>
          ) : (
            <button
              type="button"
              className="link-button"
              aria-expanded={unknownExpanded}
              aria-controls="unknown-lines"
              onClick={onToggleUnknown}
            >
              <span className="link-button__chevron" aria-hidden="true">
                {unknownExpanded ? '▾' : '▸'}
              </span>
              {plural(summary.unknownLines, 'line', 'lines')} not understood
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
