/**
 * The report's two charts as data: heap per cycle and pauses, on the same
 * clock as the findings' time ranges (the analysed run's, from the
 * timeline), downsampled so a million cycles still draw as at most
 * MAX_REPORT_POINTS points per chart: LTTB per heap line, min/max buckets
 * for pauses so no spike is lost.
 */
import type { AnalysisResult, Severity } from '../../shared/analysis';
import type { GcEvent } from '../../shared/gc-event';
import { lttbIndices, mergeIndices, minMaxIndices } from '../analysis/downsample';
import type { Clock, TimedEvent } from '../analysis/timeline';

export const MAX_REPORT_POINTS = 1000;

export interface HeapLine {
  key: 'heapBeforeBytes' | 'heapAfterBytes' | 'liveBytes' | 'heapCommittedBytes';
  label: string;
  /** One per x; null where the collection did not report it. */
  values: Array<number | null>;
}

export interface FindingBand {
  /** 1-based, as the report numbers findings. */
  finding: number;
  rule: string;
  severity: Severity;
  fromX: number;
  toX: number;
}

export interface ChartSeries {
  /** Seconds on the log's clock, or the cycle's position when the log has none. */
  xUnit: 'seconds' | 'cycle';
  /** What the x axis counts, in words. */
  xLabel: string;
  cycles: number;
  heap: { x: number[]; lines: HeapLine[] };
  pauses: { x: number[]; ms: number[] };
  bands: FindingBand[];
}

const LINES: Array<{ key: HeapLine['key']; label: string }> = [
  { key: 'heapCommittedBytes', label: 'committed' },
  { key: 'heapBeforeBytes', label: 'heap before GC' },
  { key: 'heapAfterBytes', label: 'heap after GC' },
  { key: 'liveBytes', label: 'live heap (marked)' },
];

const X_LABELS: Record<Clock, string> = {
  uptime: 'seconds since the process started',
  'wall-clock': 'seconds since the first collection (wall clock)',
  none: 'collection, in log order (the log has no clock)',
};

/**
 * LTTB per heap line, drawn at the union of the picks. Lines that move
 * together pick mostly the same points, so the share each gets is raised
 * while the union stays within the budget.
 */
function heapIndices(xs: Float64Array, columns: Float64Array[]): number[] {
  let perLine = Math.max(3, Math.floor(MAX_REPORT_POINTS / Math.max(columns.length, 1)));
  let picked = mergeIndices(...columns.map((c) => lttbIndices(xs, c, perLine)));
  for (let round = 0; round < 4 && picked.length < MAX_REPORT_POINTS * 0.9 && perLine < xs.length; round++) {
    perLine = Math.floor((perLine * MAX_REPORT_POINTS) / Math.max(picked.length, 1));
    const more = mergeIndices(...columns.map((c) => lttbIndices(xs, c, perLine)));
    if (more.length > MAX_REPORT_POINTS) break;
    picked = more;
  }
  return picked;
}

export function chartSeries(events: TimedEvent[], clock: Clock, analysis: AnalysisResult): ChartSeries {
  const timed = clock === 'none' ? events : events.filter((e) => !Number.isNaN(e.t));
  const xs = Float64Array.from(timed, (e, i) => (clock === 'none' ? i : e.t));
  const column = (key: HeapLine['key']) => Float64Array.from(timed, (e) => (e.event as GcEvent)[key] ?? Number.NaN);
  const present = LINES.map((l) => ({ ...l, column: column(l.key) })).filter((l) => l.column.some((v) => !Number.isNaN(v)));

  const picked = heapIndices(xs, present.map((l) => l.column));
  const pauseColumn = Float64Array.from(timed, (e) => e.event.pauseMs);
  const pausePicked = minMaxIndices(pauseColumn, MAX_REPORT_POINTS);

  const bands: FindingBand[] = [];
  if (clock !== 'none') {
    analysis.findings.forEach((f, i) => {
      const seen = new Set<string>();
      for (const e of f.evidence) {
        if (!e.timeRange) continue;
        const key = `${e.timeRange.fromSec}:${e.timeRange.toSec}`;
        if (seen.has(key)) continue;
        seen.add(key);
        bands.push({ finding: i + 1, rule: f.rule, severity: f.severity, fromX: e.timeRange.fromSec, toX: e.timeRange.toSec });
      }
    });
  }

  return {
    xUnit: clock === 'none' ? 'cycle' : 'seconds',
    xLabel: X_LABELS[clock],
    cycles: timed.length,
    heap: {
      x: picked.map((i) => xs[i]!),
      lines: present.map((l) => ({ key: l.key, label: l.label, values: picked.map((i) => (Number.isNaN(l.column[i]!) ? null : l.column[i]!)) })),
    },
    pauses: { x: pausePicked.map((i) => xs[i]!), ms: pausePicked.map((i) => pauseColumn[i]!) },
    bands,
  };
}
