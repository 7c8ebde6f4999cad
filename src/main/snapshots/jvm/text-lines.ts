/**
 * Splits a small text artifact (a histogram, an NMT summary) into lines with
 * the byte offset of each, so an error can say where in the file it is.
 */
export interface TextLine {
  /** 1-based. */
  lineNo: number;
  /** Without the line end (LF or CRLF). */
  text: string;
  /** Byte offset of the line's first byte. */
  offset: number;
  /** False only for a last line the file does not end. */
  terminated: boolean;
}

export function* textLines(bytes: Uint8Array): Generator<TextLine> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let start = 0;
  let lineNo = 0;
  while (start < buf.length) {
    const nl = buf.indexOf(10, start);
    const end = nl === -1 ? buf.length : nl;
    const cut = end > start && buf[end - 1] === 13 ? end - 1 : end;
    lineNo++;
    yield { lineNo, text: buf.toString('utf8', start, cut), offset: start, terminated: nl !== -1 };
    start = end + 1;
  }
}

/** The process id line jcmd prints first (`12345:`). */
export function parsePidLine(text: string): number | null {
  const match = /^(\d+):$/.exec(text.trim());
  return match ? Number(match[1]) : null;
}

/**
 * What the launcher prints before any tool output when the environment sets
 * JVM options: `Picked up JAVA_TOOL_OPTIONS: …`, `_JAVA_OPTIONS`, `JDK_JAVA_OPTIONS`.
 */
export function isLauncherNoise(text: string): boolean {
  return /^(?:NOTE: )?Picked up [A-Z_]+: /.test(text);
}
