/**
 * Writes a gzipped tar (POSIX ustar, with a PAX extended header for a name
 * or size ustar cannot hold), streaming: a heap dump in a bundle is never
 * held in memory. Deterministic: the caller gives each entry's mtime, and
 * uid, gid, owner names and mode are fixed, so the same entries always give
 * the same bytes (gzip's own header carries no time when written by zlib).
 *
 * Layout of a ustar header block (POSIX.1-1988, pax in POSIX.1-2001):
 * name 0..100, mode 100, uid 108, gid 116, size 124 (12), mtime 136 (12),
 * chksum 148 (8), typeflag 156, linkname 157..257, magic "ustar\0" 257,
 * version "00" 263, uname 265 (32), gname 297 (32), devmajor 329,
 * devminor 337, prefix 345..500.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants as zlibConstants, createGzip } from 'node:zlib';

export const BLOCK = 512;
/** Tar archives are traditionally padded to a record of 20 blocks. */
const RECORD = 20 * BLOCK;
/** The largest size 11 octal digits hold. */
const MAX_USTAR_SIZE = 0o77777777777;

export interface TarEntry {
  /** Path inside the archive, `/`-separated, relative. */
  name: string;
  /** Exact byte length of the content. */
  size: number;
  mtimeSec: number;
  /** Bytes, or a file on disk to stream (it must still hold `size` bytes). */
  content: Buffer | { path: string };
}

function writeString(block: Buffer, offset: number, length: number, value: string): void {
  block.write(value, offset, Math.min(length, Buffer.byteLength(value)), 'utf8');
}

function writeOctal(block: Buffer, offset: number, length: number, value: number): void {
  writeString(block, offset, length, value.toString(8).padStart(length - 1, '0') + '\0');
}

/** One header block; `typeflag` '0' for a file, 'x' for a PAX extended header. */
export function headerBlock(name: string, size: number, mtimeSec: number, typeflag: '0' | 'x', prefix = ''): Buffer {
  const block = Buffer.alloc(BLOCK);
  writeString(block, 0, 100, name);
  writeOctal(block, 100, 8, 0o644);
  writeOctal(block, 108, 8, 0);
  writeOctal(block, 116, 8, 0);
  writeOctal(block, 124, 12, Math.min(size, MAX_USTAR_SIZE));
  writeOctal(block, 136, 12, Math.max(0, Math.floor(mtimeSec)));
  block.fill(0x20, 148, 156); // the checksum counts its own field as spaces
  block.write(typeflag, 156, 'ascii');
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  writeString(block, 345, 155, prefix);
  let sum = 0;
  for (const byte of block) sum += byte;
  writeString(block, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return block;
}

/** "<length> key=value\n", the length counting itself. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length) length = String(length).length + Buffer.byteLength(body);
  return `${length}${body}`;
}

/** Splits a long path into ustar's prefix and name at a `/`, when it can be. */
function splitName(name: string): { prefix: string; name: string } | null {
  if (Buffer.byteLength(name) <= 100) return { prefix: '', name };
  for (let i = name.indexOf('/'); i !== -1; i = name.indexOf('/', i + 1)) {
    const prefix = name.slice(0, i);
    const rest = name.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(rest) <= 100 && rest !== '') return { prefix, name: rest };
  }
  return null;
}

const padding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

function* entryHeaders(entry: TarEntry): Generator<Buffer> {
  const split = splitName(entry.name);
  if (!split || entry.size > MAX_USTAR_SIZE) {
    const records = Buffer.from((split ? '' : paxRecord('path', entry.name)) + (entry.size > MAX_USTAR_SIZE ? paxRecord('size', String(entry.size)) : ''), 'utf8');
    yield headerBlock(`PaxHeader/${entry.name.slice(-80)}`.slice(0, 100), records.length, entry.mtimeSec, 'x');
    yield records;
    yield padding(records.length);
  }
  const short = split ?? { prefix: '', name: entry.name.slice(-100) };
  yield headerBlock(short.name, entry.size, entry.mtimeSec, '0', short.prefix);
}

async function* archive(entries: TarEntry[]): AsyncGenerator<Buffer> {
  let total = 0;
  const emit = (chunk: Buffer) => {
    total += chunk.length;
    return chunk;
  };
  for (const entry of entries) {
    for (const block of entryHeaders(entry)) yield emit(block);
    if (Buffer.isBuffer(entry.content)) {
      if (entry.content.length !== entry.size) throw new Error(`tar: ${entry.name} is ${entry.content.length} bytes, not ${entry.size}`);
      yield emit(entry.content);
    } else if (entry.size > 0) {
      let written = 0;
      for await (const chunk of createReadStream(entry.content.path, { end: entry.size - 1 }) as AsyncIterable<Buffer>) {
        written += chunk.length;
        yield emit(chunk);
      }
      if (written !== entry.size) throw new Error(`tar: ${entry.content.path} holds ${written} bytes, not the ${entry.size} listed`);
    }
    yield emit(padding(entry.size));
  }
  yield emit(Buffer.alloc(2 * BLOCK));
  yield Buffer.alloc((RECORD - (total % RECORD)) % RECORD);
}

/** Writes the entries, in the order given, as a .tar.gz at `dest` (through a temporary file, renamed when complete). */
export async function writeTarGz(dest: string, entries: TarEntry[]): Promise<void> {
  const partial = `${dest}.partial`;
  try {
    await pipeline(Readable.from(archive(entries)), createGzip({ level: zlibConstants.Z_BEST_COMPRESSION }), createWriteStream(partial));
    await rename(partial, dest);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
}
