import type { Finding } from '../../../shared/analysis';
import { FindingCard } from './finding-card';
import './findings-panel.css';

export interface EvidenceSelection {
  finding: number;
  evidence: number;
}

/** Every finding, most severe first; at most one evidence item open at a time. */
export function FindingsPanel({
  findings,
  fileId,
  selection,
  onSelect,
}: {
  findings: Finding[];
  fileId: string;
  selection: EvidenceSelection | null;
  onSelect: (selection: EvidenceSelection | null) => void;
}) {
  return (
    <section className="findings-panel" data-testid="findings" data-count={findings.length} aria-label="Findings">
      <h2 className="findings-panel__title">Findings</h2>
      {findings.length === 0 ? (
        <p className="findings-panel__none">Nothing to report: no rule fired on this log.</p>
      ) : (
        <ul className="findings-panel__list">
          {findings.map((finding, index) => (
            <FindingCard
              key={`${index}:${finding.rule}`}
              finding={finding}
              fileId={fileId}
              selected={selection?.finding === index ? selection.evidence : null}
              onSelect={(evidence) => onSelect(evidence === null ? null : { finding: index, evidence })}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
