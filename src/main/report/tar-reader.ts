/**
 * Reads a gzipped tar (ustar, PAX `path` and `size` records, GNU base-256
 * sizes), streaming each regular file to a destination the caller picks.
 * A bundle is input from someone else: header checksums are checked, and
 * links, devices and names the caller does not accept are refused before a
 * byte is written, so an archive cannot write outside its folder.
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { GclensError } from '../../shared/result';
import { BLOCK } from './tar-writer';

class ChunkReader {
  private buf: Buffer = Buffer.alloc(0);
  private done = false;
  constructor(private readonly source: AsyncIterator<Buffer>) {}

  private async fill(n: number): Promise<void> {
    while (this.buf.length < n && !this.done) {
      const next = await this.source.next();
      if (next.done) this.done = true;
      else this.buf = this.buf.length === 0 ? next.value : Buffer.concat([this.buf, next.value]);
    }
  }

  /** Exactly n bytes, or null at a clean end of input. */
  async exact(n: number): Promise<Buffer | null> {
    await this.fill(n);
    if (this.buf.length === 0) return null;
    if (this.buf.length < n) throw truncated();
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }

  /** Up to n bytes, at least one. */
  async some(n: number): Promise<Buffer> {
    await this.fill(1);
    if (this.buf.length === 0) throw truncated();
    const out = this.buf.subarray(0, Math.min(n, this.buf.length));
    this.buf = this.buf.subarray(out.length);
    return out;
  }
}

const truncated = () => new GclensError('unsupported-format', 'the bundle is truncated: its tar ends inside an entry');

function field(block: Buffer, offset: number, length: number): string {
  const raw = block.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString('utf8');
}

function octal(block: Buffer, offset: number, length: number): number {
  if (block[offset]! & 0x80) {
    // GNU base-256: a big-endian number after the marker bit.
    let value = 0;
    for (let i = offset + 1; i < offset + length; i++) value = value * 256 + block[i]!;
    return value;
  }
  const text = field(block, offset, length).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

function checksumOk(block: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  return sum === octal(block, 148, 8);
}

function parsePax(records: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let at = 0;
  while (at < records.length) {
    const space = records.indexOf(0x20, at);
    const length = Number(records.subarray(at, space).toString('ascii'));
    if (space === -1 || !(length > 0)) break;
    const record = records.subarray(space + 1, at + length - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    at += length;
  }
  return out;
}

/** Where to write an entry's bytes (a path on disk), or null to refuse the archive naming it. */
export type EntryTarget = (name: string, size: number) => string | null;

/** Extracts every regular file; answers their names in archive order. */
export async function extractTarGz(src: string, target: EntryTarget): Promise<string[]> {
  const raw = createReadStream(src);
  const gunzip = createGunzip();
  raw.on('error', (err) => gunzip.destroy(err));
  const reader = new ChunkReader((raw.pipe(gunzip) as AsyncIterable<Buffer>)[Symbol.asyncIterator]());
  const names: string[] = [];
  let pax: Record<string, string> = {};
  try {
    for (;;) {
      const block = await reader.exact(BLOCK);
      if (block === null || block.every((b) => b === 0)) break;
      if (!checksumOk(block)) throw new GclensError('unsupported-format', `the bundle's tar has a damaged header after ${names.length} entries`);
      const type = String.fromCharCode(block[156]!);
      const prefix = field(block, 345, 155);
      const name = pax['path'] ?? (prefix ? `${prefix}/${field(block, 0, 100)}` : field(block, 0, 100));
      const size = pax['size'] !== undefined ? Number(pax['size']) : octal(block, 124, 12);
      pax = {};
      if (type === 'x' || type === 'g') {
        const records = await readAll(reader, size);
        if (type === 'x') pax = parsePax(records);
        continue;
      }
      if (type !== '0' && type !== '\0') throw new GclensError('unsupported-format', `the bundle holds ${name}, which is not a regular file (tar type ${JSON.stringify(type)})`);
      const dest = target(name, size);
      if (dest === null) throw new GclensError('unsupported-format', `the bundle holds an entry gclens does not expect: ${JSON.stringify(name)}`);
      await copyEntry(reader, size, createWriteStream(dest, { flags: 'wx' }));
      names.push(name);
    }
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith('Z_')) throw new GclensError('unsupported-format', `the bundle is not valid gzip: ${(err as Error).message}`);
    throw err;
  } finally {
    raw.destroy();
  }
  return names;
}

async function readAll(reader: ChunkReader, size: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let left = size; left > 0; ) {
    const part = await reader.some(left);
    parts.push(Buffer.from(part));
    left -= part.length;
  }
  await skipPadding(reader, size);
  return Buffer.concat(parts);
}

async function copyEntry(reader: ChunkReader, size: number, out: WriteStream): Promise<void> {
  try {
    for (let left = size; left > 0; ) {
      const part = await reader.some(Math.min(left, 1 << 20));
      left -= part.length;
      if (!out.write(Buffer.from(part))) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
  } finally {
    out.end();
    await finished(out);
  }
  await skipPadding(reader, size);
}

async function skipPadding(reader: ChunkReader, size: number): Promise<void> {
  const pad = (BLOCK - (size % BLOCK)) % BLOCK;
  if (pad > 0 && (await reader.exact(pad)) === null) throw truncated();
}
