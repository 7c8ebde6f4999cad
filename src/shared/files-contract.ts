/**
 * Contract types for opening GC logs and snapshots and reading them back:
 * what `files:*` and `snapshot:*` carry. Re-exported by contract.ts.
 */
import type { AnalysisResult } from './analysis';
import type { GcKind, LogFormat } from './gc-event';
import type { DiffBy, SnapshotSummary } from './snapshot';

/** No chart series handed to the renderer is longer than this. */
export const MAX_CHART_POINTS = 2000;
/** Concurrent phases are drawn as shaded spans; more than this would be a wash of colour. */
export const MAX_PHASE_SPANS = 300;

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
