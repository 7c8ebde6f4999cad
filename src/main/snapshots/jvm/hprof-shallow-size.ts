/**
 * Shallow sizes for a class histogram read from an HPROF dump, made to match
 * what `jcmd GC.class_histogram` reports for the same heap.
 *
 * The dump holds field values, not the object layout: a 64-bit JVM writes
 * 8-byte identifiers whether or not it compresses references, and no header
 * size or padding. So the layout is inferred from the identifier size:
 *
 *   4-byte ids (32-bit JVM):     8-byte header, 12-byte array header, 4-byte references, 8-byte alignment
 *   8-byte ids (64-bit JVM):     assumed compressed oops and class pointers, HotSpot's default below 32 GB
 *                                of heap: 12-byte header, 16-byte array header, 4-byte references, 8-byte alignment
 *   8-byte ids, compressedOops false (heaps of 32 GB and more):
 *                                16-byte header, 24-byte array header, 8-byte references, 8-byte alignment
 *
 * An instance is align(header + its fields and all its superclasses' fields);
 * an array is align(array header + length × element size). This is exact for
 * HotSpot's field layout from JDK 15 on, which packs fields into gaps, and for
 * most classes before; a JDK 8 class whose own fields end off a 4-byte boundary
 * under a subclass can be 8 bytes larger in the JVM's count.
 *
 * Two things a dump cannot show: the fields HotSpot injects into a few core
 * classes (added back from UNDUMPED_FIELDS below), and the padding around
 * @Contended fields (java.lang.Thread and its subclasses count a few hundred
 * bytes more in the JVM's histogram). java.lang.Class mirrors are counted as
 * align(header + Class's fields + the class's statics).
 */
export interface ObjectLayout {
  objectHeaderBytes: number;
  arrayHeaderBytes: number;
  referenceBytes: number;
  alignmentBytes: number;
}

export interface LayoutOptions {
  /** For 8-byte dumps: whether the JVM compressed references (default true). */
  compressedOops?: boolean;
}

export function layoutFor(idSize: 4 | 8, options: LayoutOptions = {}): ObjectLayout {
  if (idSize === 4) return { objectHeaderBytes: 8, arrayHeaderBytes: 12, referenceBytes: 4, alignmentBytes: 8 };
  if (options.compressedOops === false) return { objectHeaderBytes: 16, arrayHeaderBytes: 24, referenceBytes: 8, alignmentBytes: 8 };
  return { objectHeaderBytes: 12, arrayHeaderBytes: 16, referenceBytes: 4, alignmentBytes: 8 };
}

/**
 * Fields HotSpot injects into core classes (javaClasses.hpp) that heap dumps
 * leave out, by declaring class: native pointers (the identifier size), other
 * bytes and references. Only those that hold from JDK 11 to 25 are here;
 * subclasses inherit them like any field. (ResolvedMethodName's vmholder is
 * left out: JDK 25 dumps it, and before that it fits the alignment gap.)
 */
export const UNDUMPED_FIELDS: ReadonlyMap<string, { pointers: number; primitiveBytes: number; references: number }> = new Map([
  ['java.lang.Class', { pointers: 2, primitiveBytes: 8, references: 3 }], // klass, array_klass, oop_size, static_oop_field_count, protection_domain, signers, source_file
  ['java.lang.ClassLoader', { pointers: 1, primitiveBytes: 0, references: 0 }], // loader_data
  ['java.lang.Module', { pointers: 1, primitiveBytes: 0, references: 0 }], // module_entry
  ['java.lang.invoke.MemberName', { pointers: 1, primitiveBytes: 0, references: 0 }], // vmindex
  ['java.lang.invoke.ResolvedMethodName', { pointers: 1, primitiveBytes: 0, references: 0 }], // vmtarget
  ['java.lang.invoke.MethodHandleNatives$CallSiteContext', { pointers: 2, primitiveBytes: 0, references: 0 }], // vmdependencies, last_cleanup
]);

export function alignUp(bytes: number, alignment: number): number {
  return Math.ceil(bytes / alignment) * alignment;
}

export function instanceBytes(layout: ObjectLayout, primitiveFieldBytes: number, referenceFields: number): number {
  return alignUp(layout.objectHeaderBytes + primitiveFieldBytes + referenceFields * layout.referenceBytes, layout.alignmentBytes);
}

export function arrayBytes(layout: ObjectLayout, length: number, elementBytes: number): number {
  return alignUp(layout.arrayHeaderBytes + length * elementBytes, layout.alignmentBytes);
}
