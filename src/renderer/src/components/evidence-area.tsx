import { ReferenceArea } from 'recharts';
import { formatSeconds } from '../format/units';
import { visibleRange, type Highlight } from '../state/evidence-view';
import './evidence-area.css';

export const EVIDENCE_FILL = '#f6ad55';

/**
 * The time range of the evidence item open, as a band over a chart's data:
 * amber with an outline, so it stands apart from the violet phase bands.
 * Recharts takes it as a child of the chart, so this returns an element.
 */
export function evidenceArea(highlight: Highlight | null, domain: [number, number]) {
  if (!highlight) return null;
  const { fromSec, toSec } = visibleRange(highlight, domain);
  return (
    <ReferenceArea
      key="evidence-highlight"
      className="evidence-highlight"
      x1={fromSec}
      x2={toSec}
      fill={EVIDENCE_FILL}
      fillOpacity={0.16}
      stroke="#dd6b20"
      strokeOpacity={0.9}
      strokeDasharray="4 3"
      ifOverflow="hidden"
    />
  );
}

/** The one-line key under a chart title that says what the marked band is. */
export function EvidenceKey({ highlight }: { highlight: Highlight | null }) {
  if (!highlight) return null;
  return (
    <p className="evidence-key" data-testid="evidence-highlight">
      <span className="evidence-key__swatch" style={{ background: EVIDENCE_FILL }} /> marked: the evidence open below,{' '}
      {formatSeconds(highlight.fromSec)} – {formatSeconds(highlight.toSec)}
    </p>
  );
}
