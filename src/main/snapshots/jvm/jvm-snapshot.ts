/**
 * The JVM snapshots gclens reads, as parsed records: class histograms (from
 * jmap/jcmd text or an HPROF dump) and NMT summaries. Every size is in bytes,
 * whatever scale the tool printed.
 */

/** One class in a class histogram. */
export interface ClassEntry {
  /** The JVM's binary name as the histogram prints it: `java.util.HashMap$Node`, `[B`, `[Ljava.lang.Object;`. The diff key. */
  name: string;
  /** The same class as Java source spells it: `byte[]`, `java.lang.Object[]`; equal to `name` for non-arrays. */
  readableName: string;
  /** The module column of JDK 9+ (`java.base@17.0.15`), when printed. */
  module?: string;
  instances: number;
  /** Shallow bytes of all instances: what the histogram says, or the HPROF rule (see hprof-shallow-size.ts). */
  bytes: number;
}

/** A line no rule understood: kept so the user can see what was skipped. */
export interface UnknownLine {
  lineNo: number;
  text: string;
}

interface SnapshotBase {
  /** The name messages and reports use for the file. */
  file: string;
  /** Lines not understood: their count and the first few of them. */
  unknownLineCount: number;
  unknownLines: UnknownLine[];
}

export interface ClassHistogramSnapshot extends SnapshotBase {
  kind: 'class-histogram';
  /** The process id from jcmd's leading `<pid>:` line, when present. */
  pid: number | null;
  /** Whether the header had the JDK 9+ `(module)` column. */
  hasModuleColumn: boolean;
  /** Rows in the order printed (largest first). */
  classes: ClassEntry[];
  /** From the `Total` line, or summed from the rows when the tool printed none. */
  totalInstances: number;
  totalBytes: number;
  /** False when the text has no `Total` line: a fragment or a copy cut short. */
  hasTotalLine: boolean;
}

export interface HprofMeta {
  /** `JAVA PROFILE 1.0.2` (or 1.0.1). */
  format: string;
  /** Bytes in an object identifier: 4 or 8. */
  idSize: 4 | 8;
  /** The layout the shallow sizes assume (see hprof-shallow-size.ts). */
  objectHeaderBytes: number;
  arrayHeaderBytes: number;
  referenceBytes: number;
  alignmentBytes: number;
  /** Bytes of the uncompressed dump. */
  dumpBytes: number;
  /** Top-level records, and heap sub-records of each kind. */
  records: number;
  instanceDumps: number;
  objectArrayDumps: number;
  primitiveArrayDumps: number;
  classDumps: number;
  gcRoots: number;
}

export interface HprofSnapshot extends SnapshotBase {
  kind: 'hprof';
  /** The dump's own timestamp (ISO-8601). */
  capturedAt: string;
  meta: HprofMeta;
  /** Sorted by bytes, largest first, like a histogram. */
  classes: ClassEntry[];
  totalInstances: number;
  totalBytes: number;
}

/** reserved and committed bytes, with the change since the baseline in a summary.diff. */
export interface NmtAmounts {
  reservedBytes: number;
  committedBytes: number;
  reservedDeltaBytes?: number;
  committedDeltaBytes?: number;
}

export interface NmtCategory extends NmtAmounts {
  /** `Java Heap`, `Class`, `Thread`, `Code`, `GC`… as NMT prints it. */
  name: string;
  mallocBytes?: number;
  mallocCount?: number;
  mallocDeltaBytes?: number;
  mmap?: NmtAmounts;
  /** Thread stacks (the Thread category). */
  stack?: NmtAmounts;
  arenaBytes?: number;
  arenaDeltaBytes?: number;
  /** The detail lines not turned into fields above (Metadata, Class space, classes #, peaks…), trimmed. */
  details: string[];
}

export interface NmtSnapshot extends SnapshotBase {
  kind: 'nmt';
  pid: number | null;
  /** True for `VM.native_memory summary.diff`: the amounts carry deltas against the baseline. */
  isDiff: boolean;
  total: NmtAmounts;
  /** In the order printed. */
  categories: NmtCategory[];
}

export type ClassSnapshot = ClassHistogramSnapshot | HprofSnapshot;
export type JvmSnapshot = ClassSnapshot | NmtSnapshot;

/** At most this many unknown lines are kept as samples; the count covers all. */
export const MAX_UNKNOWN_SAMPLES = 20;
