/** Numbers as the titles and the text report print them: binary units, as the runtimes count. */
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(bytes: number): string {
  const sign = bytes < 0 ? '-' : '';
  let v = Math.abs(bytes);
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return `${sign}${u === 0 ? v.toFixed(0) : v.toFixed(v >= 100 ? 0 : 1)} ${UNITS[u]}`;
}

/** A growth rate per minute, the unit on-call engineers think in. */
export function formatRate(bytesPerSec: number): string {
  return `${formatBytes(bytesPerSec * 60)}/min`;
}

export function formatDuration(seconds: number): string {
  if (seconds < 1) return `${(seconds * 1000).toFixed(seconds < 0.01 ? 2 : 0)} ms`;
  if (seconds < 120) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  if (seconds < 7200) return `${(seconds / 60).toFixed(0)} min`;
  if (seconds < 2 * 86400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} days`;
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms < 10 ? ms.toFixed(2) : ms.toFixed(0)} ms`;
}

export function formatPercent(percent: number): string {
  return `${percent < 10 ? percent.toFixed(1) : percent.toFixed(0)} %`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Rounds a 0–1 confidence to two places so JSON stays readable. */
export function roundConfidence(c: number): number {
  return Math.round(Math.max(0, Math.min(1, c)) * 100) / 100;
}

export function formatBytesPerSec(bytesPerSec: number): string {
  return `${formatBytes(bytesPerSec)}/s`;
}

/** "1 collection reports" / "3 collections report". */
export function pluralVerb(n: number, word: string, singular: string, plural_: string): string {
  return `${plural(n, word)} ${n === 1 ? singular : plural_}`;
}

/** "1 collection was" / "3 collections were". */
export function pluralWas(n: number, word: string): string {
  return pluralVerb(n, word, 'was', 'were');
}
