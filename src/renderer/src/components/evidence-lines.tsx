import type { Evidence } from '../../../shared/analysis';
import { baseName, formatCount } from '../format/units';
import { useEvidenceLines } from '../state/use-evidence-lines';

/**
 * The raw lines (or snapshot rows) an evidence item came from, as plain text:
 * log lines are shown as React text, never as markup.
 */
export function EvidenceLines({ fileId, evidence, onClose }: { fileId: string; evidence: Evidence; onClose: () => void }) {
  const { lines, loading, error, remaining, loadMore } = useEvidenceLines(fileId, evidence);
  const file = baseName(evidence.artifact);
  const hasLines = evidence.lineRange !== undefined || (evidence.lines?.length ?? 0) > 0;
  // The references in one column, however many digits the last line has.
  const refWidth = `${file.length + 1 + String(lines.at(-1)?.line ?? 0).length}ch`;
  return (
    <div className="evidence-lines" data-testid="evidence-lines" data-loading={loading} data-lines={lines.length}>
      <div className="evidence-lines__head">
        <span className="evidence-lines__title" title={evidence.artifact}>
          {hasLines ? `Lines of ${file}` : evidence.rows?.length ? `Rows of ${file}` : file}
        </span>
        <button type="button" className="evidence-lines__close" onClick={onClose} aria-label="Close the lines">
          ×
        </button>
      </div>
      {evidence.lineRange && evidence.lineRange.to > evidence.lineRange.from && (
        <p className="evidence-lines__note">
          Lines {formatCount(evidence.lineRange.from)}–{formatCount(evidence.lineRange.to)}: the records lie in this span; other lines may sit between.
        </p>
      )}
      {error && (
        <p className="evidence-lines__error" role="alert">
          Could not read the lines: {error.message}
        </p>
      )}
      {lines.length > 0 && (
        <pre className="evidence-lines__text">
          {lines.map(({ line, text }) => (
            <div key={line} className="evidence-lines__line" data-testid="evidence-line" data-line={line}>
              <span className="evidence-lines__ref" style={{ minWidth: refWidth }}>
                {file}:{line}
              </span>
              {'  '}
              <span className="evidence-lines__content">{text}</span>
            </div>
          ))}
        </pre>
      )}
      {evidence.rows && evidence.rows.length > 0 && (
        <ul className="evidence-lines__rows">
          {evidence.rows.map((row) => (
            <li key={row} data-testid="evidence-row">
              <code>{row}</code>
            </li>
          ))}
        </ul>
      )}
      {!hasLines && !evidence.rows?.length && <p className="evidence-lines__note">{evidence.what}</p>}
      {loading && <p className="evidence-lines__note">Reading…</p>}
      {!loading && remaining > 0 && (
        <button type="button" className="evidence-lines__more" data-testid="evidence-lines-more" onClick={loadMore}>
          Show the next lines ({formatCount(remaining)} more in the span)
        </button>
      )}
    </div>
  );
}
