/**
 * Line access for the text snapshots (goroutine dumps, heap?debug=1): the
 * lines without terminators, and the byte offset of a line for messages that
 * point into a cut or damaged file.
 */
import { GclensError } from '../../../shared/result';

export interface TextLines {
  text: string;
  lines: string[];
  /** Whether the text ends with a newline. The Go runtime always ends its dumps with one; a file without it was cut. */
  complete: boolean;
}

export function splitLines(text: string): TextLines {
  const complete = text.length === 0 || text.endsWith('\n');
  const lines = text.split('\n');
  if (complete) lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.endsWith('\r')) lines[i] = line.slice(0, -1);
  }
  return { text, lines, complete };
}

/** The byte offset where line `index` (0-based) starts. */
export function byteOffsetOfLine(source: TextLines, index: number): number {
  let offset = 0;
  for (let i = 0; i < index && i < source.lines.length; i++) offset += Buffer.byteLength(source.lines[i] as string) + 1;
  return offset;
}

/**
 * The error for a line that does not parse: a cut dump when it is the final,
 * unterminated line, a malformed one otherwise.
 */
export function lineError(source: TextLines, index: number, file: string, what: string): GclensError {
  const where = `line ${index + 1} (byte ${byteOffsetOfLine(source, index)})`;
  if (index === source.lines.length - 1 && !source.complete) {
    return new GclensError('unsupported-format', `${file}: the dump is cut short: it ends mid-line at ${where}`);
  }
  return new GclensError('unsupported-format', `${file}: ${what} at ${where}: ${JSON.stringify(source.lines[index]?.slice(0, 120))}`);
}

/** A `#\t0x…\tfunc+0x…\tfile:line` frame line of a debug=1 dump: the function name, or the address when unsymbolized. */
export function symbolLineFunction(line: string): string | null {
  const fields = line.trim().split(/\s+/);
  if (fields[0] !== '#' || !fields[1]?.startsWith('0x')) return null;
  const fn = fields[2];
  if (!fn) return fields[1];
  const plus = fn.lastIndexOf('+0x');
  return plus > 0 ? fn.slice(0, plus) : fn;
}
