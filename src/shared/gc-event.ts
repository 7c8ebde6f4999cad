/**
 * The normalised GC event model. The JSON field names are fixed: reports,
 * `gclens parse --json` and other tools depend on them. Bytes and
 * milliseconds throughout.
 */
export type Runtime = 'go' | 'jvm';

export type GcKind =
  | 'young'
  | 'mixed'
  | 'full'
  | 'remark'
  | 'cleanup'
  | 'initial-mark'
  | 'degenerated'
  | 'minor'
  | 'major'
  | 'cycle';

export interface SourceRef {
  file: string;
  /** 1-based line number within `file`. */
  line: number;
}

export interface GenerationSizes {
  beforeBytes: number | null;
  afterBytes: number | null;
  committedBytes: number | null;
}

export type GenerationName = 'young' | 'survivor' | 'old' | 'humongous' | 'metaspace';

export interface GcEvent {
  type: 'gc';
  runtime: Runtime;
  /** "go", "G1", "Parallel", "Serial", "CMS", "Shenandoah", "ZGC", "ZGC-generational", "legacy-…". */
  collector: string;
  /** The `gc N` / `GC(n)` number, or null when the log has none. */
  id: number | null;
  /** Seconds since process start; null where the log has no clock (Go before 1.5). */
  startSec: number | null;
  /** ISO-8601, when the log carries wall-clock time. */
  wallTime: string | null;
  kind: GcKind;
  cause: string | null;
  /** Total stop-the-world time of this event. Go: first plus third clock time. */
  pauseMs: number;
  concurrentMs: number | null;
  heapBeforeBytes: number | null;
  heapAfterBytes: number | null;
  heapCommittedBytes: number | null;
  /** Go: the marked (live) heap, the third number of `h0->h1->h2 MB`. */
  liveBytes: number | null;
  goalBytes: number | null;
  forced: boolean;
  generations: Partial<Record<GenerationName, GenerationSizes>> | null;
  /** Go: the percentage of CPU time spent in GC since program start (`P%`). */
  gcCpuPercent: number | null;
  /** Go 1.18+: `S MB stacks`. */
  stacksBytes: number | null;
  /** Go 1.18+: `X MB globals`. */
  globalsBytes: number | null;
  /** Go: the number of Ps (`N P`). */
  procs: number | null;
  source: SourceRef;
}

/** A line that looked like GC output but was not understood. */
export interface UnknownRecord {
  type: 'unknown';
  text: string;
  source: SourceRef;
}

/** A JVM safepoint: `Total time for which application threads were stopped` or `Safepoint "…", … Total: N ns`. */
export interface SafepointRecord {
  type: 'safepoint';
  /** The VM operation, when the log names it (`G1CollectForAllocation`, …). */
  name: string | null;
  startSec: number | null;
  wallTime: string | null;
  /** Time the application threads were stopped. */
  stoppedMs: number;
  /** Time taken to bring the threads to the safepoint, when given. */
  reachingMs: number | null;
  source: SourceRef;
}

/** A concurrent phase of a collection (concurrent mark, relocate…), charted as a span. */
export interface PhaseRecord {
  type: 'phase';
  collector: string;
  /** The GC id the phase belongs to, or null. */
  id: number | null;
  name: string;
  startSec: number | null;
  durationMs: number;
  source: SourceRef;
}

/** The log starts a new process run here (uptime jumped back, a new JVM/Go header). */
export interface RunStartRecord {
  type: 'run-start';
  /** 0 for the first run in the stream. */
  run: number;
  source: SourceRef;
}

export type ParsedRecord = GcEvent | UnknownRecord | SafepointRecord | PhaseRecord | RunStartRecord;

export type LogFormat = 'go-gctrace' | 'jvm-unified' | 'jvm-legacy' | 'unknown';

export interface ParseSummary {
  type: 'summary';
  events: number;
  unknownLines: number;
  totalPauseMs: number;
  format: LogFormat;
}
