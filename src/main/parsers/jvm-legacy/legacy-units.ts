/**
 * Numbers, sizes and line decorations of the JDK ≤ 8 GC log.
 *
 * HotSpot prints numbers with the C locale's "%.3f"-style formats, except that
 * some JVMs honour the process locale and write decimal commas
 * (`0,0165: [GC pause (young), 0,0665670 secs]`, `Heap: 4985,5M(11,5G)`). A
 * comma between two digits is therefore a decimal point; a comma followed by a
 * space is a separator.
 *
 * Decorations, in the order HotSpot prints them before a GC line:
 *   PrintGCDateStamps   2014-03-28T20:51:21.123+0100:
 *   PrintGCTimeStamps   12.345:
 *   PrintGCID (8u)      #12:
 */

/** A decimal number with a point or a comma: `0.0123`, `0,0123`, `24`. */
export const NUM = String.raw`\d+(?:[.,]\d+)?`;
/** A size with its unit as HotSpot prints it: `1024K`, `24.0M`, `0.0B`, `11,5G`. */
export const SIZE = String.raw`(${NUM})([BKMGT])`;

export const UNIT_BYTES: Record<string, number> = { B: 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };

/** Exact powers of ten a double holds. */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * The decimal number in text[from, to), point or comma, read by char code
 * (this is the hot path of every line). Digits and one separator only, else NaN.
 */
export function decimal(text: string, from = 0, to = text.length): number {
  let whole = 0;
  let fraction = 0;
  let places = -1;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (places === -1) whole = whole * 10 + (c - 48);
      else {
        fraction = fraction * 10 + (c - 48);
        places++;
      }
    } else if ((c === 46 || c === 44) && places === -1 && i > from) places = 0;
    else return Number.NaN;
  }
  if (to <= from || places === 0) return Number.NaN;
  if (places <= 0) return whole;
  // Both parts exact, so the one division rounds correctly, as Number() would.
  return places < POW10.length && whole < 2 ** 31 ? (whole * POW10[places]! + fraction) / POW10[places]! : Number(text.slice(from, to).replace(',', '.'));
}

export function num(text: string): number {
  return decimal(text);
}

/**
 * Milliseconds of a seconds figure, by moving its decimal point, so that
 * `0.0282705` secs is exactly the double nearest 28.2705 ms.
 */
export function msFromSeconds(text: string): number {
  let point = text.indexOf('.');
  if (point === -1) point = text.indexOf(',');
  if (point === -1) return decimal(text) * 1000;
  const places = text.length - point - 1;
  if (places <= 3 || places > 18 || point > 6) return decimal(text) * 1000;
  // The digits as one integer over 10^(places - 3): exact operands, one rounding.
  const digits = decimal(text.slice(0, point) + text.slice(point + 1));
  return digits / POW10[places - 3]!;
}

/** Bytes of `24.0` `M`; K when the unit is missing, as in `[YG occupancy: 282 K (4032 K)]`. */
export function bytes(value: string, unit: string | undefined): number {
  return Math.round(num(value) * (UNIT_BYTES[unit ?? 'K'] ?? 1024));
}

export interface Decorations {
  wallTime: string | null;
  startSec: number | null;
  id: number | null;
  /** Where the text after the decorations starts. */
  end: number;
}

const DATE_STAMP = /(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)[.,](\d{3})([+-]\d\d)(\d\d): /y;
const GC_ID = /#(\d+): /y;
const NO_DECORATIONS: Decorations = Object.freeze({ wallTime: null, startSec: null, id: null, end: 0 });

/** Reads the decorations at `from`; each one is optional. */
export function readDecorations(text: string, from = 0): Decorations {
  let at = from;
  let wallTime: string | null = null;
  let startSec: number | null = null;
  let id: number | null = null;
  if (isDigit(text.charCodeAt(at))) {
    if (text.charCodeAt(at + 4) === 45 /* - */ && text.charCodeAt(at + 10) === 84 /* T */) {
      DATE_STAMP.lastIndex = at;
      const date = DATE_STAMP.exec(text);
      if (date) {
        // ISO-8601 wants the offset as +01:00 when the rest is in extended form.
        wallTime = `${date[1]}.${date[2]}${date[3]}:${date[4]}`;
        at = DATE_STAMP.lastIndex;
      }
    }
    // Uptime: digits, a point or comma, digits, then ": ".
    let i = at;
    while (isDigit(text.charCodeAt(i))) i++;
    const separator = text.charCodeAt(i);
    if (i > at && (separator === 46 || separator === 44) && isDigit(text.charCodeAt(i + 1))) {
      let end = i + 1;
      while (isDigit(text.charCodeAt(end))) end++;
      if (text.charCodeAt(end) === 58 /* : */ && text.charCodeAt(end + 1) === 32) {
        startSec = decimal(text, at, end);
        at = end + 2;
      }
    }
  }
  if (text.charCodeAt(at) === 35 /* # */) {
    GC_ID.lastIndex = at;
    const gcId = GC_ID.exec(text);
    if (gcId) {
      id = Number(gcId[1]);
      at = GC_ID.lastIndex;
    }
  }
  if (at === 0) return NO_DECORATIONS;
  return { wallTime, startSec, id, end: at };
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

const ANY_DATE = /(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)[.,](\d{3})([+-]\d\d)(\d\d)/;
const ANY_UPTIME = /(?:^|[^\d.,:T-])(\d+[.,]\d+)(?=: |$)/g;

/**
 * Decorations from a prefix two threads wrote into at once
 * (`2022-04-25T11:38:47.567+0800: 2022-04-25T11:38:47.567+0800: 725.081: 725.081: `,
 * `652.538: 652.538`): the first date stamp and the last uptime in it.
 */
export function looseDecorations(whole: string): Decorations {
  // Decorations sit right before what they decorate: two sets of them at most.
  const prefix = whole.length > 128 ? whole.slice(-128) : whole;
  const date = ANY_DATE.exec(prefix);
  let startSec: number | null = null;
  ANY_UPTIME.lastIndex = 0;
  for (let m = ANY_UPTIME.exec(prefix); m; m = ANY_UPTIME.exec(prefix)) startSec = num(m[1]!);
  return { wallTime: date ? `${date[1]}.${date[2]}${date[3]}:${date[4]}` : null, startSec, id: null, end: whole.length };
}
