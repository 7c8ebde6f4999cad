import { ReferenceArea } from 'recharts';
import type { PhaseSpan } from '../../../shared/contract';

export const PHASE_FILL = '#b794f4';

/**
 * Concurrent GC phases as shaded bands behind a chart's data. Recharts takes
 * them as children of the chart, so this returns elements, not a component.
 */
export function phaseAreas(spans: PhaseSpan[]) {
  return spans.map((span) => (
    <ReferenceArea
      key={`${span.startSec}-${span.endSec}`}
      x1={span.startSec}
      // A phase shorter than a pixel would vanish: give it a sliver.
      x2={span.endSec > span.startSec ? span.endSec : span.startSec + 1e-6}
      fill={PHASE_FILL}
      fillOpacity={0.18}
      strokeOpacity={0}
      ifOverflow="hidden"
    />
  ));
}

/** The one-line key under a chart title that says what the bands are. */
export function PhaseKey({ spans }: { spans: PhaseSpan[] }) {
  if (spans.length === 0) return null;
  const phases = spans.reduce((n, span) => n + span.phases, 0);
  const names = [...new Set(spans.flatMap((span) => span.names))].slice(0, 4).join(', ');
  return (
    <p className="phase-key" data-testid="phase-key" data-phases={phases}>
      <span className="phase-key__swatch" style={{ background: PHASE_FILL }} /> shaded: concurrent GC work ({phases} phase{phases === 1 ? '' : 's'}: {names})
    </p>
  );
}
