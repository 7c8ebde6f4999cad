/**
 * Every number a rule compares against, in one place, with the reason for
 * its default. Callers override any subset (`analyze({ thresholds })`); rules
 * read only from here, never from literals of their own.
 */
const MIB = 1024 * 1024;

export const DEFAULT_THRESHOLDS = {
  leak: {
    /** Fewer floor points than this and no verdict is given: one or two cycles say nothing about a trend. */
    minCycles: 10,
    /** A shorter window is mostly start-up: caches fill, pools grow. */
    minSpanSec: 30,
    /** Growth over the window (fitted line, end minus start) below this is noise, whatever the slope; gctrace rounds to 1 MiB. */
    minGrowthBytes: 4 * MIB,
    /** …and below this share of the starting floor. */
    minGrowthFraction: 0.1,
    /** The floor must rise steadily: Spearman's rho of floor against time at least this. */
    minSpearman: 0.6,
    /** The last third must still grow at this share of the whole window's slope, else it is warm-up that levelled off. */
    persistFraction: 0.25,
    /** Theil–Sen is O(n²): longer series are subsampled evenly to this many points. */
    maxTrendPoints: 2000,
    /** Whole-heap collections needed before their heap-after alone is used as the floor (JVM); never fewer than minCycles. */
    minWholeHeapCollections: 10,
    /** The floor from heap-after-every-collection mixes in tenured garbage: confidence is scaled by this. */
    everyCollectionConfidence: 0.8,
  },
  goroutines: {
    /** Go 1.18+ `MB stacks`: growth of goroutine stacks that counts (gctrace rounds to 1 MiB). */
    minStackGrowthBytes: 4 * MIB,
    /** …and at least this share of the starting stacks. */
    minStackGrowthFraction: 0.5,
    /** Goroutine snapshot diffs: this many more goroutines… */
    minCountGrowth: 100,
    /** …and this share of the base count. */
    minCountGrowthFraction: 0.2,
  },
  localise: {
    /** Rows shown as the top growers of a snapshot diff. */
    topRows: 5,
  },
  overhead: {
    /** Share of wall time in GC pauses. Above ~10 % throughput suffers visibly. */
    warningPercent: 10,
    criticalPercent: 25,
    /** The worst window of this length is checked too: a burst of thrashing hides in a long average. */
    windowSec: 60,
    /** Over a shorter log, or fewer collections, one long pause swings the percentage: no finding. */
    minSpanSec: 10,
    minCollections: 5,
  },
  backToBackFull: {
    /** This many full collections in a row, nothing else between: the heap cannot keep up. */
    minRun: 3,
    /** …each starting within this many seconds of the previous one's end. */
    maxGapSec: 5,
  },
  heapAtLimit: {
    /** Heap after collection at this share of the limit counts as pinned. */
    fraction: 0.9,
    /** This many collections in a row pinned. */
    minCycles: 3,
  },
  oom: {
    /** Projected time to the limit below these raises a critical / warning finding. */
    criticalSec: 3600,
    warningSec: 24 * 3600,
  },
  pauses: {
    /** p99 above this: a user-visible latency tail. */
    p99WarningMs: 200,
    /** The longest pause above these. */
    maxWarningMs: 1000,
    maxCriticalMs: 5000,
    /** A pause goal (G1's MaxGCPauseMillis, an SLO) to check every pause against; none by default. */
    targetMs: null as number | null,
    /** Share of pauses over the target that makes it a warning rather than info. */
    targetViolationFraction: 0.01,
  },
  metaspace: {
    /** Metaspace after collection growing by this much, steadily, points at a class-loader leak. */
    minGrowthBytes: 16 * MIB,
    /** …and this share of where it started. */
    minGrowthFraction: 0.2,
    minSpearman: 0.6,
  },
  explicitGc: {
    /** System.gc() calls: this many, or this share of all pause time, makes it a warning. */
    warningCount: 10,
    warningPauseShare: 0.2,
  },
  composite: {
    /**
     * The field rule: pause ratio above 8 % and old-gen growth above 12 MB/s
     * (MiB, as the JVM counts) within one sliding 300 s window.
     */
    windowSec: 300,
    pauseRatio: 0.08,
    oldGrowthBytesPerSec: 12 * MIB,
  },
  evidence: {
    /** Lines listed per evidence item; the rest are counted. */
    maxLines: 20,
  },
};

export type Thresholds = typeof DEFAULT_THRESHOLDS;

export type ThresholdOverrides = { [G in keyof Thresholds]?: Partial<Thresholds[G]> };

/** The defaults with the caller's overrides laid over them, group by group. */
export function resolveThresholds(overrides: ThresholdOverrides = {}): Thresholds {
  const out = {} as Record<string, unknown>;
  for (const group of Object.keys(DEFAULT_THRESHOLDS) as Array<keyof Thresholds>) {
    out[group] = { ...DEFAULT_THRESHOLDS[group], ...(overrides[group] ?? {}) };
  }
  return out as Thresholds;
}
