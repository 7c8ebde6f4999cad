/**
 * One streaming pass over an HPROF dump that builds a class histogram:
 * instances and shallow bytes per class, primitive arrays by element type,
 * object arrays by their array class. Feed it the dump's bytes in chunks of
 * any size; it holds only a partial record between chunks (never an object's
 * field values: instance and array bodies are skipped, even across chunks)
 * and one record per class.
 *
 * Throughput is the point (a dump is gigabytes): the loop reads identifiers
 * in place, finds classes through a small direct-mapped cache before the map,
 * and joins a record cut by a chunk boundary with only the next chunk's head.
 *
 * Offsets are Numbers: exact to 2^53 bytes, so dumps past 4 GB (and u4
 * record lengths up to 4 GB - 1, read unsigned) are counted exactly.
 */
import { GclensError } from '../../../shared/result';
import {
  PRIMITIVE_BYTES,
  RECORD_HEADER_BYTES,
  ROOT_BODY,
  SUB_CLASS_DUMP,
  SUB_INSTANCE_DUMP,
  SUB_OBJECT_ARRAY_DUMP,
  SUB_PRIMITIVE_ARRAY_DUMP,
  TAG_HEAP_DUMP,
  TAG_HEAP_DUMP_SEGMENT,
  TAG_LOAD_CLASS,
  TAG_STRING,
  readHprofHeader,
  type HprofHeader,
} from './hprof-format';
import { readClassDump } from './hprof-class-dump';
import { HprofClassTable, type ClassRecord } from './hprof-class-table';
import { arrayBytes, layoutFor, type LayoutOptions, type ObjectLayout } from './hprof-shallow-size';
import { MAX_UNKNOWN_SAMPLES, type HprofSnapshot, type UnknownLine } from './jvm-snapshot';

// The hot loop reads these as module constants: under vitest's module runner
// an imported binding is a property read on every use, which halves the speed.
const INSTANCE = SUB_INSTANCE_DUMP;
const PRIMITIVE_ARRAY = SUB_PRIMITIVE_ARRAY_DUMP;
const OBJECT_ARRAY = SUB_OBJECT_ARRAY_DUMP;
const CLASS_DUMP = SUB_CLASS_DUMP;
const HEAP_DUMP = TAG_HEAP_DUMP;
const HEAP_DUMP_SEGMENT = TAG_HEAP_DUMP_SEGMENT;
const HEADER_BYTES = RECORD_HEADER_BYTES;
const ELEMENT_BYTES = PRIMITIVE_BYTES;
const arraySize = arrayBytes;

/** Top-level tags HPROF defines (0x01–0x0E, 0x1C, 0x2C); any other is counted as unknown and skipped by its length. */
const KNOWN_TAGS = new Set([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x1c, 0x2c]);
/** Identifiers are kept as Numbers; a high word past this could not be told apart from its neighbours. */
const MAX_ID_HIGH_WORD = 0x1fffff;
/**
 * Strings and LOAD CLASS records are held whole until read. A JVM symbol is
 * at most 64 KB, so a longer one names no class and is skipped like any other
 * record instead of being gathered in memory.
 */
const MAX_NAME_RECORD_BYTES = 1 << 20;
/** How much of the next chunk is joined to a carried partial record; a record longer than this joins the whole chunk. */
const STITCH_BYTES = 64 * 1024;
/** Slots of the class cache: a few thousand classes fit with few collisions. */
const CLASS_CACHE_SLOTS = 4096;

export class HprofHistogramBuilder {
  private header: HprofHeader | null = null;
  private idSize = 0;
  private layout: ObjectLayout | null = null;
  private readonly table = new HprofClassTable();

  /** Bytes received so far: the offset of the next chunk's first byte. */
  private received = 0;
  /** The unparsed tail of the previous chunk (a partial record), and where it starts in the dump. */
  private carry: Buffer | null = null;
  private carryOffset = 0;
  /** Or: body bytes still to pass over before the next record or sub-record starts. Never both. */
  private skip = 0;
  /** Class id → record, direct-mapped by the id's low bits: most lookups end here, not in the map. */
  private readonly cacheIds = new Float64Array(CLASS_CACHE_SLOTS).fill(-1);
  private readonly cacheRecords: Array<ClassRecord | undefined> = new Array(CLASS_CACHE_SLOTS);
  /** Bytes left in the HEAP DUMP (SEGMENT) record being read; 0 between top-level records. */
  private heapLeft = 0;
  private heapStarted = false;
  /** The record or sub-record being read or skipped, for the message if the dump ends inside it. */
  private openTag = 0;
  private openOffset = 0;
  private openLength = 0;
  private heapRecordOffset = 0;
  private heapRecordLength = 0;

  private records = 0;
  private instanceDumps = 0;
  private objectArrayDumps = 0;
  private primitiveArrayDumps = 0;
  private classDumps = 0;
  private gcRoots = 0;
  private readonly primitiveCounts = new Float64Array(PRIMITIVE_BYTES.length);
  private readonly primitiveBytes = new Float64Array(PRIMITIVE_BYTES.length);
  private unknownCount = 0;
  private readonly unknown: UnknownLine[] = [];

  constructor(
    private readonly file: string,
    private readonly layoutOptions: LayoutOptions = {},
  ) {}

  /** Bytes of the dump received so far. */
  get bytesReceived(): number {
    return this.received;
  }

  push(chunk: Buffer): void {
    const base = this.received;
    this.received += chunk.length;
    let pos: number;
    if (this.carry) {
      pos = this.stitch(chunk);
      if (pos < 0) return;
    } else {
      pos = this.skip;
      this.skip = 0;
    }
    if (pos < chunk.length) pos = this.consume(chunk, pos, base, chunk.length);
    if (pos > chunk.length) this.skip = pos - chunk.length;
    else if (pos < chunk.length) this.keep(chunk, pos, base);
  }

  /** Ends the pass: the histogram, or an error if the dump stopped inside a record. */
  finish(): HprofSnapshot {
    const end = this.received;
    if (!this.header || !this.layout) {
      throw new GclensError('unsupported-format', `${this.file}: the dump ends at byte ${end}, inside the HPROF header`);
    }
    if (this.skip > 0 || this.carry) {
      const inside = this.describeOpen();
      throw new GclensError('unsupported-format', `${this.file}: the dump ends mid-record at byte ${end}, inside ${inside}; it was cut short`);
    }
    if (this.heapLeft > 0) {
      throw new GclensError(
        'unsupported-format',
        `${this.file}: the dump ends mid-record at byte ${end}, inside the heap dump record at byte ${this.heapRecordOffset} ` +
          `(${this.heapRecordLength} bytes long, ${this.heapLeft} missing); it was cut short`,
      );
    }
    const histogram = this.table.histogram(this.layout, this.idSize, this.primitiveCounts, this.primitiveBytes);
    const layout = this.layout;
    return {
      kind: 'hprof',
      file: this.file,
      capturedAt: new Date(this.header.timestampMs).toISOString(),
      meta: {
        format: this.header.format,
        idSize: this.header.idSize,
        objectHeaderBytes: layout.objectHeaderBytes,
        arrayHeaderBytes: layout.arrayHeaderBytes,
        referenceBytes: layout.referenceBytes,
        alignmentBytes: layout.alignmentBytes,
        dumpBytes: end,
        records: this.records,
        instanceDumps: this.instanceDumps,
        objectArrayDumps: this.objectArrayDumps,
        primitiveArrayDumps: this.primitiveArrayDumps,
        classDumps: this.classDumps,
        gcRoots: this.gcRoots,
      },
      ...histogram,
      unknownLineCount: this.unknownCount,
      unknownLines: this.unknown,
    };
  }

  /**
   * Finishes the carried partial record with the head of `chunk` (or, if it
   * is longer than that, the whole chunk). Answers where in `chunk` the next
   * item starts (past its end if a body runs on), or -1 if the chunk only
   * grew the carried record.
   */
  private stitch(chunk: Buffer): number {
    const carry = this.carry as Buffer;
    const offset = this.carryOffset;
    this.carry = null;
    let joined = Buffer.concat([carry, chunk.subarray(0, STITCH_BYTES)]);
    let end = this.consume(joined, 0, offset, carry.length);
    if (end < carry.length && joined.length < carry.length + chunk.length) {
      joined = Buffer.concat([carry, chunk]);
      end = this.consume(joined, end, offset, carry.length);
    }
    if (end < carry.length) {
      this.keep(joined, end, offset);
      return -1;
    }
    return end - carry.length;
  }

  /** Reads the header first if need be, then records. */
  private consume(buf: Buffer, pos: number, base: number, limit: number): number {
    if (!this.header) {
      const header = readHprofHeader(buf, this.file);
      if (!header) return pos;
      this.header = header;
      this.idSize = header.idSize;
      this.layout = layoutFor(header.idSize, this.layoutOptions);
      pos = header.bytes;
    }
    return this.parse(buf, pos, base, limit);
  }

  /**
   * Reads the records that start before `limit`; stops early at one that
   * `buf` holds only part of and that must be seen whole. Answers where the
   * next item starts: past `buf`'s end when a body runs on into later chunks.
   */
  private parse(buf: Buffer, start: number, base: number, limit: number): number {
    const len = buf.length;
    const id = this.idSize;
    const wide = id === 8;
    const layout = this.layout as ObjectLayout;
    const cacheIds = this.cacheIds;
    const cacheRecords = this.cacheRecords;
    let pos = start;

    while (pos < limit) {
      if (this.heapLeft === 0) {
        if (len - pos < HEADER_BYTES) return pos;
        const tag = buf[pos] as number;
        const length = u32(buf, pos + 5);
        if (tag === HEAP_DUMP || tag === HEAP_DUMP_SEGMENT) {
          if (!this.heapStarted) {
            this.heapStarted = true;
            this.table.dropStrings();
          }
          this.records++;
          this.heapLeft = length;
          this.heapRecordOffset = base + pos;
          this.heapRecordLength = length;
          pos += HEADER_BYTES;
          continue;
        }
        if ((tag === TAG_STRING || tag === TAG_LOAD_CLASS) && length <= MAX_NAME_RECORD_BYTES) {
          // Small records read whole: wait for the rest if the chunk cut one.
          if (len - pos < HEADER_BYTES + length) return pos;
          this.readNameRecord(buf, pos + HEADER_BYTES, tag, length, base + pos);
          this.records++;
          pos += HEADER_BYTES + length;
          continue;
        }
        if (!KNOWN_TAGS.has(tag)) this.noteUnknown(`record tag 0x${tag.toString(16)} (${length} bytes) at byte ${base + pos}`);
        this.records++;
        pos = this.advance(pos, HEADER_BYTES + length, len, tag, base);
        continue;
      }

      const tag = buf[pos] as number;
      let size: number;
      if (tag === INSTANCE) {
        const head = 1 + 2 * id + 8;
        if (len - pos < head) return pos;
        const at = pos + 5 + id;
        const classId = wide ? wideId(buf, at) : u32(buf, at);
        if (classId < 0) this.failId(buf, at, base);
        const slot = (classId >>> 3) & (CLASS_CACHE_SLOTS - 1);
        let record = cacheRecords[slot];
        if (cacheIds[slot] !== classId || !record) {
          record = this.table.get(classId);
          cacheIds[slot] = classId;
          cacheRecords[slot] = record;
        }
        const fieldBytes = u32(buf, at + id);
        record.instances++;
        record.lastInstanceFieldBytes = fieldBytes;
        this.instanceDumps++;
        size = head + fieldBytes;
      } else if (tag === PRIMITIVE_ARRAY) {
        const head = 1 + id + 9;
        if (len - pos < head) return pos;
        const length = u32(buf, pos + 5 + id);
        const type = buf[pos + 9 + id] as number;
        const elementBytes = ELEMENT_BYTES[type] ?? 0;
        if (elementBytes === 0) this.fail(`a primitive array of unknown element type ${type}`, base + pos);
        this.primitiveCounts[type] = (this.primitiveCounts[type] as number) + 1;
        this.primitiveBytes[type] = (this.primitiveBytes[type] as number) + arraySize(layout, length, elementBytes);
        this.primitiveArrayDumps++;
        size = head + length * elementBytes;
      } else if (tag === OBJECT_ARRAY) {
        const head = 1 + 2 * id + 8;
        if (len - pos < head) return pos;
        const length = u32(buf, pos + 5 + id);
        const record = this.table.get(this.readId(buf, pos + 9 + id, base));
        record.arrays++;
        record.arrayBytes += arraySize(layout, length, layout.referenceBytes);
        this.objectArrayDumps++;
        size = head + length * id;
      } else if (tag === CLASS_DUMP) {
        const dump = readClassDump(buf, pos, id, this.file, base + pos);
        if (!dump) return pos;
        const record = this.table.get(this.readId(buf, dump.classIdAt, base));
        record.dumped = true;
        record.superId = this.readId(buf, dump.superIdAt, base);
        record.ownPrimitiveBytes = dump.ownPrimitiveBytes;
        record.ownReferences = dump.ownReferences;
        record.staticPrimitiveBytes = dump.staticPrimitiveBytes;
        record.staticReferences = dump.staticReferences;
        this.classDumps++;
        size = dump.size;
      } else {
        const root = ROOT_BODY.get(tag);
        if (!root) this.fail(`an unknown heap dump sub-record tag 0x${tag.toString(16)}`, base + pos);
        this.gcRoots++;
        size = 1 + root.ids * id + root.extra;
      }
      if (size > this.heapLeft) {
        this.fail(
          `a sub-record (tag 0x${tag.toString(16)}, ${size} bytes) that overruns its heap dump record ` +
            `(at byte ${this.heapRecordOffset}, ending at byte ${this.heapRecordOffset + HEADER_BYTES + this.heapRecordLength})`,
          base + pos,
        );
      }
      this.heapLeft -= size;
      pos = this.advance(pos, size, len, tag, base);
    }
    return pos;
  }

  /** Moves past an item of `size` bytes at `pos`, noting it if it runs on past this buffer (for the message if the dump ends inside it). */
  private advance(pos: number, size: number, len: number, tag: number, base: number): number {
    const next = pos + size;
    if (next > len) {
      this.openTag = tag;
      this.openOffset = base + pos;
      this.openLength = size;
    }
    return next;
  }

  private readNameRecord(buf: Buffer, body: number, tag: number, length: number, offset: number): void {
    const id = this.idSize;
    if (tag === TAG_STRING) {
      if (length < id) this.fail(`a string record shorter than its identifier`, offset);
      this.table.addString(this.readId(buf, body, offset), buf.toString('latin1', body + id, body + length));
      return;
    }
    if (length < 8 + 2 * id) this.fail(`a LOAD CLASS record of ${length} bytes`, offset);
    this.table.loadClass(this.readId(buf, body + 4, offset), this.readId(buf, body + 8 + id, offset));
  }

  private readId(buf: Buffer, at: number, base: number): number {
    const value = this.idSize === 8 ? wideId(buf, at) : buf.readUInt32BE(at);
    if (value < 0) this.failId(buf, at, base);
    return value;
  }

  private failId(buf: Buffer, at: number, base: number): never {
    this.fail(`an identifier (0x${buf.readUInt32BE(at).toString(16)}…) too large to count classes by`, base + at);
  }

  private keep(buf: Buffer, pos: number, base: number): void {
    // A copy: the stream may reuse its chunk, and the rest of it can go.
    this.carry = Buffer.from(buf.subarray(pos));
    this.carryOffset = base + pos;
  }

  private describeOpen(): string {
    if (this.carry) return `a record that starts at byte ${this.carryOffset} (tag 0x${(this.carry[0] ?? 0).toString(16)})`;
    return `a record that starts at byte ${this.openOffset} (tag 0x${this.openTag.toString(16)}, ${this.openLength} bytes, ${this.skip} missing)`;
  }

  private noteUnknown(text: string): void {
    this.unknownCount++;
    if (this.unknown.length < MAX_UNKNOWN_SAMPLES) this.unknown.push({ lineNo: 0, text });
  }

  private fail(what: string, offset: number): never {
    throw new GclensError('unsupported-format', `${this.file}: ${what} at byte ${offset}`);
  }
}

/** An 8-byte identifier as a Number, or -1 if it is past 2^53 and could not be told from its neighbours. */
function wideId(buf: Buffer, at: number): number {
  const high = u32(buf, at);
  return high > MAX_ID_HIGH_WORD ? -1 : high * 4294967296 + u32(buf, at + 4);
}

/**
 * A big-endian u4 at an offset the caller has checked: Buffer.readUInt32BE
 * checks bounds again on every call, and this runs for every object.
 */
function u32(buf: Buffer, at: number): number {
  return (buf[at] as number) * 16777216 + (((buf[at + 1] as number) << 16) | ((buf[at + 2] as number) << 8) | (buf[at + 3] as number));
}
