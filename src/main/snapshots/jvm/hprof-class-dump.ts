/**
 * The CLASS DUMP heap sub-record: what a class histogram needs from it is
 * the class, its superclass and how many bytes of fields (and of statics)
 * its instances (and its mirror) hold.
 *
 *   u1 0x20, id class, u4 stack trace serial, id super, id loader, id signers,
 *   id protection domain, id reserved ×2, u4 instance size,
 *   u2 constants [u2 index, u1 type, value], u2 statics [id name, u1 type, value],
 *   u2 instance fields [id name, u1 type]
 */
import { GclensError } from '../../../shared/result';
import { PRIMITIVE_BYTES, TYPE_OBJECT } from './hprof-format';

export interface ClassDump {
  /** Bytes the sub-record takes, tag included. */
  size: number;
  /** Offsets of the class and superclass identifiers, for the caller's id reader. */
  classIdAt: number;
  superIdAt: number;
  ownPrimitiveBytes: number;
  ownReferences: number;
  staticPrimitiveBytes: number;
  staticReferences: number;
}

/**
 * Reads the CLASS DUMP at `pos`; null if `buf` holds only part of it.
 * `offset` is `pos`'s place in the dump, for the error a bad type gets.
 */
export function readClassDump(buf: Buffer, pos: number, idSize: number, file: string, offset: number): ClassDump | null {
  const len = buf.length;
  const valueBytes = (type: number): number => {
    const bytes = type === TYPE_OBJECT ? idSize : (PRIMITIVE_BYTES[type] ?? 0);
    if (bytes === 0) throw new GclensError('unsupported-format', `${file}: a class dump with a value of unknown type ${type} at byte ${offset}`);
    return bytes;
  };
  let p = pos + 1 + idSize + 4 + 6 * idSize + 4;
  if (p + 2 > len) return null;
  const constants = buf.readUInt16BE(p);
  p += 2;
  for (let i = 0; i < constants; i++) {
    if (p + 3 > len) return null;
    p += 3 + valueBytes(buf[p + 2] as number);
  }
  if (p + 2 > len) return null;
  const statics = buf.readUInt16BE(p);
  p += 2;
  let staticPrimitiveBytes = 0;
  let staticReferences = 0;
  for (let i = 0; i < statics; i++) {
    if (p + idSize + 1 > len) return null;
    const type = buf[p + idSize] as number;
    const bytes = valueBytes(type);
    if (type === TYPE_OBJECT) staticReferences++;
    else staticPrimitiveBytes += bytes;
    p += idSize + 1 + bytes;
  }
  if (p + 2 > len) return null;
  const fields = buf.readUInt16BE(p);
  p += 2;
  if (p + fields * (idSize + 1) > len) return null;
  let ownPrimitiveBytes = 0;
  let ownReferences = 0;
  for (let i = 0; i < fields; i++) {
    const type = buf[p + idSize] as number;
    const bytes = valueBytes(type);
    if (type === TYPE_OBJECT) ownReferences++;
    else ownPrimitiveBytes += bytes;
    p += idSize + 1;
  }
  return {
    size: p - pos,
    classIdAt: pos + 1,
    superIdAt: pos + 5 + idSize,
    ownPrimitiveBytes,
    ownReferences,
    staticPrimitiveBytes,
    staticReferences,
  };
}
