/**
 * Contract types for live attaches: what `targets:*` and `session:*` carry.
 * Re-exported by contract.ts.
 */
import type { AnalysisResult } from './analysis';
import type { GcSummary, HeapSample, PauseSample } from './files-contract';
import type { AttachHost } from './hosts-contract';
import type { ProcessInfo } from './process-info';
import type { SnapshotSummary } from './snapshot';
/** How one live attach collects; every field is optional. */
export interface AttachOptions {
  /** Go: read gctrace from this file (on the target's host) instead of where stderr goes. */
  gctracePath?: string;
  /** JVM without a GC log: switch one on for the attach (jcmd VM.log) and off again at detach. */
  enableJvmGcLog?: boolean;
  /** Go: seconds between heap and goroutine profiles (default 30). */
  pprofIntervalSec?: number;
  /** Go: heap profiles with ?gc=1, which forces a collection before each one (off by default). */
  pprofForceGc?: boolean;
  /** JVM: seconds between class histograms; none unless asked, since each forces a full GC. */
  histogramIntervalSec?: number;
  /** The session folder (new or empty); by default a new folder under gclens's sessions directory. */
  outDir?: string;
}

export interface AttachRequest {
  pid: number;
  /** The host the process runs on: 'local' unless named. */
  hostId?: string;
  options?: AttachOptions;
}

/**
 * Runs a Go program under gclens with GODEBUG=gctrace=1 (a running Go program
 * cannot switch gctrace on) and attaches to it. gclens owns the program:
 * detaching ends it.
 */
export interface LaunchRequest {
  /** The program and its arguments, run by argv (never through a shell). */
  argv: string[];
  /** Where to run it: 'local' unless named. */
  hostId?: string;
  options?: AttachOptions;
}

export type AttachStatus = 'attached' | 'ended';
export type AttachEndReason = 'detached' | 'target-exited' | 'duration' | 'failed' | 'shutdown';

/** One source of one attach. */
export interface CollectorState {
  /** gctrace, gc-log, pprof, memstats, jstat, jvm. */
  name: string;
  state: 'running' | 'stopped' | 'failed' | 'unavailable';
  /** What it reads (a file, a URL, a command), or why it is not running. */
  detail: string;
}

export interface AttachCounts {
  /** GC events recorded. */
  events: number;
  /** Every record: events, phases, safepoints, lines not understood. */
  records: number;
  unknownLines: number;
  jstatSamples: number;
  snapshots: number;
  artifacts: number;
}

export type LiveSnapshotKind = 'heap' | 'goroutine' | 'class-histogram' | 'nmt' | 'heap-dump';

/** What taking each kind costs the target, for the UI to say before the user asks. */
export const LIVE_SNAPSHOT_COSTS: Record<LiveSnapshotKind, string> = {
  heap: 'Go heap profile (/debug/pprof/heap): cheap; with "force GC" the runtime collects first.',
  goroutine: 'Go goroutine profile (/debug/pprof/goroutine): stops the world briefly to walk every goroutine.',
  'class-histogram': 'jcmd GC.class_histogram forces a full GC in the target: a stop-the-world pause.',
  nmt: 'jcmd VM.native_memory summary: cheap; only when the JVM runs with -XX:NativeMemoryTracking.',
  'heap-dump': 'jcmd GC.heap_dump forces a full GC and writes the whole heap to disk on the target: a long pause and as many bytes as the heap.',
};

export interface AttachSnapshot {
  /** Use with snapshot:diff. */
  snapshotId: string;
  kind: LiveSnapshotKind;
  /** ISO-8601. */
  takenAt: string;
  /** The raw artifact in the session (manifest id) and its path relative to the session folder. */
  artifactId: string;
  artifactPath: string;
  /** At most 20 top rows. */
  summary: SnapshotSummary;
}

/** One `jstat -gc -t` line: the JVM's heap spaces once a second. Bytes; null where jstat prints "-" (ZGC has no young spaces). */
export interface JstatSample {
  /** JVM uptime (jstat's Timestamp column): the clock of the GC log's uptime decorator. */
  uptimeSec: number;
  survivorCapacityBytes: number | null;
  survivorUsedBytes: number | null;
  edenCapacityBytes: number | null;
  edenUsedBytes: number | null;
  oldCapacityBytes: number | null;
  oldUsedBytes: number | null;
  metaspaceCapacityBytes: number | null;
  metaspaceUsedBytes: number | null;
  compressedClassCapacityBytes: number | null;
  compressedClassUsedBytes: number | null;
  youngGcCount: number | null;
  youngGcSec: number | null;
  fullGcCount: number | null;
  fullGcSec: number | null;
  concurrentGcCount: number | null;
  concurrentGcSec: number | null;
  totalGcSec: number | null;
}

export interface AttachGcTotals {
  cycles: number;
  totalPauseMs: number;
  maxPauseMs: number;
  gcCpuPercent: number | null;
}

/** What session:state answers: everything the live view needs to draw an attach from scratch. */
export interface AttachView {
  attachId: string;
  sessionDir: string;
  target: ProcessInfo;
  host: AttachHost;
  status: AttachStatus;
  startedAt: string;
  endedAt: string | null;
  endReason: AttachEndReason | null;
  counts: AttachCounts;
  gc: AttachGcTotals;
  collectors: CollectorState[];
  /** Things the engineer should know: missing sources, what was switched on, parse problems. */
  notes: string[];
  /** Downsampled to at most MAX_CHART_POINTS, like OpenedFile's. */
  heap: HeapSample[];
  pauses: PauseSample[];
  jstat: JstatSample[];
  xAxis: GcSummary['xAxis'];
  snapshots: AttachSnapshot[];
  /** Null until enough events arrived for a first analysis. */
  analysis: AnalysisResult | null;
}

/**
 * At most one per second per attach. The series either follow what the UI
 * holds (`replace: false`: new points only) or replace it (`replace: true`:
 * the whole series downsampled again, sent when the new points would take
 * the UI past MAX_CHART_POINTS), so the UI never holds more than twice that.
 */
export interface AttachUpdate {
  attachId: string;
  status: AttachStatus;
  counts: AttachCounts;
  gc: AttachGcTotals;
  replace: boolean;
  heap: HeapSample[];
  pauses: PauseSample[];
  jstat: JstatSample[];
  xAxis: GcSummary['xAxis'];
  /** Taken since the last update. */
  snapshots: AttachSnapshot[];
  /** Present when any changed: the whole list. */
  collectors?: CollectorState[];
  /** Notes added since the last update. */
  notes?: string[];
  /** Present when recomputed (every few seconds while events arrive). */
  analysis?: AnalysisResult;
}

export interface AttachEnded {
  attachId: string;
  sessionDir: string;
  reason: AttachEndReason;
  /** Why, in words, when it did not end by request. */
  message: string | null;
  counts: AttachCounts;
}

export interface AttachBrief {
  attachId: string;
  sessionDir: string;
  host: AttachHost;
  pid: number;
  runtime: ProcessInfo['runtime'];
  command: string;
  status: AttachStatus;
}

export interface TakeSnapshotRequest {
  attachId: string;
  kind: LiveSnapshotKind;
  /** Matches files:progress events to this request (a heap dump is read back with progress). */
  requestId?: string;
  /** heap-dump: delete the dump file on the target once it is copied (kept there by default). */
  deleteFromTarget?: boolean;
}

export interface HeapInfo {
  artifactId: string;
  /** jcmd GC.heap_info, as the JVM printed it. */
  text: string;
}
