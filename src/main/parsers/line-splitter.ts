/**
 * Splits a byte stream into lines, chunks split anywhere (mid-line,
 * mid-UTF-8 character): we split on the byte 0x0A, which never occurs inside
 * a multi-byte UTF-8 sequence, and decode whole lines only. CR before LF is
 * dropped. A line longer than `maxLineBytes` (a binary file, a runaway log)
 * is cut there so memory stays bounded; the rest up to the next newline is
 * skipped.
 */
export type LineHandler = (text: string, lineNo: number) => void;

const LF = 0x0a;
const CR = 0x0d;
export const DEFAULT_MAX_LINE_BYTES = 1 << 20;

export class LineSplitter {
  private carry: Buffer | null = null;
  private lineNo = 0;
  private skippingOverlong = false;

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
    let nl = chunk.indexOf(LF);
    if (this.carry !== null || this.skippingOverlong) {
      if (nl === -1) {
        this.carryOver(chunk);
        return;
      }
      this.carryOver(chunk.subarray(0, nl));
      this.flushCarry();
      start = nl + 1;
      nl = chunk.indexOf(LF, start);
    }
    while (nl !== -1) {
      const end = nl > start && chunk[nl - 1] === CR ? nl - 1 : nl;
      if (end - start > this.maxLineBytes) this.emit(chunk.toString('utf8', start, start + this.maxLineBytes));
      else this.emit(chunk.toString('utf8', start, end));
      start = nl + 1;
      nl = chunk.indexOf(LF, start);
    }
    if (start < chunk.length) this.carryOver(chunk.subarray(start));
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
    this.carry = null;
    this.skippingOverlong = false;
    this.emit(carry.toString('utf8'));
  }

  private emit(text: string): void {
    this.onLine(text, ++this.lineNo);
  }
}
