/**
 * A cursor over one line for the hot paths of the parsers: literal checks and
 * number reads by char code, with no regex and no substring per field. Every
 * read either advances and answers, or fails (NaN / false) and leaves the
 * cursor where it was, so a caller can try an alternative.
 */
const ZERO = 48;
const NINE = 57;
const DOT = 46;
const COMMA = 44;

/** Exact powers of ten a double holds, for the correctly rounded fast path. */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

export class TextScanner {
  text = '';
  pos = 0;

  reset(text: string, pos = 0): this {
    this.text = text;
    this.pos = pos;
    return this;
  }

  /** Consumes `literal` if the text continues with it. */
  skip(literal: string): boolean {
    if (!this.text.startsWith(literal, this.pos)) return false;
    this.pos += literal.length;
    return true;
  }

  /** Moves just past the next `literal`, wherever it is. */
  skipPast(literal: string): boolean {
    const at = this.text.indexOf(literal, this.pos);
    if (at === -1) return false;
    this.pos = at + literal.length;
    return true;
  }

  /** An unsigned integer, or NaN. */
  int(): number {
    const { text } = this;
    let i = this.pos;
    let value = 0;
    for (let c = text.charCodeAt(i); c >= ZERO && c <= NINE; c = text.charCodeAt(++i)) value = value * 10 + (c - ZERO);
    if (i === this.pos) return Number.NaN;
    this.pos = i;
    return value;
  }

  /**
   * An unsigned decimal (`12`, `0.072`, `1,5` when `decimalComma`), or NaN.
   * Digits and a power of ten that a double holds exactly make the division
   * correctly rounded, the same value Number() gives; longer ones fall back to it.
   */
  decimal(decimalComma = false): number {
    const { text } = this;
    const start = this.pos;
    let i = start;
    let mantissa = 0;
    let digits = 0;
    let fraction = 0;
    let c = text.charCodeAt(i);
    for (; c >= ZERO && c <= NINE; c = text.charCodeAt(++i), digits++) mantissa = mantissa * 10 + (c - ZERO);
    if ((c === DOT || (decimalComma && c === COMMA)) && isDigit(text.charCodeAt(i + 1))) {
      for (c = text.charCodeAt(++i); c >= ZERO && c <= NINE; c = text.charCodeAt(++i), digits++, fraction++) mantissa = mantissa * 10 + (c - ZERO);
    }
    if (digits === 0) return Number.NaN;
    this.pos = i;
    if (digits <= 15 && fraction < POW10.length) return fraction === 0 ? mantissa : mantissa / POW10[fraction]!;
    return Number(text.slice(start, i).replace(',', '.'));
  }
}

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}
