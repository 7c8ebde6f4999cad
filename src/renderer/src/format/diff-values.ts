/**
 * Values of a snapshot diff, formatted by the unit the backend names
 * (SnapshotDiff.unit, SnapshotSummary.units): the pprof sample unit, or
 * bytes and counts for JVM snapshots.
 */
import { formatBytes, formatCount, formatMs, formatPercent } from './units';

export function formatValue(value: number | null | undefined, unit: string): string {
  if (value == null || !Number.isFinite(value)) return '—';
  switch (unit) {
    case 'bytes':
      return formatBytes(value);
    case 'count':
      return formatCount(value);
    case 'nanoseconds':
      return formatMs(value / 1e6);
    default:
      // pprof allows any unit string (cycles, seconds from a custom profile…): show it as given.
      return `${formatCount(value)} ${unit}`;
  }
}

/** A change: always signed, so "+1.5 MB" and "-1.5 MB" never read as totals. */
export function formatDelta(delta: number | null | undefined, unit: string): string {
  if (delta == null || !Number.isFinite(delta)) return '—';
  if (delta === 0) return formatValue(0, unit);
  const sign = delta > 0 ? '+' : '-';
  return `${sign}${formatValue(Math.abs(delta), unit)}`;
}

/**
 * Growth relative to the base, in percent. Something absent from the base
 * grew from nothing: +Infinity (shown as "new"); absent from both: 0.
 */
export function deltaPercent(base: number, next: number): number {
  if (base === 0) return next === 0 ? 0 : next > 0 ? Infinity : -Infinity;
  return ((next - base) / Math.abs(base)) * 100;
}

export function formatDeltaPercent(base: number, next: number): string {
  const percent = deltaPercent(base, next);
  if (percent === Infinity) return 'new';
  if (percent === -Infinity) return '-new';
  if (percent === 0) return '0 %';
  // A hair of change in a large total would otherwise read "-0 %".
  if (Math.abs(percent) < 0.1) return `${percent > 0 ? '+' : '-'}<0.1 %`;
  return `${percent > 0 ? '+' : ''}${formatPercent(percent)}`;
}
