/**
 * How the analysis reads on screen: findings' metrics by the unit their name
 * carries (`…Bytes`, `…BytesPerSec`, `…Sec`, `…Ms`, `…Percent`), the key
 * metrics of a run, and where each evidence item points. A number the data
 * could not give is "—", never 0.
 */
import type { Evidence, Metrics, MetricValue } from '../../../shared/analysis';
import { baseName, formatBytes, formatCount, formatMs, formatPercent, formatSeconds } from './units';

const DASH = '—';

export function formatConfidence(confidence: number): string {
  return `${Math.round(confidence * 100)} %`;
}

/** "12.3 MB/min": growth is read per minute on call, as the analysis titles say it. */
export function formatGrowthRate(bytesPerSec: number | null | undefined): string {
  if (bytesPerSec == null || !Number.isFinite(bytesPerSec)) return DASH;
  return `${formatBytes(bytesPerSec * 60)}/min`;
}

/** "1.2 GB/s": allocation runs at hundreds of MB a second. */
export function formatByteRate(bytesPerSec: number | null | undefined): string {
  if (bytesPerSec == null || !Number.isFinite(bytesPerSec)) return DASH;
  return `${formatBytes(bytesPerSec)}/s`;
}

/** Unit suffixes of metric names, longest first so `BytesPerSec` wins over `Sec`. */
const UNIT_SUFFIXES: Array<[RegExp, (v: number) => string]> = [
  [/BytesPerSec$/, formatGrowthRate],
  [/Bytes$/, formatBytes],
  [/Percent$/, formatPercent],
  [/Ms$/, formatMs],
  [/Sec$/, formatSeconds],
];

/** Ratios and correlations read best with two decimals. */
const UNITLESS_FRACTIONS = /^(r2|spearman|rho|fraction|share)$/i;

export function formatMetricValue(name: string, value: MetricValue): string {
  if (value === null) return DASH;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return DASH;
  for (const [suffix, format] of UNIT_SUFFIXES) if (suffix.test(name)) return format(value);
  if (UNITLESS_FRACTIONS.test(name)) return value.toFixed(2);
  return Number.isInteger(value) ? formatCount(value) : value.toFixed(2);
}

/** `slopeBytesPerSec` → "slope", `observedStartBytes` → "observed start", `r2` → "R²". */
export function metricLabel(name: string): string {
  if (name === 'r2') return 'R²';
  if (name === 'spearman') return 'Spearman ρ';
  const bare = name.replace(/(BytesPerSec|Bytes|Percent|Ms|Sec)$/, '') || name;
  const words = bare.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface MetricText {
  name: string;
  label: string;
  text: string;
}

/** A finding's metrics, as label and text, in the order the rule gave them. */
export function findingMetrics(metrics: Record<string, MetricValue>, max = 8): MetricText[] {
  return Object.entries(metrics)
    .slice(0, max)
    .map(([name, value]) => ({ name, label: metricLabel(name), text: formatMetricValue(name, value) }));
}

export interface MetricRow {
  key: string;
  label: string;
  text: string;
  /** The raw number behind the text, or null when the data cannot give it. */
  value: number | null;
}

function mmuLabel(windowMs: number): string {
  return windowMs >= 1000 ? `MMU ${windowMs / 1000} s` : `MMU ${windowMs} ms`;
}

/** The run's key numbers, in the order an on-call engineer reads them. */
export function metricRows(m: Metrics): MetricRow[] {
  const row = (key: string, label: string, value: number | null | undefined, format: (v: number) => string): MetricRow => {
    const known = value != null && Number.isFinite(value) ? value : null;
    return { key, label, value: known, text: known === null ? DASH : format(known) };
  };
  return [
    row('gc-overhead', 'GC overhead (pauses / wall time)', m.gcOverheadPercent, formatPercent),
    row('gc-cpu', 'GC CPU (runtime figure)', m.gcCpuPercent, formatPercent),
    row('pause-p50', 'Pause p50', m.pauses?.p50Ms, formatMs),
    row('pause-p99', 'Pause p99', m.pauses?.p99Ms, formatMs),
    row('pause-max', 'Pause max', m.pauses?.maxMs, formatMs),
    ...m.mmu.map((point) => row(`mmu-${point.windowMs}`, mmuLabel(point.windowMs), point.utilisation === null ? null : point.utilisation * 100, formatPercent)),
    row('floor-slope', 'Post-GC floor slope', m.floorTrend?.slopeBytesPerSec, formatGrowthRate),
    row('floor-r2', 'Floor fit R²', m.floorTrend?.r2, (v) => v.toFixed(2)),
    row('allocation-rate', 'Allocation rate (median)', m.allocationRate?.medianBytesPerSec, formatByteRate),
    row('footprint', 'Footprint (max committed)', m.maxCommittedBytes, formatBytes),
    row('peak-heap', 'Peak heap', m.peakHeapBytes, formatBytes),
    row('time-to-limit', m.limit ? `Time to limit (${formatBytes(m.limit.bytes)})` : 'Time to limit', m.timeToLimitSec, formatSeconds),
  ];
}

/** Where an evidence item points, short: "gctrace.log:12–345", "gctrace.log:3, 7, 9 +2", "heap-2.pb.gz: 5 rows". */
export function evidenceLocation(e: Evidence): string {
  const file = baseName(e.artifact);
  if (e.lineRange) return e.lineRange.from === e.lineRange.to ? `${file}:${e.lineRange.from}` : `${file}:${e.lineRange.from}–${e.lineRange.to}`;
  if (e.lines?.length) {
    const shown = e.lines.slice(0, 3).join(', ');
    return e.lines.length > 3 ? `${file}:${shown} +${e.lines.length - 3}` : `${file}:${shown}`;
  }
  if (e.rows?.length) return `${file}: ${e.rows.length} row${e.rows.length === 1 ? '' : 's'}`;
  return file;
}

/** "12.0 s – 47.5 s": the time an evidence item covers on the log's clock. */
export function evidenceTime(e: Evidence): string | null {
  if (!e.timeRange) return null;
  return `${formatSeconds(e.timeRange.fromSec)} – ${formatSeconds(e.timeRange.toSec)}`;
}
