/**
 * Streams GC log files (plain or gzipped) through format detection and a
 * parser. The file is never held whole: lines are held back only until the
 * format is known, and at most DETECT_LIMIT_BYTES of them.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { LogFormat, SourceRef } from '../../shared/gc-event';
import { GclensError } from '../../shared/result';
import type { GcLogParser, RecordHandler } from '../parsers/gc-log-parser';
import { createParser, describeExpectedFormats, detectFormat, type KnownFormat } from '../parsers/gc-log-formats';
import { LineSplitter, type ByteLineHandler } from '../parsers/line-splitter';

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
  return readGcLogSet([input], options);
}

/**
 * Several files as ONE stream through one parser, in the order given (a
 * rotation set, ordered by orderLogSet): a collection that starts at the end
 * of one file and ends in the next is still one event. Lines are numbered
 * across the set and mapped back to their own file and line in each record.
 */
export async function readGcLogSet(inputs: LogInput[], options: ReadOptions): Promise<ReadOutcome> {
  const boundaries: Array<{ firstLine: number; name: string }> = [];
  const onRecord: RecordHandler =
    inputs.length === 1
      ? options.onRecord
      : (record) => {
          record.source = localSource(boundaries, record.source.line);
          options.onRecord(record);
        };
  const setName = inputs.map((input) => input.name).join(', ');
  let parser: GcLogParser | null = options.format ? createParser(options.format, inputs[0]!.name, onRecord) : null;
  let heldBack: Array<[string, number]> = [];
  let heldBackBytes = 0;
  const feed = (text: string, lineNo: number): void => {
    if (parser) return parser.line(text, lineNo);
    const format = detectFormat(text);
    if (format) {
      parser = createParser(format, inputs[0]!.name, onRecord);
      for (const [held, heldNo] of heldBack) parser.line(held, heldNo);
      heldBack = [];
      parser.line(text, lineNo);
      return;
    }
    heldBack.push([text, lineNo]);
    heldBackBytes += text.length + 1;
    if (heldBackBytes > DETECT_LIMIT_BYTES) throw notAGcLog(setName, 'in its first 4 MB');
  };
  // Once the format is known, its parser may take lines from their bytes before they are decoded.
  const settle =
    (offset: number): ByteLineHandler =>
    (bytes, start, end, lineNo) =>
      parser?.lineBytes?.(bytes, start, end, offset + lineNo) ?? false;

  let lines = 0;
  let bytes = 0;
  for (const input of inputs) {
    const size = (await stat(input.path)).size;
    bytes += size;
    if (size === 0) {
      // An empty file alone is an error; an empty member of a rotation set is just skipped.
      if (inputs.length === 1) throw new GclensError('unsupported-format', `${input.name} is empty: expected ${describeExpectedFormats()}`);
      continue;
    }
    boundaries.push({ firstLine: lines + 1, name: input.name });
    const offset = lines;
    lines += await streamLines(input, size, (text, lineNo) => feed(text, offset + lineNo), settle(offset), options);
  }
  // Narrowed by the closure above: TypeScript cannot see the assignment.
  const finalParser = parser as GcLogParser | null;
  if (!finalParser) throw notAGcLog(setName, '');
  finalParser.end();
  return { format: finalParser.format, lines, bytes, recognised: finalParser.recognised };
}

/** Maps a line number counted across the set back to its file and line. */
function localSource(boundaries: Array<{ firstLine: number; name: string }>, line: number): SourceRef {
  let low = 0;
  let high = boundaries.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (boundaries[mid]!.firstLine <= line) low = mid;
    else high = mid - 1;
  }
  const boundary = boundaries[low]!;
  return { file: boundary.name, line: line - boundary.firstLine + 1 };
}

/** Streams one file's lines (gunzipping when it starts with the gzip magic); answers how many. */
async function streamLines(
  input: LogInput,
  totalBytes: number,
  onLine: (text: string, lineNo: number) => void,
  settle: ByteLineHandler,
  options: ReadOptions,
): Promise<number> {
  const gzipped = await startsWithGzipMagic(input.path);
  const splitter = new LineSplitter(onLine);
  splitter.settle = settle;
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
  return splitter.lines;
}

function notAGcLog(name: string, where: string): GclensError {
  const scope = where ? ` ${where}` : '';
  return new GclensError('unsupported-format', `${name} is not a GC log gclens can read: found no ${describeExpectedFormats()}${scope}`);
}

export async function startsWithGzipMagic(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}
