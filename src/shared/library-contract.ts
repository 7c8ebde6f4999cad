/**
 * Contract types for the session library (`library:*`: the recorded session
 * folders in the sessions dir, listed, opened offline, imported, deleted)
 * and for exporting reports from the app (`report:*`). Re-exported by
 * contract.ts.
 */
import type { Runtime } from './gc-event';
import type { FileSource, OpenedFile, OpenedSnapshot } from './files-contract';

/** A snapshot artifact of a session, offered to Compare snapshots. */
export interface SessionSnapshotRef {
  /** `a0003`: the artifact id within its session. */
  artifactId: string;
  /** `raw/0003-heap`, as evidence cites it. */
  path: string;
  kind: string;
  capturedAt: string;
  bytes: number;
}

/**
 * `complete`: the writer closed it. `cut-off`: its writer died (a crash, a
 * kill) and nobody reopened it; everything up to then is kept. `recording`:
 * a live gclens on this machine still writes to it.
 */
export type SessionStatus = 'complete' | 'cut-off' | 'recording';

export interface SessionSummary {
  /** The manifest's sessionId: how every library request names the session. */
  sessionId: string;
  /** The folder's name inside the sessions dir (display only). */
  folderName: string;
  host: string;
  pid: number | null;
  command: string | null;
  runtime: Runtime | null;
  version: string | null;
  startedAt: string;
  endedAt: string | null;
  status: SessionStatus;
  /** Every file of the folder. */
  sizeBytes: number;
  artifactCount: number;
  /** events.ndjson's records (durable ones; a torn last line is not counted). */
  eventRecords: number;
  snapshots: SessionSnapshotRef[];
  /** Made from an evidence bundle (`bundle` section in its manifest) rather than recorded here. */
  fromBundle: boolean;
}

export interface LibraryList {
  /** Where the library lives, so the user can find it on disk. */
  dir: string;
  /** Newest capture first. */
  sessions: SessionSummary[];
  /** Folders in the library that are not readable sessions, with why (shown, never deleted from the app). */
  unreadable: Array<{ folderName: string; reason: string }>;
}

export interface OpenSessionRequest {
  sessionId: string;
  /** Matches `files:progress` events to this request. */
  requestId: string;
}

export interface OpenedSession {
  session: SessionSummary;
  /** The session's GC logs read as files:open reads a file (evidence cites `raw/…`); null when it has none. */
  file: OpenedFile | null;
}

export interface OpenSessionSnapshotRequest {
  sessionId: string;
  artifactId: string;
  requestId: string;
}

/** The session a snapshot came from, shown with it: two sessions' `raw/0003-heap` differ only in this. */
export type SnapshotOrigin = Pick<SessionSummary, 'sessionId' | 'host' | 'pid' | 'command' | 'runtime' | 'startedAt'>;

export interface OpenedSessionSnapshot extends OpenedSnapshot {
  origin: SnapshotOrigin;
}

export interface ImportSessionRequest {
  /** A session folder (a path: Electron or a CLI user), or an evidence bundle .tar.gz (path or upload). */
  source: FileSource;
}

/** What a report is made from: a session of the library, or files opened with files:open. */
export type ReportSubject = { kind: 'session'; sessionId: string } | { kind: 'files'; fileId: string };

export interface RedactionPreviewItem {
  category: 'host' | 'ip' | 'user' | 'secret';
  value: string;
  replacement: string;
  /** Manifest fields (`target.host`) and raw artifacts with how many lines (`raw/0001-gctrace.log (3 lines)`). */
  places: string[];
}

export interface RedactionPreview {
  items: RedactionPreviewItem[];
  /** Binary artifacts kept byte for byte (redaction cannot rewrite them safely). */
  keptBinary: string[];
}

export type ExportFormat = 'html' | 'bundle';

export interface ExportReportRequest {
  subject: ReportSubject;
  format: ExportFormat;
  redact: boolean;
}

export interface ExportedReport {
  /** Names the export in `report:save` (Electron) and in GET /export/ID (serve mode). */
  exportId: string;
  /** A safe suggested name: `gclens-report-….html` or `.tar.gz`. */
  fileName: string;
  bytes: number;
  format: ExportFormat;
  verdict: string;
  redacted: boolean;
}

export interface SaveExportRequest {
  exportId: string;
  /** `pdf` prints an HTML export through a hidden window first. */
  as: 'file' | 'pdf';
}

export interface SavedExport {
  /** Null when the user cancelled the dialog. */
  path: string | null;
}
