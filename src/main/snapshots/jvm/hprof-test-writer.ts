/**
 * Writes small HPROF dumps for tests, record by record, so the histogram
 * pass can be checked against values worked out by hand. Test-only: nothing
 * in the app imports it.
 */
import { PRIMITIVE_BYTES, TYPE_OBJECT } from './hprof-format';

export interface FieldSpec {
  nameId: number;
  type: number;
}

export interface ClassDumpSpec {
  classId: number;
  superId: number;
  statics?: FieldSpec[];
  fields?: FieldSpec[];
  /** Constant pool entries by type; values are zeros. */
  constants?: number[];
}

export class HprofTestWriter {
  private readonly parts: Buffer[] = [];

  constructor(
    readonly idSize: 4 | 8,
    timestampMs = 1_700_000_000_000,
    version = 'JAVA PROFILE 1.0.2',
  ) {
    const head = Buffer.alloc(version.length + 1 + 12);
    head.write(version, 0, 'latin1');
    head.writeUInt32BE(idSize, version.length + 1);
    head.writeUInt32BE(Math.floor(timestampMs / 2 ** 32), version.length + 5);
    head.writeUInt32BE(timestampMs % 2 ** 32, version.length + 9);
    this.parts.push(head);
  }

  id(value: number): Buffer {
    const out = Buffer.alloc(this.idSize);
    if (this.idSize === 4) out.writeUInt32BE(value);
    else out.writeBigUInt64BE(BigInt(value));
    return out;
  }

  u4(value: number): Buffer {
    const out = Buffer.alloc(4);
    out.writeUInt32BE(value);
    return out;
  }

  u2(value: number): Buffer {
    const out = Buffer.alloc(2);
    out.writeUInt16BE(value);
    return out;
  }

  record(tag: number, body: Buffer): this {
    const head = Buffer.alloc(9);
    head[0] = tag;
    head.writeUInt32BE(body.length, 5);
    this.parts.push(head, body);
    return this;
  }

  string(id: number, text: string): this {
    return this.record(0x01, Buffer.concat([this.id(id), Buffer.from(text, 'utf8')]));
  }

  loadClass(serial: number, classId: number, nameId: number): this {
    return this.record(0x02, Buffer.concat([this.u4(serial), this.id(classId), this.u4(0), this.id(nameId)]));
  }

  /** One HEAP DUMP SEGMENT holding the given sub-records. */
  segment(...subRecords: Buffer[]): this {
    return this.record(0x1c, Buffer.concat(subRecords));
  }

  end(): this {
    return this.record(0x2c, Buffer.alloc(0));
  }

  classDump(spec: ClassDumpSpec): Buffer {
    const value = (type: number): Buffer => Buffer.alloc(type === TYPE_OBJECT ? this.idSize : (PRIMITIVE_BYTES[type] ?? 0));
    const parts = [Buffer.from([0x20]), this.id(spec.classId), this.u4(0), this.id(spec.superId)];
    for (let i = 0; i < 5; i++) parts.push(this.id(0)); // loader, signers, protection domain, reserved ×2
    const fields = spec.fields ?? [];
    parts.push(this.u4(0), this.u2(spec.constants?.length ?? 0));
    (spec.constants ?? []).forEach((type, index) => parts.push(this.u2(index), Buffer.from([type]), value(type)));
    parts.push(this.u2(spec.statics?.length ?? 0));
    for (const field of spec.statics ?? []) parts.push(this.id(field.nameId), Buffer.from([field.type]), value(field.type));
    parts.push(this.u2(fields.length));
    for (const field of fields) parts.push(this.id(field.nameId), Buffer.from([field.type]));
    return Buffer.concat(parts);
  }

  instance(objectId: number, classId: number, fieldBytes: number): Buffer {
    return Buffer.concat([Buffer.from([0x21]), this.id(objectId), this.u4(0), this.id(classId), this.u4(fieldBytes), Buffer.alloc(fieldBytes)]);
  }

  objectArray(objectId: number, arrayClassId: number, length: number): Buffer {
    return Buffer.concat([Buffer.from([0x22]), this.id(objectId), this.u4(0), this.u4(length), this.id(arrayClassId), Buffer.alloc(length * this.idSize)]);
  }

  /** The header of a primitive array; with `withBody` false its elements are left for the caller to stream. */
  primitiveArray(objectId: number, type: number, length: number, withBody = true): Buffer {
    const head = Buffer.concat([Buffer.from([0x23]), this.id(objectId), this.u4(0), this.u4(length), Buffer.from([type])]);
    return withBody ? Buffer.concat([head, Buffer.alloc(length * (PRIMITIVE_BYTES[type] ?? 0))]) : head;
  }

  /** A ROOT STICKY CLASS (0x05): tag and one identifier. */
  stickyClassRoot(classId: number): Buffer {
    return Buffer.concat([Buffer.from([0x05]), this.id(classId)]);
  }

  /** A ROOT THREAD OBJECT (0x08): identifier, thread serial, stack trace serial. */
  threadRoot(threadId: number): Buffer {
    return Buffer.concat([Buffer.from([0x08]), this.id(threadId), this.u4(1), this.u4(0)]);
  }

  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}
