/**
 * Display formatting for bytes, durations and counts. Output is fixed to
 * en-US so what a test reads does not depend on the machine's locale.
 */

/**
 * Binary multiples, labelled the way the Go runtime labels them in gctrace
 * ("4->4->0 MB" means MiB there), so the numbers on screen match the log the
 * engineer has open next to gclens.
 */
const BYTE_UNITS = [
  { label: 'B', divisor: 1 },
  { label: 'KB', divisor: 1024 },
  { label: 'MB', divisor: 1024 ** 2 },
  { label: 'GB', divisor: 1024 ** 3 },
  { label: 'TB', divisor: 1024 ** 4 },
] as const;

export interface ByteUnit {
  label: string;
  divisor: number;
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Three significant figures at most, and never a misleading trailing ".0". */
function compact(value: number): string {
  const abs = Math.abs(value);
  const digits = abs === 0 || abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }).format(value);
}

/** The largest unit in which `bytes` is at least 1, so a chart's axis reads "0–512 MB", not "0–536,870,912". */
export function byteUnitFor(bytes: number): ByteUnit {
  const abs = Math.abs(bytes);
  let unit: ByteUnit = BYTE_UNITS[0];
  for (const candidate of BYTE_UNITS) {
    if (abs >= candidate.divisor) unit = candidate;
  }
  return unit;
}

/** A value in `unit`, without the label. */
export function formatInUnit(bytes: number, unit: ByteUnit): string {
  return compact(bytes / unit.divisor);
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null || !Number.isFinite(bytes)) return '—';
  const unit = byteUnitFor(bytes);
  if (unit.divisor === 1) return `${integer.format(bytes)} B`;
  return `${formatInUnit(bytes, unit)} ${unit.label}`;
}

/** A span of seconds: "42.1 s", "12 min 5 s", "3 h 12 min". */
export function formatSeconds(sec: number | null | undefined): string {
  if (sec == null || !Number.isFinite(sec)) return '—';
  const abs = Math.abs(sec);
  const sign = sec < 0 ? '-' : '';
  if (abs < 60) return `${sign}${compact(abs)} s`;
  if (abs < 3600) {
    const min = Math.floor(abs / 60);
    const s = Math.floor(abs - min * 60);
    return s === 0 ? `${sign}${min} min` : `${sign}${min} min ${s} s`;
  }
  const h = Math.floor(abs / 3600);
  const min = Math.floor((abs - h * 3600) / 60);
  return min === 0 ? `${sign}${h} h` : `${sign}${h} h ${min} min`;
}

/** A pause or a sum of pauses: "42 µs", "3.46 ms", "1.23 s", "2 min 5 s". */
export function formatMs(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return '—';
  const abs = Math.abs(ms);
  if (abs === 0) return '0 ms';
  if (abs < 1) return `${compact(ms * 1000)} µs`;
  if (abs < 1000) return `${compact(ms)} ms`;
  return formatSeconds(ms / 1000);
}

export function formatCount(n: number): string {
  return integer.format(n);
}

export function formatPercent(percent: number | null | undefined): string {
  if (percent == null || !Number.isFinite(percent)) return '—';
  return `${new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(percent)} %`;
}

/** "1 line" / "12 lines". */
export function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** The last segment of a path from either OS, for display; the full path stays in a tooltip. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

export interface TimeUnit {
  label: 's' | 'min' | 'h';
  divisor: number;
}

/** The unit a time axis over `spanSec` reads best in: ticks of "90" min beat ticks of "5400" s. */
export function timeUnitFor(spanSec: number): TimeUnit {
  if (spanSec >= 3 * 3600) return { label: 'h', divisor: 3600 };
  if (spanSec >= 3 * 60) return { label: 'min', divisor: 60 };
  return { label: 's', divisor: 1 };
}

/** A moment for people, to the second, in the viewer's time zone: "26 Nov 2026, 04:21:03". */
export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
}
