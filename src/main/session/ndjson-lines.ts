/**
 * Reads an NDJSON file written by NdjsonLog as a stream of decoded lines.
 * A last line without its newline is torn (the writer died mid-write): it
 * is counted, never handed out, never fatal. A complete line that does not
 * decode (a lost disk block, a hand edit) is skipped and its number kept.
 */
import { createReadStream } from 'node:fs';

export interface NdjsonScanStats {
  /** 1 when the file ends in a line without its newline, else 0. */
  tornLines: number;
  /** 1-based numbers of complete lines that are not valid (JSON, or what the caller expects). */
  corruptLines: number[];
}

export interface NdjsonLine {
  lineNo: number;
  value: unknown;
}

const READ_CHUNK_BYTES = 1 << 20;
/** Stop listing corrupt line numbers past this many. */
export const MAX_CORRUPT_LINES_LISTED = 1000;

export function noteCorrupt(stats: NdjsonScanStats, lineNo: number): void {
  if (stats.corruptLines.length < MAX_CORRUPT_LINES_LISTED) stats.corruptLines.push(lineNo);
}

/** Lines of `path` in order; a missing file reads as empty. */
export async function* readNdjsonLines(path: string, stats: NdjsonScanStats): AsyncGenerator<NdjsonLine> {
  let carry: Buffer = Buffer.alloc(0);
  let lineNo = 0;
  let stream;
  try {
    stream = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
    for await (const data of stream) {
      const chunk = data as Buffer;
      const buf = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
      let start = 0;
      for (let nl = buf.indexOf(0x0a, start); nl >= 0; nl = buf.indexOf(0x0a, start)) {
        lineNo++;
        const text = buf.toString('utf8', start, nl);
        start = nl + 1;
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          noteCorrupt(stats, lineNo);
          continue;
        }
        yield { lineNo, value };
      }
      carry = buf.subarray(start);
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return;
    throw err;
  } finally {
    stream?.destroy();
  }
  if (carry.length > 0) stats.tornLines = 1;
}
