/**
 * Streams one GC log file (plain or gzipped) through format detection and its
 * parser. The file is never held whole: lines are held back only until the
 * format is known, and at most DETECT_LIMIT_BYTES of them.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { LogFormat } from '../../shared/gc-event';
import { GclensError } from '../../shared/result';
import type { GcLogParser, RecordHandler } from '../parsers/gc-log-parser';
import { createParser, describeExpectedFormats, detectFormat, type KnownFormat } from '../parsers/gc-log-formats';
import { LineSplitter } from '../parsers/line-splitter';

export const DETECT_LIMIT_BYTES = 4 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;

export interface LogInput {
  path: string;
  /** The name records and messages use for this file. */
  name: string;
}

export interface ReadProgress {
  name: string;
  bytesRead: number;
  totalBytes: number;
}

export interface ReadOptions {
  /** Skip detection and read the file as this format. */
  format?: KnownFormat;
  onRecord: RecordHandler;
  onProgress?: (progress: ReadProgress) => void;
  /** Stop after this many bytes of the file (a peek at its head). */
  limitBytes?: number;
}

export interface ReadOutcome {
  format: LogFormat;
  lines: number;
  bytes: number;
  recognised: Readonly<Record<string, number>>;
}

export async function readGcLog(input: LogInput, options: ReadOptions): Promise<ReadOutcome> {
  const totalBytes = (await stat(input.path)).size;
  if (totalBytes === 0) throw new GclensError('unsupported-format', `${input.name} is empty: expected ${describeExpectedFormats()}`);
  const gzipped = await startsWithGzipMagic(input.path);

  let parser: GcLogParser | null = options.format ? createParser(options.format, input.name, options.onRecord) : null;
  let heldBack: Array<[string, number]> = [];
  let heldBackBytes = 0;
  const splitter = new LineSplitter((text, lineNo) => {
    if (parser) return parser.line(text, lineNo);
    const format = detectFormat(text);
    if (format) {
      parser = createParser(format, input.name, options.onRecord);
      for (const [held, heldNo] of heldBack) parser.line(held, heldNo);
      heldBack = [];
      parser.line(text, lineNo);
      return;
    }
    heldBack.push([text, lineNo]);
    heldBackBytes += text.length + 1;
    if (heldBackBytes > DETECT_LIMIT_BYTES) throw notAGcLog(input.name, 'in its first 4 MB');
  });

  let bytesRead = 0;
  const raw = createReadStream(input.path, { highWaterMark: CHUNK_BYTES });
  raw.on('data', (chunk) => {
    bytesRead += chunk.length;
    options.onProgress?.({ name: input.name, bytesRead, totalBytes });
  });
  const stream = gzipped ? raw.pipe(createGunzip()) : raw;
  raw.on('error', (err) => stream.destroy(err));
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      splitter.push(chunk);
      if (options.limitBytes !== undefined && bytesRead >= options.limitBytes) {
        raw.destroy();
        break;
      }
    }
  } catch (err) {
    raw.destroy();
    if (err instanceof GclensError) throw err;
    const code = (err as { code?: string }).code;
    if (gzipped && code?.startsWith('Z_')) throw new GclensError('unsupported-format', `${input.name}: corrupt gzip data after ${bytesRead} bytes (${(err as Error).message})`);
    throw err;
  }
  splitter.end();
  // Narrowed by the closure above: TypeScript cannot see the assignment.
  const finalParser = parser as GcLogParser | null;
  if (!finalParser) throw notAGcLog(input.name, '');
  finalParser.end();
  return { format: finalParser.format, lines: splitter.lines, bytes: totalBytes, recognised: finalParser.recognised };
}

function notAGcLog(name: string, where: string): GclensError {
  const scope = where ? ` ${where}` : '';
  return new GclensError('unsupported-format', `${name} is not a GC log gclens can read: found no ${describeExpectedFormats()}${scope}`);
}

async function startsWithGzipMagic(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}
