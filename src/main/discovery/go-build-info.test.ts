/**
 * Build info blocks in hand-made ELF files, for the layouts today's toolchain
 * no longer writes (pointer-based, big-endian, 32-bit) and for binaries with
 * no section headers. Real Go binaries are read in test/discovery.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { ReadBytes } from './elf-file';
import { parseModInfo, readGoBuildInfo } from './go-build-info';

const TEXT_ADDRESS = 0x400000;
const DATA_OFFSET = 0x1000;
const DATA_ADDRESS = 0x401000;
const SEGMENT_BYTES = 0x1000;
const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
/** Go wraps module info in 16-byte sentinels; these are arbitrary bytes, not UTF-8. */
const SENTINEL_START = Buffer.from('3077af0c9274080241e1c107e6d618e6', 'hex');
const SENTINEL_END = Buffer.from('f932433186182072008242104116d8f2', 'hex');
const MOD_TEXT = 'path\texample.com/api/cmd/server\nmod\texample.com/api\t(devel)\t\ndep\tgolang.org/x/sys\tv0.20.0\th1:abc=\nbuild\t-compiler=gc\n';

interface Layout {
  is64: boolean;
  littleEndian: boolean;
  withSections: boolean;
  block: (file: Writer) => void;
}

class Writer {
  readonly bytes = Buffer.alloc(0x3000);
  constructor(
    readonly is64: boolean,
    readonly littleEndian: boolean,
  ) {}
  u16(at: number, v: number) {
    if (this.littleEndian) this.bytes.writeUInt16LE(v, at);
    else this.bytes.writeUInt16BE(v, at);
  }
  u32(at: number, v: number) {
    if (this.littleEndian) this.bytes.writeUInt32LE(v, at);
    else this.bytes.writeUInt32BE(v, at);
  }
  /** A word: 8 bytes in ELF64, 4 in ELF32. */
  word(at: number, v: number) {
    if (!this.is64) return this.u32(at, v);
    if (this.littleEndian) this.bytes.writeBigUInt64LE(BigInt(v), at);
    else this.bytes.writeBigUInt64BE(BigInt(v), at);
  }
}

/** An executable with a text segment, a writable data segment holding the block, and optionally section headers. */
function buildElf({ is64, littleEndian, withSections, block }: Layout): Buffer {
  const w = new Writer(is64, littleEndian);
  const b = w.bytes;
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, is64 ? 2 : 1, littleEndian ? 1 : 2, 1]).copy(b, 0);
  const phoff = is64 ? 64 : 52;
  const phentsize = is64 ? 56 : 32;
  w.u16(16, 2);
  const shoff = 0x2100;
  const shentsize = is64 ? 64 : 40;
  if (is64) {
    w.word(32, phoff);
    w.word(40, withSections ? shoff : 0);
    w.u16(54, phentsize);
    w.u16(56, 2);
    w.u16(58, shentsize);
    w.u16(60, withSections ? 3 : 0);
    w.u16(62, withSections ? 2 : 0);
  } else {
    w.u32(28, phoff);
    w.u32(32, withSections ? shoff : 0);
    w.u16(42, phentsize);
    w.u16(44, 2);
    w.u16(46, shentsize);
    w.u16(48, withSections ? 3 : 0);
    w.u16(50, withSections ? 2 : 0);
  }
  const segments = [
    { flags: 5, offset: 0, address: TEXT_ADDRESS },
    { flags: 6, offset: DATA_OFFSET, address: DATA_ADDRESS },
  ];
  segments.forEach((s, i) => {
    const at = phoff + i * phentsize;
    w.u32(at, 1);
    if (is64) {
      w.u32(at + 4, s.flags);
      w.word(at + 8, s.offset);
      w.word(at + 16, s.address);
      w.word(at + 32, SEGMENT_BYTES);
    } else {
      w.u32(at + 4, s.offset);
      w.u32(at + 8, s.address);
      w.u32(at + 16, SEGMENT_BYTES);
      w.u32(at + 24, s.flags);
    }
  });
  if (withSections) {
    const names = Buffer.from('\0.go.buildinfo\0.shstrtab\0', 'latin1');
    names.copy(b, 0x2000);
    const sections = [
      { name: 1, type: 1, address: DATA_ADDRESS, offset: DATA_OFFSET, size: 0x400 },
      { name: 15, type: 3, address: 0, offset: 0x2000, size: names.length },
    ];
    sections.forEach((s, i) => {
      const at = shoff + (i + 1) * shentsize;
      w.u32(at, s.name);
      w.u32(at + 4, s.type);
      if (is64) {
        w.word(at + 16, s.address);
        w.word(at + 24, s.offset);
        w.word(at + 32, s.size);
      } else {
        w.u32(at + 12, s.address);
        w.u32(at + 16, s.offset);
        w.u32(at + 20, s.size);
      }
    });
  }
  block(w);
  return b;
}

function uvarint(n: number): Buffer {
  const out = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return Buffer.from(out);
}

const wrappedMod = Buffer.concat([SENTINEL_START, Buffer.from(MOD_TEXT), SENTINEL_END]);

/** Go 1.18+: version and module info inline after the header. */
function inlineBlock(version: string) {
  return (w: Writer) => {
    MAGIC.copy(w.bytes, DATA_OFFSET);
    w.bytes[DATA_OFFSET + 14] = w.is64 ? 8 : 4;
    w.bytes[DATA_OFFSET + 15] = 2;
    const v = Buffer.from(version);
    Buffer.concat([uvarint(v.length), v, uvarint(wrappedMod.length), wrappedMod]).copy(w.bytes, DATA_OFFSET + 32);
  };
}

/** Before Go 1.18: pointers to Go string headers, in the byte order the flags say. */
function pointerBlock(version: string) {
  return (w: Writer) => {
    const ptr = w.is64 ? 8 : 4;
    MAGIC.copy(w.bytes, DATA_OFFSET);
    w.bytes[DATA_OFFSET + 14] = ptr;
    w.bytes[DATA_OFFSET + 15] = w.littleEndian ? 0 : 1;
    const headers = DATA_OFFSET + 0x40;
    const strings = DATA_OFFSET + 0x100;
    const v = Buffer.from(version);
    v.copy(w.bytes, strings);
    wrappedMod.copy(w.bytes, strings + v.length);
    const address = (offset: number) => DATA_ADDRESS + (offset - DATA_OFFSET);
    w.word(DATA_OFFSET + 16, address(headers));
    w.word(DATA_OFFSET + 16 + ptr, address(headers + 2 * ptr));
    w.word(headers, address(strings));
    w.word(headers + ptr, v.length);
    w.word(headers + 2 * ptr, address(strings + v.length));
    w.word(headers + 3 * ptr, wrappedMod.length);
  };
}

/** Reads from a buffer, counting what was asked for. */
function reader(file: Buffer): ReadBytes & { bytesRead: number } {
  const read = Object.assign(
    async (offset: number, length: number) => {
      const slice = file.subarray(offset, offset + length);
      read.bytesRead += slice.length;
      return Buffer.from(slice);
    },
    { bytesRead: 0 },
  );
  return read;
}

const expected = { goVersion: 'go1.21.4', mainModule: 'example.com/api', mainPackage: 'example.com/api/cmd/server' };

describe('readGoBuildInfo', () => {
  it('reads inline strings from the .go.buildinfo section', async () => {
    const read = reader(buildElf({ is64: true, littleEndian: true, withSections: true, block: inlineBlock('go1.21.4') }));
    expect(await readGoBuildInfo(read)).toEqual(expected);
  });

  it('finds the block in the first writable segment when there are no section headers', async () => {
    const file = buildElf({ is64: true, littleEndian: true, withSections: false, block: inlineBlock('go1.21.4') });
    // A decoy: the magic as a string constant in the text segment, unaligned.
    MAGIC.copy(file, 0x801);
    expect(await readGoBuildInfo(reader(file))).toEqual(expected);
  });

  it('follows pointers in the pre-1.18 layout', async () => {
    const read = reader(buildElf({ is64: true, littleEndian: true, withSections: false, block: pointerBlock('go1.16.15') }));
    expect(await readGoBuildInfo(read)).toEqual({ ...expected, goVersion: 'go1.16.15' });
  });

  it('follows 4-byte big-endian pointers in a 32-bit big-endian binary', async () => {
    const read = reader(buildElf({ is64: false, littleEndian: false, withSections: true, block: pointerBlock('go1.15.2') }));
    expect(await readGoBuildInfo(read)).toEqual({ ...expected, goVersion: 'go1.15.2' });
  });

  it('reads only headers and the block, not the whole file', async () => {
    const read = reader(buildElf({ is64: true, littleEndian: true, withSections: true, block: inlineBlock('go1.21.4') }));
    await readGoBuildInfo(read);
    // ELF header, program and section headers, names, the 0x400-byte section, then the header and strings again.
    expect(read.bytesRead).toBeLessThan(0x1000);
  });

  it('answers null for an ELF file without Go build info, and for bytes that are not ELF', async () => {
    const notGo = reader(buildElf({ is64: true, littleEndian: true, withSections: true, block: () => {} }));
    expect(await readGoBuildInfo(notGo)).toBeNull();
    // Section headers without .go.buildinfo settle it: no scan of the file.
    expect(notGo.bytesRead).toBeLessThan(0x800);
    expect(await readGoBuildInfo(reader(Buffer.from('#!/bin/sh\necho hi\n')))).toBeNull();
    expect(await readGoBuildInfo(reader(Buffer.alloc(0)))).toBeNull();
  });
});

describe('parseModInfo', () => {
  it('reads module info with or without sentinels', () => {
    expect(parseModInfo(wrappedMod)).toEqual({ mainModule: 'example.com/api', mainPackage: 'example.com/api/cmd/server' });
    expect(parseModInfo(Buffer.from('path\tcmd/go\n'))).toEqual({ mainModule: null, mainPackage: 'cmd/go' });
  });
});
