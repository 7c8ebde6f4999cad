import { describe, expect, it } from 'vitest';
import { GclensError } from '../../../shared/result';
import { HprofHistogramBuilder } from './hprof-histogram';
import { HprofTestWriter } from './hprof-test-writer';
import type { HprofSnapshot } from './jvm-snapshot';

// Basic type codes (HPROF): object 2, int 10, long 11, byte 8.
const OBJ = 2;
const BYTE = 8;
const INT = 10;
const LONG = 11;
/** "JAVA PROFILE 1.0.2\0", the u4 identifier size and the u8 timestamp. */
const HEADER_BYTES = 31;

/**
 * A small heap: Object; Foo extends Object { long a; int b; Object c; static int s };
 * Bar extends Foo { byte x }; Object[]; a hidden lambda class; java.lang.Class
 * with one reference field. 3 Foo, 2 Bar, 1 lambda, byte[10], int[3], long[0], Object[5].
 */
function sampleDump(idSize: 4 | 8): Buffer {
  const w = new HprofTestWriter(idSize);
  const names: Array<[number, string]> = [
    [1, 'java/lang/Object'],
    [2, 'Foo'],
    [3, 'Bar'],
    [4, '[Ljava/lang/Object;'],
    [5, 'Foo$$Lambda$1+0x0000000800c01234'],
    [6, 'java/lang/Class'],
  ];
  for (const [id, text] of names) w.string(id, text);
  names.forEach(([id], i) => w.loadClass(i + 1, 0x100 * id, id));
  const f = (type: number): { nameId: number; type: number } => ({ nameId: 99, type });
  const fooFieldBytes = 8 + 4 + idSize;
  w.segment(
    w.classDump({ classId: 0x100, superId: 0 }),
    w.classDump({ classId: 0x200, superId: 0x100, fields: [f(LONG), f(INT), f(OBJ)], statics: [f(LONG)], constants: [LONG] }),
    w.classDump({ classId: 0x300, superId: 0x200, fields: [f(BYTE)] }),
    w.classDump({ classId: 0x400, superId: 0x100 }),
    w.classDump({ classId: 0x500, superId: 0x100 }),
    w.classDump({ classId: 0x600, superId: 0x100, fields: [f(OBJ)] }),
    w.stickyClassRoot(0x100),
    w.threadRoot(0x9000),
  );
  w.segment(
    w.instance(0x1000, 0x200, fooFieldBytes),
    w.instance(0x1010, 0x200, fooFieldBytes),
    w.instance(0x1020, 0x300, fooFieldBytes + 1),
    w.instance(0x1030, 0x200, fooFieldBytes),
    w.instance(0x1040, 0x300, fooFieldBytes + 1),
    w.instance(0x1050, 0x500, 0),
    w.primitiveArray(0x2000, BYTE, 10),
    w.primitiveArray(0x2010, INT, 3),
    w.primitiveArray(0x2020, LONG, 0),
    w.objectArray(0x3000, 0x400, 5),
  );
  return w.end().bytes();
}

function histogramOf(bytes: Buffer, chunkBytes = bytes.length): HprofSnapshot {
  const builder = new HprofHistogramBuilder('test.hprof');
  for (let at = 0; at < bytes.length; at += chunkBytes) builder.push(bytes.subarray(at, at + chunkBytes));
  return builder.finish();
}

function row(snapshot: HprofSnapshot, name: string): [number, number] | undefined {
  const entry = snapshot.classes.find((c) => c.name === name);
  return entry && [entry.instances, entry.bytes];
}

describe('HPROF histogram pass', () => {
  it('counts instances and shallow bytes with 8-byte ids (compressed-oops layout)', () => {
    const snapshot = histogramOf(sampleDump(8));
    // Foo: 12 header + 8 + 4 + one 4-byte reference = 28 → 32. Bar adds a byte: 29 → 32.
    expect(row(snapshot, 'Foo')).toEqual([3, 96]);
    expect(row(snapshot, 'Bar')).toEqual([2, 64]);
    // The lambda keeps the histogram's spelling of a hidden class: 12 → 16.
    expect(row(snapshot, 'Foo$$Lambda$1/0x0000000800c01234')).toEqual([1, 16]);
    // Arrays: 16-byte header; byte[10] 26 → 32, int[3] 28 → 32, long[0] 16, Object[5] 16 + 20 = 36 → 40.
    expect(row(snapshot, '[B')).toEqual([1, 32]);
    expect(row(snapshot, '[I')).toEqual([1, 32]);
    expect(row(snapshot, '[J')).toEqual([1, 16]);
    expect(row(snapshot, '[Ljava.lang.Object;')).toEqual([1, 40]);
    expect(snapshot.classes.find((c) => c.name === '[B')?.readableName).toBe('byte[]');
    expect(snapshot.classes.find((c) => c.name === '[Ljava.lang.Object;')?.readableName).toBe('java.lang.Object[]');
    // Six CLASS DUMPs are six mirrors: 12 + Class's own reference (4) + injected 2 pointers (16), 8 bytes, 3 references (12) = 52 → 56;
    // Foo's static long makes its mirror 52 + 8 = 60 → 64.
    expect(row(snapshot, 'java.lang.Class')).toEqual([6, 5 * 56 + 64]);
    expect(snapshot.totalInstances).toBe(3 + 2 + 1 + 4 + 6);
    expect(snapshot.totalBytes).toBe(96 + 64 + 16 + 32 + 32 + 16 + 40 + 344);
    expect(snapshot.classes[0]?.name).toBe('java.lang.Class');
    expect(snapshot.meta).toMatchObject({
      format: 'JAVA PROFILE 1.0.2',
      idSize: 8,
      objectHeaderBytes: 12,
      instanceDumps: 6,
      primitiveArrayDumps: 3,
      objectArrayDumps: 1,
      classDumps: 6,
      gcRoots: 2,
      records: 6 + 6 + 2 + 1,
    });
    expect(snapshot.capturedAt).toBe(new Date(1_700_000_000_000).toISOString());
  });

  it('uses the 32-bit layout for 4-byte ids', () => {
    const snapshot = histogramOf(sampleDump(4));
    // 8 header + 8 + 4 + 4 = 24; Bar 25 → 32; byte[10]: 12 + 10 = 22 → 24; Object[5]: 12 + 20 = 32.
    expect(row(snapshot, 'Foo')).toEqual([3, 72]);
    expect(row(snapshot, 'Bar')).toEqual([2, 64]);
    expect(row(snapshot, '[B')).toEqual([1, 24]);
    expect(row(snapshot, '[Ljava.lang.Object;')).toEqual([1, 32]);
    expect(snapshot.meta.idSize).toBe(4);
  });

  it('reads 64-bit dumps without compressed oops when told', () => {
    const builder = new HprofHistogramBuilder('big-heap.hprof', { compressedOops: false });
    builder.push(sampleDump(8));
    const snapshot = builder.finish();
    // 16 header + 8 + 4 + 8 = 36 → 40; Object[5]: 24 + 40 = 64.
    expect(row(snapshot, 'Foo')).toEqual([3, 120]);
    expect(row(snapshot, '[Ljava.lang.Object;')).toEqual([1, 64]);
  });

  it('gives the same histogram whatever the chunk boundaries', () => {
    const bytes = sampleDump(8);
    const whole = histogramOf(bytes);
    for (const chunk of [1, 2, 3, 7, 13, 64]) expect(histogramOf(bytes, chunk)).toEqual(whole);
  });

  it('merges classes of one name loaded twice and names classes it never saw loaded', () => {
    const w = new HprofTestWriter(8);
    w.string(1, 'Dup').loadClass(1, 0x100, 1).loadClass(2, 0x200, 1);
    w.segment(
      w.classDump({ classId: 0x100, superId: 0 }),
      w.classDump({ classId: 0x200, superId: 0 }),
      w.instance(0x1000, 0x100, 0),
      w.instance(0x1010, 0x200, 0),
      // No LOAD CLASS, no CLASS DUMP: named by its id, sized by its field bytes (12 + 8 = 20 → 24).
      w.instance(0x1020, 0x700, 8),
    );
    const snapshot = histogramOf(w.end().bytes());
    expect(row(snapshot, 'Dup')).toEqual([2, 32]);
    expect(row(snapshot, '<class 0x700>')).toEqual([1, 24]);
  });

  it('counts and skips top-level records it does not know', () => {
    const w = new HprofTestWriter(8);
    w.record(0x42, Buffer.alloc(5)).record(0x05, Buffer.alloc(12));
    const snapshot = histogramOf(w.end().bytes(), 4);
    expect(snapshot.unknownLineCount).toBe(1);
    expect(snapshot.unknownLines[0]?.text).toMatch(/record tag 0x42 \(5 bytes\) at byte 31/);
    expect(snapshot.meta.records).toBe(3);
  });
});

describe('HPROF bad input', () => {
  const bytes = sampleDump(8);

  function errorAt(cut: Buffer): GclensError {
    try {
      histogramOf(cut, 5);
    } catch (err) {
      if (err instanceof GclensError) return err;
      throw err;
    }
    throw new Error('expected a GclensError');
  }

  it('says where a dump cut mid-record ends, at every cut point, and never crashes', () => {
    const end = bytes.length - 9; // without the HEAP DUMP END record, the dump is complete
    expect(() => histogramOf(bytes.subarray(0, end))).not.toThrow();
    for (let cut = 1; cut < end; cut++) {
      const recordBoundary = isRecordBoundary(bytes, cut);
      if (recordBoundary) continue;
      const err = errorAt(bytes.subarray(0, cut));
      expect(err.kind).toBe('unsupported-format');
      expect(err.message).toContain('test.hprof');
      expect(err.message).toContain(`at byte ${cut}`);
    }
  });

  it('names the record a cut falls in', () => {
    // Cut inside the instance segment: the segment header is read, its body is not all there.
    const cut = bytes.indexOf(Buffer.from([0x21])) + 3;
    const err = errorAt(bytes.subarray(0, cut));
    expect(err.message).toMatch(/ends mid-record at byte \d+, inside/);
  });

  it('rejects what is not a dump, an impossible id size, and unknown sub-records with their offset', () => {
    expect(() => histogramOf(Buffer.from('hello, this is not a heap dump'))).toThrow(/not an HPROF heap dump/);
    const badId = Buffer.from(bytes);
    badId.writeUInt32BE(6, 19);
    expect(() => histogramOf(badId)).toThrow(/identifier size 6 at byte 19/);
    const w = new HprofTestWriter(4);
    w.segment(Buffer.from([0x77, 0, 0, 0, 0]));
    expect(() => histogramOf(w.bytes())).toThrow(/unknown heap dump sub-record tag 0x77 at byte 40/);
    const over = new HprofTestWriter(4);
    over.segment(over.instance(1, 2, 4).subarray(0, 17)); // says 4 field bytes, the segment holds none
    expect(() => histogramOf(over.bytes())).toThrow(/overruns its heap dump record/);
  });
});

describe('HPROF dumps past 4 GB', () => {
  /**
   * A segment whose u4 length is near its 4 GB limit, holding one byte array
   * that fills it, then a segment with one instance: offsets past 2^32. The
   * array body is streamed as zero chunks, as a file read would deliver it.
   */
  function feedLargeDump(builder: HprofHistogramBuilder, withTail: boolean): { arrayLength: number; tailOffset: number; tailBytes: number } {
    const w = new HprofTestWriter(8);
    w.string(1, 'Foo').loadClass(1, 0x100, 1).segment(w.classDump({ classId: 0x100, superId: 0, fields: [{ nameId: 1, type: LONG }] }));
    const segmentLength = 0xffff_fff0;
    const arrayHead = w.primitiveArray(0x2000, BYTE, 0, false);
    const arrayLength = segmentLength - arrayHead.length;
    arrayHead.writeUInt32BE(arrayLength, 1 + 8 + 4);
    const segmentHead = Buffer.alloc(9);
    segmentHead[0] = 0x1c;
    segmentHead.writeUInt32BE(segmentLength, 5);
    const head = Buffer.concat([w.bytes(), segmentHead, arrayHead]);
    builder.push(head);
    const zeros = Buffer.alloc(64 * 2 ** 20);
    for (let left = arrayLength; left > 0; left -= zeros.length) builder.push(left >= zeros.length ? zeros : zeros.subarray(0, left));
    const tailOffset = head.length + arrayLength;
    const tail = new HprofTestWriter(8);
    tail.segment(tail.instance(0x3000, 0x100, 8)).end();
    const tailRecords = tail.bytes().subarray(HEADER_BYTES);
    builder.push(withTail ? tailRecords : tailRecords.subarray(0, 20));
    return { arrayLength, tailOffset, tailBytes: tailRecords.length };
  }

  it('counts records after a segment of almost 4 GB, with offsets past 2^32', () => {
    const builder = new HprofHistogramBuilder('huge.hprof');
    const { arrayLength, tailOffset, tailBytes } = feedLargeDump(builder, true);
    expect(tailOffset).toBeGreaterThan(2 ** 32);
    const snapshot = builder.finish();
    // 16-byte array header + 4294967247 bytes, aligned to 8.
    expect(row(snapshot, '[B')).toEqual([1, Math.ceil((16 + arrayLength) / 8) * 8]);
    expect(row(snapshot, 'Foo')).toEqual([1, 24]);
    expect(snapshot.meta.dumpBytes).toBe(tailOffset + tailBytes);
  });

  it('reports a cut past 4 GB at its exact offset', () => {
    const builder = new HprofHistogramBuilder('huge.hprof');
    const { tailOffset } = feedLargeDump(builder, false);
    expect(() => builder.finish()).toThrow(`huge.hprof: the dump ends mid-record at byte ${tailOffset + 20}`);
  });
});

/** Whether the dump ends cleanly at `cut`: after the header and on a top-level record boundary. */
function isRecordBoundary(bytes: Buffer, cut: number): boolean {
  let pos = HEADER_BYTES;
  while (pos < cut) pos += 9 + bytes.readUInt32BE(pos + 5);
  return pos === cut;
}
