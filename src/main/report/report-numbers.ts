/**
 * Every number the report shows goes through `num`: formatted for a person
 * (binary units, rates per minute, as `gclens analyze` prints them), the
 * exact value in its title, a link to the evidence it rests on, and a
 * stable `data-n` name that `gclens verify` finds it by. Metric names carry
 * their unit (docs: src/shared/analysis.ts), which picks the format.
 */
import type { MetricValue } from '../../shared/analysis';
import { formatBytes, formatDuration, formatMs, formatPercent, formatRate } from '../analysis/format';
import { html, type SafeHtml } from './html';

/** Shown for a value the data cannot give. */
export const MISSING = '–';

function plainNumber(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  const abs = Math.abs(value);
  return value.toFixed(abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3);
}

/** A metric value by the unit its name ends in. */
export function formatMetric(name: string, value: MetricValue): string {
  if (value === null) return MISSING;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return String(value);
  if (/BytesPerSec$/.test(name)) return formatRate(value);
  if (/Bytes$/.test(name)) return formatBytes(value);
  if (/Ms$/.test(name)) return formatMs(value);
  if (/Sec$/.test(name)) return formatDuration(value);
  if (/Percent$/.test(name)) return formatPercent(value);
  if (/(Share|Ratio)$/.test(name) || name === 'share') return formatPercent(value * 100);
  return plainNumber(value);
}

/** The exact value, for the title a reader hovers over. */
export function exactValue(value: MetricValue): string {
  return value === null ? 'no value' : String(value);
}

/** A number (or any value verify re-derives) on the page, linked to its evidence when it has some. */
export function num(id: string, text: string, evidenceAnchor: string | null, exact?: string): SafeHtml {
  if (evidenceAnchor === null) return html`<span class="n" data-n="${id}" title="${exact ?? text}">${text}</span>`;
  return html`<a class="n" href="#${evidenceAnchor}" data-n="${id}" title="${exact ?? text}">${text}</a>`;
}

/** A re-derived text (a title, a sentence) verify compares as a whole. */
export function derivedText(id: string, text: string): SafeHtml {
  return html`<span data-n="${id}">${text}</span>`;
}

export { formatBytes, formatDuration, formatMs, formatPercent, plainNumber };
