/**
 * The Go snapshots gclens reads, as parsed records. Every one of them is, at
 * heart, a set of stacks with values (a pprof profile, a goroutine dump, a
 * heap?debug=1 text), so they share one compact StackProfile: frames are
 * interned names, stacks are arrays of location indices, values sit in one
 * flat array. A 20 MB profile holds hundreds of thousands of samples; objects
 * per frame would cost several times the memory and time.
 */
import type { GcEvent } from '../../../shared/gc-event';

export interface SampleType {
  /** inuse_space, alloc_objects, goroutine, cpu, contentions… */
  type: string;
  /** bytes, count, nanoseconds… */
  unit: string;
}

export interface StackProfile {
  /** What the profile measures: heap, allocs, goroutine, cpu, contention, threadcreate, or the last sample type's name. */
  profile: string;
  sampleTypes: SampleType[];
  /** The sample type shown when none is asked for, as the profile declares it (null: the last one, as pprof does). */
  defaultSampleType: string | null;
  periodType: SampleType | null;
  period: number;
  /** Unix nanoseconds when the profile was taken, if it says. */
  timeNanos: number | null;
  durationNanos: number | null;
  comments: string[];
  /**
   * Frame names, interned: function names, or `[binary]` / `<unknown>` /
   * `0x…` for frames without a symbol (pprof's names for them).
   */
  names: string[];
  /**
   * Location l holds the name ids locationFrames[locationStart[l] ..
   * locationStart[l + 1]), innermost inlined frame first. Flat arrays, not
   * one array per location or sample: a large profile has hundreds of
   * thousands of them.
   */
  locationStart: Uint32Array;
  locationFrames: Uint32Array;
  /** Sample s holds the location indices sampleLocations[sampleStart[s] .. sampleStart[s + 1]), leaf first. */
  sampleStart: Uint32Array;
  sampleLocations: Uint32Array;
  /** sampleCount × sampleTypes.length values, sample after sample. */
  values: Float64Array;
  /** Per sample, the goroutine state (`chan send`, `select`…) where the source prints one; else null. */
  states: (string | null)[] | null;
}

/** One goroutine of a `goroutine?debug=2` dump. */
export interface GoroutineRecord {
  id: number;
  /** The wait reason or status: `running`, `chan send`, `IO wait`… */
  state: string;
  /** `N minutes` in the header: how long it has been blocked, when the runtime says. */
  waitMinutes: number | null;
  lockedToThread: boolean;
  /** Function names, innermost first. */
  frames: string[];
  /** `created by F in goroutine N`: F, and N when printed. */
  createdBy: string | null;
  createdByGoroutine: number | null;
  /** 1-based line of the `goroutine N [...]:` header. */
  line: number;
}

/** runtime.MemStats as the `# runtime.MemStats` block of heap?debug=1 prints it (bytes unless named otherwise). */
export interface MemStats {
  alloc: number | null;
  totalAlloc: number | null;
  sys: number | null;
  lookups: number | null;
  mallocs: number | null;
  frees: number | null;
  heapAlloc: number | null;
  heapSys: number | null;
  heapIdle: number | null;
  heapInuse: number | null;
  heapReleased: number | null;
  heapObjects: number | null;
  stackInuse: number | null;
  stackSys: number | null;
  mSpanInuse: number | null;
  mSpanSys: number | null;
  mCacheInuse: number | null;
  mCacheSys: number | null;
  buckHashSys: number | null;
  gcSys: number | null;
  otherSys: number | null;
  nextGC: number | null;
  /** Unix nanoseconds of the last collection's end (a double: exact to ~256 ns). */
  lastGC: number | null;
  /** The 256-slot ring of recent stop-the-world pause times, in nanoseconds, as printed. */
  pauseNs: number[];
  /** The matching ring of pause end times, Unix nanoseconds (doubles). */
  pauseEnd: number[];
  numGC: number | null;
  numForcedGC: number | null;
  gcCpuFraction: number | null;
  debugGC: boolean | null;
  maxRss: number | null;
  /** Fields printed that this reader does not know, kept by name. */
  other: Record<string, string>;
}

interface GoSnapshotBase {
  /** The name messages and reports use for the file. */
  file: string;
  profile: StackProfile;
}

export interface PprofSnapshot extends GoSnapshotBase {
  kind: 'pprof';
  /** protobuf, or one of the legacy encodings pprof still reads. */
  encoding: 'protobuf' | 'legacy-heap-text' | 'legacy-count-text' | 'legacy-contention-text' | 'legacy-cpu';
}

export interface HeapTextSnapshot extends GoSnapshotBase {
  kind: 'heap-text';
  memStats: MemStats;
  /** The PauseNs/PauseEnd ring as GC events, oldest first. */
  gcEvents: GcEvent[];
}

export interface GoroutineTextSnapshot extends GoSnapshotBase {
  kind: 'goroutine-text';
  debug: 1 | 2;
  /** Goroutines in the dump (the `total` of debug=1, the count of headers in debug=2). */
  total: number;
  /** debug=2 only: each goroutine as printed; empty for debug=1. */
  goroutines: GoroutineRecord[];
}

export type GoSnapshot = PprofSnapshot | HeapTextSnapshot | GoroutineTextSnapshot;

export function sampleCount(profile: StackProfile): number {
  return profile.sampleStart.length - 1;
}

/** The sample type pprof shows when none is asked for: the declared default, else the last. */
export function defaultSampleIndex(profile: StackProfile): number {
  if (profile.defaultSampleType) {
    const i = profile.sampleTypes.findIndex((t) => t.type === profile.defaultSampleType);
    if (i >= 0) return i;
  }
  return profile.sampleTypes.length - 1;
}
