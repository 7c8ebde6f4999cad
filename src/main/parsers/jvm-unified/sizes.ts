/**
 * Sizes and durations as HotSpot's unified logging prints them: a number and
 * a unit letter (`24M`, `1234K`, `0B`, `2G`), heap transitions
 * `before->after(committed)` or, since JDK 17 for some spaces,
 * `before(committed)->after(committed)`, and durations `3.456ms`. Numbers
 * may carry a decimal comma when the JVM ran under such a locale.
 */
import type { TextScanner } from '../text-scanner';

/** Bytes per unit letter (B, K, M, G, T), or NaN. */
export function unitBytes(code: number): number {
  switch (code) {
    case 77: // M
      return 1024 * 1024;
    case 75: // K
      return 1024;
    case 66: // B
      return 1;
    case 71: // G
      return 1024 * 1024 * 1024;
    case 84: // T
      return 1024 * 1024 * 1024 * 1024;
    default:
      return Number.NaN;
  }
}

/** A size like `24M` at the cursor, in bytes, or NaN (cursor unmoved). */
export function readSize(s: TextScanner): number {
  const start = s.pos;
  const value = s.decimal(true);
  const unit = unitBytes(s.text.charCodeAt(s.pos));
  if (Number.isNaN(value) || Number.isNaN(unit)) {
    s.pos = start;
    return Number.NaN;
  }
  s.pos++;
  return value * unit;
}

/** What a heap transition holds, in bytes; null where the log leaves it out. */
export interface Transition {
  before: number;
  after: number;
  /** Committed after the collection: the number in parentheses after `after`. */
  committed: number | null;
}

/**
 * `A->B(C)`, `A->B` or `A(Ca)->B(Cb)` at the cursor into `out`; false (cursor
 * unmoved) when the text is not one.
 */
export function readTransition(s: TextScanner, out: Transition): boolean {
  const start = s.pos;
  const before = readSize(s);
  if (Number.isNaN(before)) return false;
  if (s.skip('(')) {
    if (Number.isNaN(readSize(s)) || !s.skip(')')) return fail(s, start);
  }
  if (!s.skip('->')) return fail(s, start);
  const after = readSize(s);
  if (Number.isNaN(after)) return fail(s, start);
  let committed: number | null = null;
  if (s.skip('(')) {
    const c = readSize(s);
    if (Number.isNaN(c) || !s.skip(')')) return fail(s, start);
    committed = c;
  }
  out.before = before;
  out.after = after;
  out.committed = committed;
  return true;
}

/** ZGC's `104M(10%)->88M(9%)`: sizes with a share of the heap, no committed size. */
export function readPercentTransition(s: TextScanner, out: Transition): boolean {
  const start = s.pos;
  const before = readSize(s);
  if (Number.isNaN(before) || !skipPercent(s) || !s.skip('->')) return fail(s, start);
  const after = readSize(s);
  if (Number.isNaN(after) || !skipPercent(s)) return fail(s, start);
  out.before = before;
  out.after = after;
  out.committed = null;
  return true;
}

function skipPercent(s: TextScanner): boolean {
  const start = s.pos;
  if (s.skip('(') && !Number.isNaN(s.decimal(true)) && s.skip('%)')) return true;
  s.pos = start;
  return false;
}

/** A duration `12.345ms` (or `0.075s`, `1234 ns` style units) at the cursor, in milliseconds, or NaN. */
export function readDurationMs(s: TextScanner): number {
  const start = s.pos;
  const value = s.decimal(true);
  if (Number.isNaN(value)) return value;
  if (s.skip('ms')) return value;
  if (s.skip('s')) return value * 1000;
  if (s.skip('us')) return value / 1000;
  if (s.skip('ns')) return value / 1e6;
  s.pos = start;
  return Number.NaN;
}

/**
 * The duration that ends a line (`… 3.456ms`) in milliseconds, with the
 * cursor left on the space before it; NaN (cursor unspecified) when the
 * line does not end with one.
 */
export function trailingDuration(s: TextScanner, from: number, end: number): number {
  const space = s.text.lastIndexOf(' ', end - 1);
  if (space < from) return Number.NaN;
  s.pos = space + 1;
  const ms = readDurationMs(s);
  if (Number.isNaN(ms) || s.pos !== end) return Number.NaN;
  s.pos = space;
  return ms;
}

/** Index just past the last non-space character before `end`. */
export function trimEnd(text: string, from: number, end = text.length): number {
  while (end > from && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9 || text.charCodeAt(end - 1) === 13)) end--;
  return end;
}

function fail(s: TextScanner, start: number): false {
  s.pos = start;
  return false;
}
