/**
 * Snapshots (heap profiles, goroutine dumps, class histograms, NMT, heap
 * dumps) and the diff of two of one kind. The JSON shape of SnapshotDiff is
 * what `gclens diff --json` prints; reports and tools depend on its names.
 */
export type SnapshotKind =
  | 'pprof' // Go protobuf profile (heap, allocs, goroutine, any other), or the legacy text heap profile
  | 'goroutine-text' // goroutine?debug=1 or debug=2
  | 'heap-text' // heap?debug=1 with its runtime.MemStats block
  | 'class-histogram' // jmap -histo, jcmd GC.class_histogram
  | 'nmt' // jcmd VM.native_memory summary
  | 'hprof'; // a heap dump, read as a class histogram

export type DiffBy = 'function' | 'stack' | 'class' | 'category' | 'goroutine';

export interface DiffRow {
  /** Function name, stack (frames joined leaf first with " < "), class, NMT category, or goroutine group. */
  key: string;
  /** Flat values for functions; bytes for classes; counts for goroutines; committed bytes for NMT. */
  base: number;
  new: number;
  delta: number;
  /** Functions only: cumulative values. */
  cumBase?: number;
  cumNew?: number;
  cumDelta?: number;
  /** Classes only: instance counts. */
  baseCount?: number;
  newCount?: number;
  deltaCount?: number;
  /** Stack and goroutine rows: the frames, leaf first. */
  frames?: string[];
  /** Goroutine rows: the state or wait reason ("chan send", "select"…). */
  state?: string;
}

export interface SnapshotDiff {
  kind: SnapshotKind;
  /** The sample type compared (inuse_space, goroutine, bytes, committed…). */
  sample: string;
  /** The unit of base/new/delta: bytes, count, nanoseconds… */
  unit: string;
  by: DiffBy;
  baseTotal: number;
  newTotal: number;
  /** Sorted by delta, largest growth first. */
  rows: DiffRow[];
}

export interface SnapshotSummary {
  kind: SnapshotKind;
  file: string;
  /** What the snapshot says it is (heap, goroutine, allocs, histogram…). */
  profile: string;
  /** The sample types it carries, and the one shown by default. */
  samples: string[];
  defaultSample: string;
  /** Total per sample type. */
  totals: Record<string, number>;
  units: Record<string, string>;
  /** When the runtime or tool says it was taken (ISO-8601), if it does. */
  capturedAt: string | null;
  /** The largest rows by the default sample, as a one-snapshot view. */
  top: DiffRow[];
  by: DiffBy;
}
