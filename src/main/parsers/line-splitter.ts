/**
 * Splits a byte stream into lines, chunks split anywhere (mid-line,
 * mid-UTF-8 character): we split on the byte 0x0A, which never occurs inside
 * a multi-byte UTF-8 sequence, and decode whole lines only. CR before LF is
 * dropped. A line longer than `maxLineBytes` (a binary file, a runaway log)
 * is cut there so memory stays bounded; the rest up to the next newline is
 * skipped. Decoding is most of the cost of a line: a `settle` hook may take
 * a line from its bytes first, and only the lines it declines are decoded.
 */
export type LineHandler = (text: string, lineNo: number) => void;
/**
 * Takes line `lineNo`, bytes [start, end) of `bytes` without its terminator,
 * without it being decoded; false to have it decoded and passed on. The byte
 * at `end` is LF, CR or past the array, never more of the line.
 */
export type ByteLineHandler = (bytes: Uint8Array, start: number, end: number, lineNo: number) => boolean;

const LF = 0x0a;
const CR = 0x0d;
export const DEFAULT_MAX_LINE_BYTES = 1 << 20;

export class LineSplitter {
  private carry: Buffer | null = null;
  private lineNo = 0;
  private skippingOverlong = false;
  /** Offered each line before it is decoded; a line it takes is counted but never reaches onLine. */
  settle: ByteLineHandler | null = null;

  constructor(
    private readonly onLine: LineHandler,
    private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES,
  ) {}

  /** Lines emitted so far. */
  get lines(): number {
    return this.lineNo;
  }

  push(chunk: Buffer): void {
    let start = 0;
    if (this.carry !== null || this.skippingOverlong) {
      const nl = chunk.indexOf(LF);
      if (nl === -1) {
        this.carryOver(chunk);
        return;
      }
      this.carryOver(chunk.subarray(0, nl));
      this.flushCarry();
      start = nl + 1;
    }
    start = this.wholeLines(chunk, start);
    if (start < chunk.length) this.carryOver(chunk.subarray(start));
  }

  /**
   * Emits the lines of `chunk` from `start` that end in it; answers where the
   * rest begins. A function of its own: V8 optimizes this loop while it runs
   * (on-stack replacement), and code that ran on after the loop would, on
   * every chunk, meet operations it has no type feedback for and deoptimize.
   */
  private wholeLines(chunk: Buffer, start: number): number {
    let nl = chunk.indexOf(LF, start);
    while (nl !== -1) {
      const end = nl > start && chunk[nl - 1] === CR ? nl - 1 : nl;
      if (end - start > this.maxLineBytes) this.emit(chunk.toString('utf8', start, start + this.maxLineBytes));
      else this.emitBytes(chunk, start, end);
      start = nl + 1;
      nl = chunk.indexOf(LF, start);
    }
    return start;
  }

  /** Emits a last line that had no newline (a truncated file). */
  end(): void {
    if (this.carry !== null || this.skippingOverlong) this.flushCarry();
  }

  private carryOver(part: Buffer): void {
    if (this.skippingOverlong) return;
    const carry = this.carry === null ? Buffer.from(part) : Buffer.concat([this.carry, part]);
    if (carry.length > this.maxLineBytes) {
      this.carry = carry.subarray(0, this.maxLineBytes);
      this.skippingOverlong = true;
    } else {
      this.carry = carry;
    }
  }

  private flushCarry(): void {
    let carry = this.carry ?? Buffer.alloc(0);
    if (!this.skippingOverlong && carry.length > 0 && carry[carry.length - 1] === CR) carry = carry.subarray(0, -1);
    const overlong = this.skippingOverlong;
    this.carry = null;
    this.skippingOverlong = false;
    // A cut line goes on past `end`: it is decoded, never settled from bytes.
    if (overlong) this.emit(carry.toString('utf8'));
    else this.emitBytes(carry, 0, carry.length);
  }

  private emitBytes(bytes: Buffer, start: number, end: number): void {
    const settle = this.settle;
    if (settle !== null && settle(bytes, start, end, this.lineNo + 1)) this.lineNo++;
    else this.emit(bytes.toString('utf8', start, end));
  }

  private emit(text: string): void {
    this.onLine(text, ++this.lineNo);
  }
}
