/**
 * The Go version and main module of a binary, from the build info block the
 * Go linker writes (runtime/debug.BuildInfo; layout as documented in Go's
 * src/debug/buildinfo). It survives `-ldflags=-s` and strip, so it works on
 * the stripped binaries services ship.
 *
 * The block starts 16-byte aligned with a 32-byte header: the 14-byte magic
 * "\xff Go buildinf:", the pointer size, then flags. Flag 2 (Go 1.18+): the
 * version and module info follow the header as uvarint-length strings. Else
 * (older Go): two pointers after the magic lead to Go string headers
 * {data pointer, length} elsewhere in the image, in the byte order flag 1 says.
 */
import { addressToOffset, FieldReader, hasFileBytes, PF_W, PT_LOAD, readElf, type ElfFile, type ReadBytes } from './elf-file';

export interface GoBuildInfo {
  /** go1.22.3, or "devel go1.23-abc…" for a toolchain built from source. */
  goVersion: string;
  /** The main module's path (`mod` line), e.g. github.com/acme/api. */
  mainModule: string | null;
  /** The main package's import path (`path` line). */
  mainPackage: string | null;
}

const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const HEADER_BYTES = 32;
const FLAG_BIG_ENDIAN = 1;
const FLAG_INLINE_STRINGS = 2;
/** The linker puts the block first in its region; 64 KiB is far more than it needs. */
const REGION_BYTES = 64 * 1024;
/** Without ELF headers to guide us, only the start of the file is scanned. */
const SCAN_BYTES = 4 * 1024 * 1024;
const SCAN_CHUNK_BYTES = 1024 * 1024;
/** Module info lists every dependency: large, but never this large. */
const MAX_STRING_BYTES = 1024 * 1024;

/** Null when the binary is not a Go program (or its build info cannot be read). */
export async function readGoBuildInfo(read: ReadBytes): Promise<GoBuildInfo | null> {
  const elf = await readElf(read);
  if (elf && (elf.sections.length > 0 || elf.segments.length > 0)) {
    const region = regionOf(elf);
    return region ? findInRegion(read, elf, region.offset, region.bytes) : null;
  }
  // Not ELF, or ELF with no headers to guide us: scan the start of the file.
  for (let at = 0; at < SCAN_BYTES; at += SCAN_CHUNK_BYTES) {
    const info = await findInRegion(read, elf, at, SCAN_CHUNK_BYTES + HEADER_BYTES);
    if (info) return info;
  }
  return null;
}

/**
 * Where the Go linker puts the block: the .go.buildinfo section, or, with no
 * section headers (sstrip), the start of the first writable segment. A binary
 * with section headers but no .go.buildinfo is not Go (or older than Go 1.13).
 */
function regionOf(elf: ElfFile): { offset: number; bytes: number } | null {
  if (elf.sections.length > 0) {
    const section = elf.sections.find((s) => s.name === '.go.buildinfo' && hasFileBytes(s));
    return section ? { offset: section.offset, bytes: Math.min(section.size, REGION_BYTES) } : null;
  }
  const writable = elf.segments.find((s) => s.type === PT_LOAD && (s.flags & PF_W) !== 0);
  return writable ? { offset: writable.offset, bytes: Math.min(writable.fileSize, REGION_BYTES) } : null;
}

async function findInRegion(read: ReadBytes, elf: ElfFile | null, offset: number, bytes: number): Promise<GoBuildInfo | null> {
  const data = await read(offset, bytes);
  for (let at = data.indexOf(MAGIC); at >= 0; at = data.indexOf(MAGIC, at + 1)) {
    // The block is 16-byte aligned; an unaligned match is the magic as a string constant (debug/buildinfo's own).
    if ((offset + at) % 16 !== 0) continue;
    const info = await decodeAt(read, elf, offset + at).catch(() => null);
    if (info) return info;
  }
  return null;
}

async function decodeAt(read: ReadBytes, elf: ElfFile | null, offset: number): Promise<GoBuildInfo | null> {
  const header = await read(offset, HEADER_BYTES);
  if (header.length < HEADER_BYTES) return null;
  const pointerBytes = header[14]!;
  const flags = header[15]!;
  let version: Buffer | null;
  let modInfo: Buffer | null;
  if ((flags & FLAG_INLINE_STRINGS) !== 0) {
    const cursor = { at: offset + HEADER_BYTES };
    version = await readVarintString(read, cursor);
    modInfo = await readVarintString(read, cursor);
  } else {
    if (!elf || (pointerBytes !== 4 && pointerBytes !== 8)) return null;
    const fields = new FieldReader((flags & FLAG_BIG_ENDIAN) === 0, pointerBytes === 8);
    version = await readGoString(read, elf, fields, fields.addr(header, 16));
    modInfo = await readGoString(read, elf, fields, fields.addr(header, 16 + pointerBytes));
  }
  const goVersion = version?.toString('utf8') ?? '';
  if (!/^(go\d|devel )/.test(goVersion)) return null;
  return { goVersion, ...parseModInfo(modInfo ?? Buffer.alloc(0)) };
}

/** A uvarint length, then that many bytes. */
async function readVarintString(read: ReadBytes, cursor: { at: number }): Promise<Buffer | null> {
  const head = await read(cursor.at, 10);
  let length = 0;
  let shift = 0;
  let used = 0;
  for (;;) {
    const byte = head[used];
    if (byte === undefined || used >= 10) return null;
    used++;
    length += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if ((byte & 0x80) === 0) break;
  }
  if (length > MAX_STRING_BYTES) return null;
  const text = await read(cursor.at + used, length);
  if (text.length < length) return null;
  cursor.at += used + length;
  return text;
}

/** A Go string header {data, len} at a virtual address. */
async function readGoString(read: ReadBytes, elf: ElfFile, fields: FieldReader, address: number): Promise<Buffer | null> {
  const headerAt = addressToOffset(elf, address);
  if (headerAt === null) return null;
  const pointerBytes = fields.is64 ? 8 : 4;
  const header = await read(headerAt, 2 * pointerBytes);
  if (header.length < 2 * pointerBytes) return null;
  const dataAt = addressToOffset(elf, fields.addr(header, 0));
  const length = fields.addr(header, pointerBytes);
  if (dataAt === null || length > MAX_STRING_BYTES) return null;
  const data = await read(dataAt, length);
  return data.length === length ? data : null;
}

/**
 * The module info text: tab-separated lines `path <pkg>`, `mod <path>
 * <version> <sum>`, `dep …`, `build …`. Since Go 1.13 it is wrapped in two
 * 16-byte sentinels, recognisable by the newline 17 bytes from the end.
 */
export function parseModInfo(bytes: Buffer): Pick<GoBuildInfo, 'mainModule' | 'mainPackage'> {
  const text = (bytes.length >= 33 && bytes[bytes.length - 17] === 0x0a ? bytes.subarray(16, bytes.length - 16) : bytes).toString('utf8');
  let mainModule: string | null = null;
  let mainPackage: string | null = null;
  for (const line of text.split('\n')) {
    const [key, value] = line.split('\t');
    if (key === 'path' && value) mainPackage = value;
    if (key === 'mod' && value) mainModule = value;
  }
  return { mainModule, mainPackage };
}
