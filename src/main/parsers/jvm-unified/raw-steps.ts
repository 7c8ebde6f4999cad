/**
 * What raw-lines.ts reads of `Concurrent <name> <n>ms` lines from their
 * bytes: the trailing duration, as StepLine.read finds it, and the name as
 * a string made once per distinct name (a log holds a dozen).
 */

/** Names kept; past this, names are made afresh each time (input that is not a GC log). */
const MAX_NAMES = 1024;
/** Powers of ten a double holds exactly, as TextScanner.decimal divides by. */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * The duration that ends the line from `from` to `end` in milliseconds
 * (sizes.ts trailingDuration: after the last space, past trailing blanks,
 * unless the text ends in `)`), with `at.pos` on that space; NaN when there
 * is none, -1 when it has more digits than TextScanner.decimal adds up exactly.
 */
export function trailingDurationMs(b: Uint8Array, from: number, end: number, at: { pos: number }): number {
  let e = end;
  while (e > from && (b[e - 1] === 32 || b[e - 1] === 9 || b[e - 1] === 13)) e--;
  if (b[e - 1] === 41) return Number.NaN;
  let i = e - 1;
  while (i >= from && b[i] !== 32) i--;
  if (i < from) return Number.NaN;
  at.pos = i;
  // TextScanner.decimal(true), then a unit up to the end.
  i++;
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  for (; b[i]! >= 48 && b[i]! <= 57 && i < e; i++, digits++) mantissa = mantissa * 10 + (b[i]! - 48);
  if ((b[i] === 46 || b[i] === 44) && b[i + 1]! >= 48 && b[i + 1]! <= 57 && i + 1 < e) {
    for (i++; b[i]! >= 48 && b[i]! <= 57 && i < e; i++, digits++, fraction++) mantissa = mantissa * 10 + (b[i]! - 48);
  }
  if (digits === 0) return Number.NaN;
  const u = b[i];
  const unit = u === 115 && i + 1 === e ? u : b[i + 1] === 115 && i + 2 === e && (u === 109 || u === 117 || u === 110) ? u : 0;
  if (unit === 0) return Number.NaN;
  if (digits > 15 || fraction >= POW10.length) return -1;
  const value = fraction === 0 ? mantissa : mantissa / POW10[fraction]!;
  // sizes.ts readDurationMs, operation for operation: the same double.
  if (unit === 115) return value * 1000;
  if (unit === 109) return value;
  return unit === 117 ? value / 1000 : value / 1e6;
}

export class StepNames {
  private readonly names = new Map<number, { bytes: number[]; name: string }>();

  /** Bytes [start, end) as a string when they are printable ASCII without parentheses (StepLine's whole name); else null. */
  name(b: Uint8Array, start: number, end: number): string | null {
    let hash = 0;
    for (let i = start; i < end; i++) {
      const c = b[i]!;
      if (c < 32 || c > 126 || c === 40 || c === 41) return null;
      hash = (Math.imul(hash, 31) + c) | 0;
    }
    const known = this.names.get(hash);
    if (known !== undefined && sameBytes(b, start, end, known.bytes)) return known.name;
    const bytes = Array.from(b.subarray(start, end));
    const name = String.fromCharCode(...bytes);
    if (known === undefined && this.names.size < MAX_NAMES) this.names.set(hash, { bytes, name });
    return name;
  }
}

function sameBytes(b: Uint8Array, start: number, end: number, bytes: number[]): boolean {
  if (end - start !== bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) if (b[start + i] !== bytes[i]) return false;
  return true;
}
