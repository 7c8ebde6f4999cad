/**
 * The gctrace line of Go 1.5 and later, read from its UTF-8 bytes (see
 * gctrace-parser.ts for the formats):
 *
 *   gc 1 @0.058s 0%: a+b+c ms clock, … ms cpu, 4->4->1 MB, 5 MB goal[, 0 MB stacks, 0 MB globals], 4 P[ (forced)]
 *
 * This runs once per line of every gctrace file, so it is written out by
 * hand: the literals are compared byte by byte in place. Reading them through
 * a scanner's methods (thirty calls a line) runs out of V8's inlining budget
 * and took twice as long. Numbers read as TextScanner reads them: no digits
 * is NaN, and a line with a NaN is no event. The byte at `end` must be no
 * digit and no byte of a literal (a line's LF or CR, or past the array).
 */
import type { GcEvent } from '../../shared/gc-event';
import { gcEvent } from './gc-log-parser';

const MIB = 1024 * 1024;
/** Exact powers of ten a double holds, for the correctly rounded fast path. */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

export class ModernLine {
  /** Where the last number read ended. */
  private at = 0;

  /** The event of the line in `b` whose `gc` is at `i`, or null. */
  read(b: Uint8Array, i: number, end: number, file: string, line: number): GcEvent | null {
    // `gc `
    if (b[i] !== 103 || b[i + 1] !== 99 || b[i + 2] !== 32) return null;
    const id = this.int(b, i + 3);
    i = this.at;
    // ` @`
    if (b[i] !== 32 || b[i + 1] !== 64) return null;
    const startSec = this.decimal(b, i + 2);
    i = this.at;
    // `s `
    if (b[i] !== 115 || b[i + 1] !== 32) return null;
    const gcCpuPercent = this.int(b, i + 2);
    i = this.at;
    // `%: `
    if (b[i] !== 37 || b[i + 1] !== 58 || b[i + 2] !== 32) return null;
    // Three phases since Go 1.6: STW sweep termination, concurrent mark, STW
    // mark termination. Go 1.5 printed five, the first and last being STW.
    const first = this.decimal(b, i + 3);
    i = this.at;
    let phases = 1;
    let middle = 0;
    let last = Number.NaN;
    while (b[i] === 43 /* + */) {
      if (phases++ > 1) middle += last;
      last = this.decimal(b, i + 1);
      i = this.at;
    }
    if (phases < 3) return null;
    // ` ms clock, `
    if (b[i] !== 32 || b[i + 1] !== 109 || b[i + 2] !== 115 || b[i + 3] !== 32 || b[i + 4] !== 99 || b[i + 5] !== 108) return null;
    if (b[i + 6] !== 111 || b[i + 7] !== 99 || b[i + 8] !== 107 || b[i + 9] !== 44 || b[i + 10] !== 32) return null;
    i = msCpuEnd(b, i + 11, end);
    if (i === -1) return null;
    const heapBefore = this.int(b, i);
    i = this.at;
    // `->`
    if (b[i] !== 45 || b[i + 1] !== 62) return null;
    const heapAfter = this.int(b, i + 2);
    i = this.at;
    if (b[i] !== 45 || b[i + 1] !== 62) return null;
    const live = this.int(b, i + 2);
    i = this.at;
    // ` MB, `
    if (b[i] !== 32 || b[i + 1] !== 77 || b[i + 2] !== 66 || b[i + 3] !== 44 || b[i + 4] !== 32) return null;
    const goal = this.int(b, i + 5);
    i = this.at;
    // ` MB goal, `
    if (b[i] !== 32 || b[i + 1] !== 77 || b[i + 2] !== 66 || b[i + 3] !== 32 || b[i + 4] !== 103) return null;
    if (b[i + 5] !== 111 || b[i + 6] !== 97 || b[i + 7] !== 108 || b[i + 8] !== 44 || b[i + 9] !== 32) return null;
    let procs = this.int(b, i + 10);
    i = this.at;
    let stacks: number | null = null;
    let globals: number | null = null;
    // Go 1.18+: ` MB stacks, ` (the number just read was the stacks), then `X MB globals, `.
    if (b[i] === 32 && b[i + 1] === 77 && b[i + 2] === 66 && b[i + 3] === 32 && b[i + 4] === 115 && b[i + 5] === 116) {
      if (b[i + 6] === 97 && b[i + 7] === 99 && b[i + 8] === 107 && b[i + 9] === 115 && b[i + 10] === 44 && b[i + 11] === 32) {
        stacks = procs * MIB;
        globals = this.int(b, i + 12) * MIB;
        i = this.at;
        if (b[i] !== 32 || b[i + 1] !== 77 || b[i + 2] !== 66 || b[i + 3] !== 32 || b[i + 4] !== 103 || b[i + 5] !== 108 || b[i + 6] !== 111) return null;
        if (b[i + 7] !== 98 || b[i + 8] !== 97 || b[i + 9] !== 108 || b[i + 10] !== 115 || b[i + 11] !== 44 || b[i + 12] !== 32) return null;
        procs = this.int(b, i + 13);
        i = this.at;
      }
    }
    // ` P`, then ` (forced)` after a collection runtime.GC() or the periodic forced GC asked for.
    if (b[i] !== 32 || b[i + 1] !== 80) return null;
    i += 2;
    const forced =
      b[i] === 32 && b[i + 1] === 40 && b[i + 2] === 102 && b[i + 3] === 111 && b[i + 4] === 114 && b[i + 5] === 99 && b[i + 6] === 101 && b[i + 7] === 100 && b[i + 8] === 41;
    const numbers = id + startSec + gcCpuPercent + first + middle + last + heapBefore + heapAfter + live + goal + procs + (globals ?? 0);
    if (Number.isNaN(numbers)) return null;
    return gcEvent({
      runtime: 'go',
      collector: 'go',
      kind: 'cycle',
      source: { file, line },
      id,
      startSec,
      gcCpuPercent,
      pauseMs: first + last,
      concurrentMs: middle,
      heapBeforeBytes: heapBefore * MIB,
      heapAfterBytes: heapAfter * MIB,
      liveBytes: live * MIB,
      goalBytes: goal * MIB,
      stacksBytes: stacks,
      globalsBytes: globals,
      procs,
      forced,
      cause: forced ? 'forced' : null,
    });
  }

  /** An unsigned integer at `i` (NaN when there is none), with `at` after it. */
  private int(b: Uint8Array, i: number): number {
    const start = i;
    let value = 0;
    for (let c = b[i]!; c >= 48 && c <= 57; c = b[++i]!) value = value * 10 + (c - 48);
    this.at = i;
    return i === start ? Number.NaN : value;
  }

  /** An unsigned decimal `12` / `0.072` at `i` (NaN when there is none), with `at` after it; as TextScanner.decimal. */
  private decimal(b: Uint8Array, i: number): number {
    const start = i;
    let mantissa = 0;
    let digits = 0;
    let fraction = 0;
    let c = b[i]!;
    for (; c >= 48 && c <= 57; c = b[++i]!, digits++) mantissa = mantissa * 10 + (c - 48);
    const next = b[i + 1]!;
    if (c === 46 && next >= 48 && next <= 57) {
      for (c = b[++i]!; c >= 48 && c <= 57; c = b[++i]!, digits++, fraction++) mantissa = mantissa * 10 + (c - 48);
    }
    this.at = i;
    if (digits === 0) return Number.NaN;
    if (digits <= 15 && fraction < POW10.length) return fraction === 0 ? mantissa : mantissa / POW10[fraction]!;
    // More digits than a double holds exactly: through Number(), as TextScanner does (ASCII, one char per byte).
    return Number(String.fromCharCode(...b.subarray(start, i)));
  }
}

/** Just past the next ` ms cpu, ` from `i` on, before `end`; -1 when there is none. */
function msCpuEnd(b: Uint8Array, i: number, end: number): number {
  for (const last = end - 9; i <= last; i++) {
    if (b[i] !== 32 || b[i + 1] !== 109 || b[i + 2] !== 115 || b[i + 3] !== 32 || b[i + 4] !== 99) continue;
    if (b[i + 5] === 112 && b[i + 6] === 117 && b[i + 7] === 44 && b[i + 8] === 32) return i + 9;
  }
  return -1;
}
