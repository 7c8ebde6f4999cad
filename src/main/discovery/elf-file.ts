/**
 * Just enough of ELF (the System V gABI, elf(5)) to find a section or a
 * segment and map a virtual address to a file offset, read through a byte
 * range reader: only the headers are read, never the whole binary.
 */

/** Reads `length` bytes at `offset` (fewer at the end of the file). */
export type ReadBytes = (offset: number, length: number) => Promise<Buffer>;

export interface ElfSection {
  name: string;
  address: number;
  offset: number;
  size: number;
  /** SHT_NOBITS (.bss) has no bytes in the file. */
  type: number;
}

export interface ElfSegment {
  type: number;
  flags: number;
  offset: number;
  address: number;
  fileSize: number;
}

export interface ElfFile {
  is64: boolean;
  littleEndian: boolean;
  sections: ElfSection[];
  segments: ElfSegment[];
}

export const PT_LOAD = 1;
export const PF_W = 2;
const SHT_NOBITS = 8;
/** Far above any real binary; keeps a corrupt header from asking for gigabytes. */
const MAX_HEADERS = 4096;
const MAX_SHSTRTAB_BYTES = 1 << 20;

/** Null when the bytes are not ELF. */
export async function readElf(read: ReadBytes): Promise<ElfFile | null> {
  const ident = await read(0, 64);
  if (ident.length < 52 || ident.readUInt32BE(0) !== 0x7f454c46) return null;
  const is64 = ident[4] === 2;
  const littleEndian = ident[5] === 1;
  if (!is64 && ident[4] !== 1) return null;
  const r = new FieldReader(littleEndian, is64);
  const header = {
    phoff: r.addr(ident, is64 ? 32 : 28),
    shoff: r.addr(ident, is64 ? 40 : 32),
    phentsize: r.u16(ident, is64 ? 54 : 42),
    phnum: r.u16(ident, is64 ? 56 : 44),
    shentsize: r.u16(ident, is64 ? 58 : 46),
    shnum: r.u16(ident, is64 ? 60 : 48),
    shstrndx: r.u16(ident, is64 ? 62 : 50),
  };
  return {
    is64,
    littleEndian,
    segments: await readSegments(read, r, header.phoff, header.phentsize, header.phnum),
    sections: await readSections(read, r, header.shoff, header.shentsize, header.shnum, header.shstrndx),
  };
}

/** The file offset holding a virtual address, through the loadable segments. */
export function addressToOffset(elf: ElfFile, address: number): number | null {
  for (const segment of elf.segments) {
    if (segment.type === PT_LOAD && address >= segment.address && address < segment.address + segment.fileSize) {
      return segment.offset + (address - segment.address);
    }
  }
  return null;
}

async function readSegments(read: ReadBytes, r: FieldReader, offset: number, entrySize: number, count: number): Promise<ElfSegment[]> {
  if (offset === 0 || count === 0 || count > MAX_HEADERS || entrySize < (r.is64 ? 56 : 32)) return [];
  const table = await read(offset, entrySize * count);
  const segments: ElfSegment[] = [];
  for (let i = 0; i < count && (i + 1) * entrySize <= table.length; i++) {
    const at = i * entrySize;
    segments.push(
      r.is64
        ? { type: r.u32(table, at), flags: r.u32(table, at + 4), offset: r.addr(table, at + 8), address: r.addr(table, at + 16), fileSize: r.addr(table, at + 32) }
        : { type: r.u32(table, at), offset: r.u32(table, at + 4), address: r.u32(table, at + 8), fileSize: r.u32(table, at + 16), flags: r.u32(table, at + 24) },
    );
  }
  return segments;
}

async function readSections(read: ReadBytes, r: FieldReader, offset: number, entrySize: number, count: number, namesIndex: number): Promise<ElfSection[]> {
  // A binary run through sstrip has no section headers at all: callers fall back to segments.
  if (offset === 0 || count === 0 || count > MAX_HEADERS || entrySize < (r.is64 ? 64 : 40) || namesIndex >= count) return [];
  const table = await read(offset, entrySize * count);
  const raw = [];
  for (let i = 0; i < count && (i + 1) * entrySize <= table.length; i++) {
    const at = i * entrySize;
    raw.push(
      r.is64
        ? { nameAt: r.u32(table, at), type: r.u32(table, at + 4), address: r.addr(table, at + 16), offset: r.addr(table, at + 24), size: r.addr(table, at + 32) }
        : { nameAt: r.u32(table, at), type: r.u32(table, at + 4), address: r.u32(table, at + 12), offset: r.u32(table, at + 16), size: r.u32(table, at + 20) },
    );
  }
  const names = raw[namesIndex];
  const strings = names ? await read(names.offset, Math.min(names.size, MAX_SHSTRTAB_BYTES)) : Buffer.alloc(0);
  return raw.map(({ nameAt, ...section }) => {
    const end = strings.indexOf(0, nameAt);
    const name = nameAt < strings.length ? strings.toString('latin1', nameAt, end < 0 ? strings.length : end) : '';
    return { name, ...section };
  });
}

export function hasFileBytes(section: ElfSection): boolean {
  return section.type !== SHT_NOBITS;
}

/** Reads header fields in the file's byte order and word size. */
export class FieldReader {
  constructor(
    readonly littleEndian: boolean,
    readonly is64: boolean,
  ) {}

  u16(buffer: Buffer, at: number): number {
    return this.littleEndian ? buffer.readUInt16LE(at) : buffer.readUInt16BE(at);
  }

  u32(buffer: Buffer, at: number): number {
    return this.littleEndian ? buffer.readUInt32LE(at) : buffer.readUInt32BE(at);
  }

  /** An address or offset: 8 bytes in ELF64, 4 in ELF32. Offsets past 2^53 do not occur in real files. */
  addr(buffer: Buffer, at: number): number {
    if (!this.is64) return this.u32(buffer, at);
    return Number(this.littleEndian ? buffer.readBigUInt64LE(at) : buffer.readBigUInt64BE(at));
  }
}
