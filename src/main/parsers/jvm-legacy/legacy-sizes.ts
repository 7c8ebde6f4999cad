/**
 * Sizes and times as HotSpot prints them inside a collection: a transition
 * `8128K->0K(8192K)` (before -> after (committed)), and the pause that ends a
 * bracket, `, 0.0154899 secs`. Read by char code: this is the hot path.
 */
import type { GenerationSizes } from '../../../shared/gc-event';
import { decimal, NUM, UNIT_BYTES } from './legacy-units';

const NUMBER = new RegExp(String.raw`^${NUM}$`);

/** The `t` of a text that ends with `, t secs` (or `sec`), as written. */
export function pauseSeconds(own: string): string | null {
  let end = own.length;
  while (end > 0 && own.charCodeAt(end - 1) <= 32) end--;
  let at = own.lastIndexOf(' sec', end);
  if (at === -1 || (end - at !== 4 && !(end - at === 5 && own.charCodeAt(end - 1) === 115))) return null;
  const numberEnd = at;
  while (at > 0 && isNumberChar(own.charCodeAt(at - 1))) at--;
  const text = own.slice(at, numberEnd);
  return at < numberEnd && NUMBER.test(text) ? text : null;
}

function isNumberChar(code: number): boolean {
  return (code >= 48 && code <= 57) || code === 46 || code === 44;
}

/** The first `a->b(c)` (or `a->b`) in `text`, sizes with their units: `8128K->0K(8192K)`. */
export function transition(text: string): GenerationSizes | null {
  for (let arrow = text.indexOf('->'); arrow !== -1; arrow = text.indexOf('->', arrow + 2)) {
    const found = transitionAt(text, arrow);
    if (found) return found;
  }
  return null;
}

function transitionAt(text: string, arrow: number): GenerationSizes | null {
  const beforeUnit = UNIT_BYTES[text.charAt(arrow - 1)];
  if (beforeUnit === undefined) return null;
  let start = arrow - 1;
  while (start > 0 && isNumberChar(text.charCodeAt(start - 1))) start--;
  const before = decimal(text, start, arrow - 1);
  let end = arrow + 2;
  while (end < text.length && isNumberChar(text.charCodeAt(end))) end++;
  const afterUnit = UNIT_BYTES[text.charAt(end)];
  const after = decimal(text, arrow + 2, end);
  if (afterUnit === undefined || Number.isNaN(before) || Number.isNaN(after)) return null;
  let committedBytes: number | null = null;
  if (text.charCodeAt(end + 1) === 40 /* ( */) {
    let close = end + 2;
    while (close < text.length && isNumberChar(text.charCodeAt(close))) close++;
    const committedUnit = UNIT_BYTES[text.charAt(close)];
    const committed = decimal(text, end + 2, close);
    if (committedUnit !== undefined && text.charCodeAt(close + 1) === 41 /* ) */ && !Number.isNaN(committed)) committedBytes = Math.round(committed * committedUnit);
  }
  return { beforeBytes: Math.round(before * beforeUnit), afterBytes: Math.round(after * afterUnit), committedBytes };
}

/** Sums sizes part by part; a part missing anywhere is missing in the sum. */
export function sumSizes(parts: GenerationSizes[]): GenerationSizes {
  const add = (pick: (s: GenerationSizes) => number | null): number | null =>
    parts.reduce<number | null>((sum, s) => (sum === null || pick(s) === null ? null : sum + pick(s)!), 0);
  return { beforeBytes: add((s) => s.beforeBytes), afterBytes: add((s) => s.afterBytes), committedBytes: add((s) => s.committedBytes) };
}
