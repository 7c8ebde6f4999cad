import type { Evidence, Finding } from '../../../shared/analysis';
import { evidenceLocation, evidenceTime, findingMetrics, formatConfidence } from '../format/analysis-values';
import { EvidenceLines } from './evidence-lines';

/** One finding: what, how sure, its numbers, and the evidence a click opens. */
export function FindingCard({
  finding,
  fileId,
  selected,
  onSelect,
}: {
  finding: Finding;
  fileId: string;
  /** The index of the evidence item open, or null. */
  selected: number | null;
  onSelect: (evidence: number | null) => void;
}) {
  const metrics = findingMetrics(finding.metrics);
  const open: Evidence | null = selected === null ? null : (finding.evidence[selected] ?? null);
  return (
    <li className={`finding finding--${finding.severity}`} data-testid="finding" data-rule={finding.rule} data-severity={finding.severity}>
      <div className="finding__head">
        <span className="finding__severity">{finding.severity}</span>
        <span className="finding__title" data-testid="finding-title">
          {finding.title}
        </span>
        <span className="finding__confidence" data-testid="finding-confidence" data-value={finding.confidence}>
          {formatConfidence(finding.confidence)}
        </span>
      </div>
      {metrics.length > 0 && (
        <dl className="finding__metrics">
          {metrics.map((m) => (
            <div key={m.name} className="finding__metric" data-metric={m.name}>
              <dt>{m.label}</dt>
              <dd>{m.text}</dd>
            </div>
          ))}
        </dl>
      )}
      {finding.evidence.length > 0 && (
        <ul className="finding__evidence">
          {finding.evidence.map((e, index) => {
            const isOpen = selected === index;
            const time = evidenceTime(e);
            return (
              <li key={index}>
                <button
                  type="button"
                  className={`evidence-item${isOpen ? ' evidence-item--open' : ''}`}
                  data-testid="evidence-item"
                  data-artifact={e.artifact}
                  data-line-from={e.lineRange?.from ?? e.lines?.[0]}
                  data-line-to={e.lineRange?.to ?? e.lines?.at(-1)}
                  data-time-from={e.timeRange?.fromSec}
                  data-time-to={e.timeRange?.toSec}
                  aria-expanded={isOpen}
                  onClick={() => onSelect(isOpen ? null : index)}
                >
                  <code className="evidence-item__where">{evidenceLocation(e)}</code>
                  {time && <span className="evidence-item__time">{time}</span>}
                  <span className="evidence-item__what">{e.what}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {open && <EvidenceLines fileId={fileId} evidence={open} onClose={() => onSelect(null)} />}
    </li>
  );
}
