/**
 * What the HPROF pass remembers: one record per class (its name, its field
 * layout, and the instances and arrays counted against it) and, until the
 * heap dump starts, the dump's strings. It grows with the number of classes,
 * never with the number of objects.
 */
import { binaryNameFromInternal, readableClassName } from './class-names';
import { PRIMITIVE_ARRAY_NAMES } from './hprof-format';
import { alignUp, UNDUMPED_FIELDS, instanceBytes, type ObjectLayout } from './hprof-shallow-size';
import type { ClassEntry } from './jvm-snapshot';

export interface ClassRecord {
  /** The histogram name, once a LOAD CLASS record gave one. */
  name: string | null;
  nameId: number;
  /** 0 for java.lang.Object, or before the CLASS DUMP is seen. */
  superId: number;
  dumped: boolean;
  ownPrimitiveBytes: number;
  ownReferences: number;
  staticPrimitiveBytes: number;
  staticReferences: number;
  instances: number;
  /** The field bytes the last INSTANCE DUMP carried: the size when no CLASS DUMP says better. */
  lastInstanceFieldBytes: number;
  arrays: number;
  arrayBytes: number;
}

export interface Histogram {
  classes: ClassEntry[];
  totalInstances: number;
  totalBytes: number;
}

const JAVA_LANG_CLASS = 'java.lang.Class';

export class HprofClassTable {
  private readonly records = new Map<number, ClassRecord>();
  /** String id → text, read as latin1 (one byte per char, cheap) and decoded as UTF-8 only when used. */
  private strings = new Map<number, string>();

  /** The record for a class object id, made on first sight (instances may come before their CLASS DUMP). */
  get(classId: number): ClassRecord {
    let record = this.records.get(classId);
    if (!record) {
      record = {
        name: null,
        nameId: -1,
        superId: 0,
        dumped: false,
        ownPrimitiveBytes: 0,
        ownReferences: 0,
        staticPrimitiveBytes: 0,
        staticReferences: 0,
        instances: 0,
        lastInstanceFieldBytes: 0,
        arrays: 0,
        arrayBytes: 0,
      };
      this.records.set(classId, record);
    }
    return record;
  }

  addString(id: number, latin1Text: string): void {
    this.strings.set(id, latin1Text);
  }

  loadClass(classId: number, nameId: number): void {
    const record = this.get(classId);
    record.nameId = nameId;
    record.name = this.nameOf(nameId);
  }

  /**
   * HotSpot writes every symbol of the VM (method names, signatures…) as a
   * string before its LOAD CLASS records, and nothing after them needs one:
   * once the heap dump starts they are let go.
   */
  dropStrings(): void {
    this.strings = new Map();
  }

  /** Adds the primitive arrays, turns counts into shallow bytes and merges classes of one name (loaded by several loaders). */
  histogram(layout: ObjectLayout, pointerBytes: number, primitiveCounts: ArrayLike<number>, primitiveBytes: ArrayLike<number>): Histogram {
    const byName = new Map<string, ClassEntry>();
    const add = (name: string, instances: number, bytes: number): void => {
      if (instances === 0) return;
      const entry = byName.get(name);
      if (entry) {
        entry.instances += instances;
        entry.bytes += bytes;
      } else {
        byName.set(name, { name, readableName: readableClassName(name), instances, bytes });
      }
    };

    let mirrorLayout: ClassRecord | undefined;
    for (const [id, record] of this.records) {
      if (record.name === null && record.nameId !== -1) record.name = this.nameOf(record.nameId);
      const name = record.name ?? `<class 0x${id.toString(16)}>`;
      if (name === JAVA_LANG_CLASS) mirrorLayout = record;
      add(name, record.instances, record.instances * this.instanceSize(layout, pointerBytes, record));
      add(name, record.arrays, record.arrayBytes);
    }
    for (let type = 0; type < PRIMITIVE_ARRAY_NAMES.length; type++) {
      const count = primitiveCounts[type] ?? 0;
      if (count > 0) add(PRIMITIVE_ARRAY_NAMES[type] as string, count, primitiveBytes[type] ?? 0);
    }
    // Each CLASS DUMP stands for one java.lang.Class instance: the mirror, which holds the statics.
    let mirrors = 0;
    let mirrorBytes = 0;
    const classFields = mirrorLayout ? this.fieldTotals(mirrorLayout, pointerBytes) : { primitive: 0, references: 0 };
    for (const record of this.records.values()) {
      if (!record.dumped) continue;
      mirrors++;
      mirrorBytes += instanceBytes(layout, classFields.primitive + record.staticPrimitiveBytes, classFields.references + record.staticReferences);
    }
    add(JAVA_LANG_CLASS, mirrors, mirrorBytes);

    const classes = [...byName.values()].sort((a, b) => b.bytes - a.bytes || b.instances - a.instances || (a.name < b.name ? -1 : 1));
    let totalInstances = 0;
    let totalBytes = 0;
    for (const entry of classes) {
      totalInstances += entry.instances;
      totalBytes += entry.bytes;
    }
    return { classes, totalInstances, totalBytes };
  }

  private instanceSize(layout: ObjectLayout, pointerBytes: number, record: ClassRecord): number {
    if (record.instances === 0) return 0;
    if (!record.dumped) return alignUp(layout.objectHeaderBytes + record.lastInstanceFieldBytes, layout.alignmentBytes);
    const fields = this.fieldTotals(record, pointerBytes);
    return instanceBytes(layout, fields.primitive, fields.references);
  }

  /** A class's instance fields with all its superclasses'. */
  private fieldTotals(record: ClassRecord, pointerBytes: number): { primitive: number; references: number } {
    let primitive = 0;
    let references = 0;
    // Bounded by the table size, so a dump whose superclass chain loops cannot hang the pass.
    for (let current: ClassRecord | undefined = record, hops = 0; current && hops <= this.records.size; hops++) {
      primitive += current.ownPrimitiveBytes;
      references += current.ownReferences;
      const injected = current.name === null ? undefined : UNDUMPED_FIELDS.get(current.name);
      if (injected) {
        primitive += injected.pointers * pointerBytes + injected.primitiveBytes;
        references += injected.references;
      }
      current = current.superId === 0 ? undefined : this.records.get(current.superId);
    }
    return { primitive, references };
  }

  private nameOf(nameId: number): string | null {
    const latin1 = this.strings.get(nameId);
    if (latin1 === undefined) return null;
    // Names are almost always ASCII; only the others need the UTF-8 decode.
    const text = isAscii(latin1) ? latin1 : Buffer.from(latin1, 'latin1').toString('utf8');
    return binaryNameFromInternal(text);
  }
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}
