/**
 * What the analysis engine answers: metrics, findings and a verdict, each
 * finding carrying the evidence (artifact, lines, time range) it rests on.
 * The JSON field names are fixed: `gclens analyze --json`, reports and the
 * app's findings panel depend on them. Bytes, seconds and milliseconds
 * throughout; a metric the data cannot give is null, never zero.
 */
import type { Runtime } from './gc-event';

export type Severity = 'info' | 'warning' | 'critical';
export type VerdictKind = 'leak' | 'no-leak' | 'inconclusive';

/** Seconds on the log's own clock (uptime, or wall time from the first event when the log has no uptime). */
export interface TimeRange {
  fromSec: number;
  toSec: number;
}

export interface Evidence {
  /** The file name the records or rows came from (GcEvent.source.file, a snapshot's name). */
  artifact: string;
  /** The exact 1-based lines, ascending; capped, with `what` saying how many more there are. */
  lines?: number[];
  /** The span of lines the records lie in, first and last inclusive (other lines may sit between); `lines` then names the first and last. */
  lineRange?: { from: number; to: number };
  timeRange?: TimeRange;
  /** Snapshot rows (functions, stacks, classes, goroutine groups) by their key. */
  rows?: string[];
  what: string;
}

export type MetricValue = number | string | boolean | null;

export interface Finding {
  /** Stable id of the rule that fired: `memory-leak`, `gc-overhead`, `evacuation-failure`… */
  rule: string;
  severity: Severity;
  /** 0–1: how strongly the data supports this finding. */
  confidence: number;
  /** One sentence a person reads. */
  title: string;
  /** The numbers behind it, by name (units in the names). */
  metrics: Record<string, MetricValue>;
  evidence: Evidence[];
}

export interface Verdict {
  verdict: VerdictKind;
  /** 0–1. An inconclusive verdict claims nothing and carries 0. */
  confidence: number;
  /** The one sentence that justifies the verdict. */
  summary: string;
}

/** Nearest-rank percentiles of stop-the-world pause durations. */
export interface PauseStats {
  count: number;
  totalMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
}

export interface MmuPoint {
  windowMs: number;
  /** 0–1: the worst share of any window of this length left to the application; null when the log spans less than one window. */
  utilisation: number | null;
}

export interface RateSummary {
  /** Total bytes over total seconds of the intervals measured. */
  meanBytesPerSec: number;
  /** The median of the per-interval rates: robust to a burst. */
  medianBytesPerSec: number;
  intervals: number;
}

/** Which post-GC figure the floor trend follows. */
export type FloorSource =
  | 'go-live-heap' // Go: the marked (live) heap of every cycle
  | 'whole-heap-collections' // JVM: heap after full, mixed, or whole-heap concurrent (ZGC, Shenandoah) collections
  | 'every-collection'; // JVM: heap after every collection, each capped by what a later whole-heap collection left

export type TrendShape = 'rising' | 'levelled' | 'flat' | 'falling' | 'noisy' | 'sparse';

export interface FloorTrend {
  source: FloorSource;
  /** Collections that gave a floor figure. */
  collections: number;
  /** Points the line was fitted on: the lowest floor of each of up to 2,000 equal stretches of the window. */
  points: number;
  window: TimeRange;
  /** Theil–Sen slope over the whole window. */
  slopeBytesPerSec: number;
  /** The fitted line at the start and the end of the window (a line: it can go below 0). */
  startBytes: number;
  endBytes: number;
  /** The floor as read off the data: the median over the first and the last tenth of the window. */
  observedStartBytes: number;
  observedEndBytes: number;
  /** The slope over the second half: the current rate, used for projection. */
  recentSlopeBytesPerSec: number;
  /** The second-half line at the window's end: the floor now, where the projection starts. */
  currentBytes: number;
  /** The slope over the last third: does the floor still grow? */
  lastThirdSlopeBytesPerSec: number;
  /** Goodness of fit of the Theil–Sen line, 0–1; null when the floor never moves. */
  r2: number | null;
  /** Spearman rank correlation of floor and time: 1 is a floor that only ever rises. */
  spearman: number | null;
  shape: TrendShape;
}

export interface Metrics {
  runtime: Runtime | null;
  collectors: string[];
  /** Collections analysed (of the run analysed). */
  events: number;
  /** How many process runs the input held; the last one is analysed. */
  runs: number;
  /** Where times come from: uptime, wall-clock time, or none (log without a clock). */
  clock: 'uptime' | 'wall-clock' | 'none';
  window: TimeRange | null;
  spanSec: number | null;
  /** Sum of pauses over the wall-clock span, in percent. */
  gcOverheadPercent: number | null;
  /** Time stopped at safepoints over the span, in percent (JVM logs with safepoint lines). */
  safepointOverheadPercent: number | null;
  /** Go's `P%`: the share of CPU spent in GC since the program started, as of the last cycle. */
  gcCpuPercent: number | null;
  pauses: PauseStats | null;
  pausesByKind: Record<string, PauseStats>;
  mmu: MmuPoint[];
  allocationRate: RateSummary | null;
  /** JVM: bytes moved into the old generation by young collections. */
  promotionRate: RateSummary | null;
  floorTrend: FloorTrend | null;
  /** The largest committed heap any event reports. */
  maxCommittedBytes: number | null;
  /** The largest heap occupancy any event reports (before a collection). */
  peakHeapBytes: number | null;
  /** The limit the projection aims at: the caller's, or the largest committed heap seen. */
  limit: { bytes: number; source: 'given' | 'max-committed' } | null;
  /** Seconds from the window's end until the floor, rising at its recent rate, reaches the limit; null unless the verdict is a leak. */
  timeToLimitSec: number | null;
}

export interface AnalysisResult extends Verdict {
  metrics: Metrics;
  /** Most severe first. */
  findings: Finding[];
  /** What the engine did to the input that a reader should know (runs split, events re-ordered, data missing). */
  notes: string[];
}
