/**
 * The one contract between the backend and the UI. Both transports (Electron
 * IPC through the preload, serve mode over a WebSocket) are built from these
 * maps; the renderer imports only these types, never a transport.
 */
import type { AnalysisResult } from './analysis';
import type { FileLines, FileLinesRequest } from './file-lines';
import type { GcKind, LogFormat } from './gc-event';
import type { ProcessInfo } from './process-info';
import type { Result } from './result';
import type { DiffBy, SnapshotDiff, SnapshotSummary } from './snapshot';

/** No chart series handed to the renderer is longer than this. */
export const MAX_CHART_POINTS = 2000;
/** Concurrent phases are drawn as shaded spans; more than this would be a wash of colour. */
export const MAX_PHASE_SPANS = 300;

export interface AppInfo {
  name: string;
  version: string;
  transport: 'electron' | 'serve';
  platform: string;
  nodeVersion: string;
}

/** Where the bytes of a file to open come from. */
export type FileSource =
  /** A path on the machine the backend runs on (Electron dialog, drag-and-drop). */
  | { kind: 'path'; path: string }
  /** A file the browser streamed to the serve-mode backend (POST /upload). */
  | { kind: 'upload'; uploadId: string };

export interface OpenFilesRequest {
  /** Chosen by the caller so it can match `files:progress` events to this request. */
  requestId: string;
  sources: FileSource[];
}

export interface HeapSample {
  startSec: number;
  heapBeforeBytes: number | null;
  heapAfterBytes: number | null;
  heapCommittedBytes: number | null;
  liveBytes: number | null;
  goalBytes: number | null;
  /** Occupancy of each space after the collection, where the log gives it (JVM). */
  youngAfterBytes: number | null;
  oldAfterBytes: number | null;
  humongousAfterBytes: number | null;
  metaspaceAfterBytes: number | null;
}

/** Concurrent GC work (marking, relocating…) over a stretch of time; near neighbours are merged. */
export interface PhaseSpan {
  startSec: number;
  endSec: number;
  /** The phase names inside this span, e.g. "Concurrent Mark". */
  names: string[];
  /** How many phases were merged into it. */
  phases: number;
}

export interface PauseSample {
  startSec: number;
  pauseMs: number;
  kind: GcKind;
  /** The GC id of the event this sample stands for (the largest pause in its bucket). */
  id: number | null;
}

export interface GcSummary {
  cycles: number;
  totalPauseMs: number;
  maxPauseMs: number;
  /** The runtime's own GC CPU figure at the end of the log, when it gives one. */
  gcCpuPercent: number | null;
  unknownLines: number;
  /** From the first to the last event's start. */
  spanSec: number;
  /**
   * What `startSec` of the chart samples holds: seconds since process start,
   * or, for logs without a clock (Go before 1.5), the cycle's position.
   */
  xAxis: 'uptime-seconds' | 'cycle-index';
  format: LogFormat;
}

export interface UnknownLine {
  file: string;
  line: number;
  text: string;
}

export interface OpenedFile {
  fileId: string;
  /** Display names of the inputs, in the order they were parsed. */
  names: string[];
  totalBytes: number;
  summary: GcSummary;
  /** Downsampled to at most MAX_CHART_POINTS (LTTB per line). */
  heap: HeapSample[];
  /** Downsampled to at most MAX_CHART_POINTS (min/max buckets, spikes kept). */
  pauses: PauseSample[];
  /** Concurrent phases, merged so that there are at most MAX_PHASE_SPANS. */
  phases: PhaseSpan[];
  /** The first few lines not understood, so the user can see what they were. */
  unknownSamples: UnknownLine[];
  /** Verdict, metrics and findings over what was read (see its notes for what was left out). */
  analysis: AnalysisResult;
}

export interface FileProgress {
  requestId: string;
  name: string;
  bytesRead: number;
  totalBytes: number;
}

export interface OpenSnapshotRequest {
  requestId: string;
  source: FileSource;
}

export interface OpenedSnapshot {
  /** Names the loaded snapshot in later snapshot:diff requests. */
  snapshotId: string;
  summary: SnapshotSummary;
}

export interface DiffSnapshotsRequest {
  baseId: string;
  newId: string;
  by?: DiffBy;
  /** A sample type the snapshots carry (inuse_space, alloc_objects…); their default when absent. */
  sample?: string;
  /** A regular expression rows must match. */
  filter?: string;
  /** Leave runtime.* and internal/ frames out of stacks before grouping. */
  foldRuntime?: boolean;
}

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

/** Every request/response pair, keyed by its `domain:verb` channel. */
export interface InvokeMap {
  'app:info': { request: void; response: AppInfo };
  'files:open': { request: OpenFilesRequest; response: OpenedFile };
  /** Raw lines of an opened file's input, for the evidence behind a finding. */
  'files:lines': { request: FileLinesRequest; response: FileLines };
  'snapshot:open': { request: OpenSnapshotRequest; response: OpenedSnapshot };
  'snapshot:diff': { request: DiffSnapshotsRequest; response: SnapshotDiff };
  /** The Go and JVM processes on the backend's host (cheap: no jcmd). */
  'targets:list': { request: void; response: ProcessInfo[] };
  /** One process with everything, jcmd details included. */
  'targets:describe': { request: { pid: number }; response: ProcessInfo };
  'session:attach': { request: AttachRequest; response: AttachView };
  'session:launch': { request: LaunchRequest; response: AttachView };
  /** Ends the attach: every timer, tail and child stops; the session folder is closed. */
  'session:detach': { request: { attachId: string }; response: AttachEnded };
  'session:state': { request: { attachId: string }; response: AttachView };
  /** Attaches running now, and ended ones still kept. */
  'session:list': { request: void; response: AttachBrief[] };
  'session:snapshot': { request: TakeSnapshotRequest; response: AttachSnapshot };
  /** JVM: jcmd GC.heap_info now. */
  'session:heap-info': { request: { attachId: string }; response: HeapInfo };
}

/** Every event the backend pushes to the UI. */
export interface EventMap {
  'files:progress': FileProgress;
  /** The native File → Open menu picked these paths (Electron only). */
  'files:open-requested': { paths: string[] };
  'session:update': AttachUpdate;
  'session:ended': AttachEnded;
}

export type InvokeChannel = keyof InvokeMap;
export type EventChannel = keyof EventMap;
export type RequestOf<C extends InvokeChannel> = InvokeMap[C]['request'];
export type ResponseOf<C extends InvokeChannel> = InvokeMap[C]['response'];

/** The named function each channel becomes on the API object. */
export const invokeMethods = {
  'app:info': 'appInfo',
  'files:open': 'openFiles',
  'files:lines': 'readLines',
  'snapshot:open': 'openSnapshot',
  'snapshot:diff': 'diffSnapshots',
  'targets:list': 'listTargets',
  'targets:describe': 'describeTarget',
  'session:attach': 'attach',
  'session:launch': 'launch',
  'session:detach': 'detach',
  'session:state': 'sessionState',
  'session:list': 'listSessions',
  'session:snapshot': 'takeSnapshot',
  'session:heap-info': 'heapInfo',
} as const satisfies Record<InvokeChannel, string>;

export const eventMethods = {
  'files:progress': 'onFilesProgress',
  'files:open-requested': 'onFilesOpenRequested',
  'session:update': 'onSessionUpdate',
  'session:ended': 'onSessionEnded',
} as const satisfies Record<EventChannel, string>;

export const invokeChannels = Object.keys(invokeMethods) as InvokeChannel[];
export const eventChannels = Object.keys(eventMethods) as EventChannel[];

type InvokeFunction<C extends InvokeChannel> = RequestOf<C> extends void
  ? () => Promise<Result<ResponseOf<C>>>
  : (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;

export type Unsubscribe = () => void;

/**
 * What the renderer sees: one named function per channel, one `onX` per
 * event returning its unsubscribe. Never a generic invoke.
 */
export type GclensApi = {
  [C in InvokeChannel as (typeof invokeMethods)[C]]: InvokeFunction<C>;
} & {
  [E in EventChannel as (typeof eventMethods)[E]]: (listener: (payload: EventMap[E]) => void) => Unsubscribe;
};

/** The backend side: one handler per channel, answering plain values or throwing GclensError. */
export type InvokeHandlers = {
  [C in InvokeChannel]: (request: RequestOf<C>) => Promise<ResponseOf<C>>;
};

export type EmitEvent = <E extends EventChannel>(channel: E, payload: EventMap[E]) => void;
