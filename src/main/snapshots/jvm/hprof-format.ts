/**
 * The parts of the HPROF binary format ("JAVA PROFILE 1.0.1/1.0.2", as
 * HotSpot's heapDumper and the serviceability agent's HeapHprofBinWriter
 * write it) that a class histogram needs. All integers are big-endian.
 *
 *   header  "JAVA PROFILE 1.0.2\0", u4 identifier size, u4+u4 timestamp (ms)
 *   record  u1 tag, u4 µs since the timestamp, u4 body length, body
 */
import { GclensError } from '../../../shared/result';

/** Top-level record tags. */
export const TAG_STRING = 0x01;
export const TAG_LOAD_CLASS = 0x02;
export const TAG_HEAP_DUMP = 0x0c;
export const TAG_HEAP_DUMP_SEGMENT = 0x1c;
export const TAG_HEAP_DUMP_END = 0x2c;
export const RECORD_HEADER_BYTES = 9;

/** Heap dump sub-record tags. */
export const SUB_CLASS_DUMP = 0x20;
export const SUB_INSTANCE_DUMP = 0x21;
export const SUB_OBJECT_ARRAY_DUMP = 0x22;
export const SUB_PRIMITIVE_ARRAY_DUMP = 0x23;

/** Basic types of fields and array elements. */
export const TYPE_OBJECT = 2;

/** Bytes of a value of each basic type (index: type code); 0 for codes that are not a type. The object size is the identifier size. */
export const PRIMITIVE_BYTES: readonly number[] = [0, 0, 0, 0, 1, 2, 4, 8, 1, 2, 4, 8];

/** The histogram name of a primitive array by element type: HotSpot's own `[B`, `[I`…. */
export const PRIMITIVE_ARRAY_NAMES: readonly string[] = ['', '', '', '', '[Z', '[C', '[F', '[D', '[B', '[S', '[I', '[J'];

/**
 * The GC root sub-records: their body length after the tag, in identifiers
 * and extra bytes. Nothing in them bears on a histogram except their count.
 */
export const ROOT_BODY: ReadonlyMap<number, { ids: number; extra: number }> = new Map([
  [0xff, { ids: 1, extra: 0 }], // ROOT UNKNOWN: object
  [0x01, { ids: 2, extra: 0 }], // ROOT JNI GLOBAL: object, JNI global ref
  [0x02, { ids: 1, extra: 8 }], // ROOT JNI LOCAL: object, thread serial, frame
  [0x03, { ids: 1, extra: 8 }], // ROOT JAVA FRAME: object, thread serial, frame
  [0x04, { ids: 1, extra: 4 }], // ROOT NATIVE STACK: object, thread serial
  [0x05, { ids: 1, extra: 0 }], // ROOT STICKY CLASS: object
  [0x06, { ids: 1, extra: 4 }], // ROOT THREAD BLOCK: object, thread serial
  [0x07, { ids: 1, extra: 0 }], // ROOT MONITOR USED: object
  [0x08, { ids: 1, extra: 8 }], // ROOT THREAD OBJECT: thread, thread serial, stack trace serial
]);

export interface HprofHeader {
  format: string;
  idSize: 4 | 8;
  timestampMs: number;
  /** Bytes the header takes, where the first record starts. */
  bytes: number;
}

const MAGIC = 'JAVA PROFILE ';
/** The version string is short; a NUL later than this is not a header. */
const MAX_VERSION_BYTES = 32;

/** Whether the first bytes are an HPROF header (without needing the whole header). */
export function looksLikeHprof(head: Uint8Array): boolean {
  return Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, MAGIC.length)).toString('latin1') === MAGIC;
}

/**
 * Reads the header from the first bytes of a dump; null while there are not
 * yet enough of them. Throws when they are not an HPROF header.
 */
export function readHprofHeader(buf: Buffer, file: string): HprofHeader | null {
  if (buf.length < MAGIC.length) return null;
  if (!looksLikeHprof(buf)) {
    throw new GclensError('unsupported-format', `${file} is not an HPROF heap dump: it does not start with "JAVA PROFILE"`);
  }
  const nul = buf.indexOf(0, 0);
  if (nul === -1 || nul > MAX_VERSION_BYTES) {
    if (buf.length <= MAX_VERSION_BYTES) return null;
    throw new GclensError('unsupported-format', `${file}: the HPROF version string is not terminated within ${MAX_VERSION_BYTES} bytes`);
  }
  const bytes = nul + 1 + 12;
  if (buf.length < bytes) return null;
  const idSize = buf.readUInt32BE(nul + 1);
  if (idSize !== 4 && idSize !== 8) {
    throw new GclensError('unsupported-format', `${file}: HPROF identifier size ${idSize} at byte ${nul + 1}; only 4 and 8 exist`);
  }
  const timestampMs = buf.readUInt32BE(nul + 5) * 2 ** 32 + buf.readUInt32BE(nul + 9);
  return { format: buf.toString('latin1', 0, nul), idSize, timestampMs, bytes };
}
