/**
 * The one contract between the backend and the UI. Both transports (Electron
 * IPC through the preload, serve mode over a WebSocket) are built from these
 * maps; the renderer imports only these types, never a transport.
 */
export * from './attach-contract';
export * from './files-contract';
export * from './library-contract';
export * from './hosts-contract';
import type {
  AttachBrief,
  AttachEnded,
  AttachRequest,
  AttachSnapshot,
  AttachUpdate,
  AttachView,
  HeapInfo,
  LaunchRequest,
  TakeSnapshotRequest,
} from './attach-contract';
import type { FileLines, FileLinesRequest } from './file-lines';
import type { HostAnswerRequest, HostConnectRequest, HostInfo, HostPrompt, RecentHost } from './hosts-contract';
import type {
  DiffSnapshotsRequest,
  FileProgress,
  OpenedFile,
  OpenedSnapshot,
  OpenFilesRequest,
  OpenSnapshotRequest,
} from './files-contract';
import type {
  ExportedReport,
  ExportReportRequest,
  ImportSessionRequest,
  LibraryList,
  OpenedSession,
  OpenedSessionSnapshot,
  OpenSessionRequest,
  OpenSessionSnapshotRequest,
  RedactionPreview,
  ReportSubject,
  SavedExport,
  SaveExportRequest,
  SessionSummary,
} from './library-contract';
import type { ProcessInfo } from './process-info';
import type { Result } from './result';
import type { SnapshotDiff } from './snapshot';

export interface AppInfo {
  name: string;
  version: string;
  transport: 'electron' | 'serve';
  platform: string;
  nodeVersion: string;
}

/** Every request/response pair, keyed by its `domain:verb` channel. */
export interface InvokeMap {
  'app:info': { request: void; response: AppInfo };
  'files:open': { request: OpenFilesRequest; response: OpenedFile };
  /** Raw lines of an opened file's input, for the evidence behind a finding. */
  'files:lines': { request: FileLinesRequest; response: FileLines };
  'snapshot:open': { request: OpenSnapshotRequest; response: OpenedSnapshot };
  'snapshot:diff': { request: DiffSnapshotsRequest; response: SnapshotDiff };
  /** The Go and JVM processes on a host ('local' unless named; cheap: no jcmd). */
  'targets:list': { request: { hostId?: string }; response: ProcessInfo[] };
  /** One process with everything, jcmd details included. */
  'targets:describe': { request: { pid: number; hostId?: string }; response: ProcessInfo };
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
  /** The recorded sessions in the sessions dir. */
  'library:list': { request: void; response: LibraryList };
  /** A session read offline, shown like an opened file. */
  'library:open': { request: OpenSessionRequest; response: OpenedSession };
  /** One of a session's snapshot artifacts, loaded for snapshot:diff. */
  'library:snapshot': { request: OpenSessionSnapshotRequest; response: OpenedSessionSnapshot };
  /** Copies a session folder or an evidence bundle into the library. */
  'library:import': { request: ImportSessionRequest; response: SessionSummary };
  /** Deletes one session folder of the library, named by its id (never a path). */
  'library:delete': { request: { sessionId: string }; response: { sessionId: string } };
  /** What redaction would replace in a report of this subject (nothing is written). */
  'report:redaction-preview': { request: { subject: ReportSubject }; response: RedactionPreview };
  /** Builds an HTML report or an evidence bundle, kept by the backend for download or saving. */
  'report:export': { request: ExportReportRequest; response: ExportedReport };
  /** Electron only: a save dialog for an export, as is or printed to PDF. */
  'report:save': { request: SaveExportRequest; response: SavedExport };
  /** This machine and every SSH host connected (or trying to be). */
  'hosts:list': { request: void; response: HostInfo[] };
  /** Logs in over SSH; answers once connected (prompts may come meanwhile), or fails with the reason. */
  'hosts:connect': { request: HostConnectRequest; response: HostInfo };
  /** Ends the host's attaches and its SSH link. */
  'hosts:disconnect': { request: { hostId: string }; response: void };
  /** Answers a hosts:prompt. */
  'hosts:answer': { request: HostAnswerRequest; response: void };
  /** The questions logins wait on now, oldest first: a reloaded window asks them again. */
  'hosts:prompts': { request: void; response: HostPrompt[] };
  /** SSH logins that succeeded lately (kept across restarts), newest first. */
  'hosts:recent': { request: void; response: RecentHost[] };
  /** Drops a destination from the recent hosts; answers those left. */
  'hosts:forget': { request: { destination: string }; response: RecentHost[] };
}

/** Every event the backend pushes to the UI. */
export interface EventMap {
  'files:progress': FileProgress;
  /** The native File → Open menu picked these paths (Electron only). */
  'files:open-requested': { paths: string[] };
  'session:update': AttachUpdate;
  'session:ended': AttachEnded;
  /** A host's link changed state (its whole info). */
  'hosts:state': HostInfo;
  /** A login needs the person: an unknown host key, a passphrase, a password. */
  'hosts:prompt': HostPrompt;
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
  'library:list': 'listLibrary',
  'library:open': 'openLibrarySession',
  'library:snapshot': 'openLibrarySnapshot',
  'library:import': 'importSession',
  'library:delete': 'deleteSession',
  'report:redaction-preview': 'previewRedaction',
  'report:export': 'exportReport',
  'report:save': 'saveExport',
  'hosts:list': 'listHosts',
  'hosts:connect': 'connectHost',
  'hosts:disconnect': 'disconnectHost',
  'hosts:answer': 'answerHostPrompt',
  'hosts:prompts': 'listHostPrompts',
  'hosts:recent': 'listRecentHosts',
  'hosts:forget': 'forgetRecentHost',
} as const satisfies Record<InvokeChannel, string>;

export const eventMethods = {
  'files:progress': 'onFilesProgress',
  'files:open-requested': 'onFilesOpenRequested',
  'session:update': 'onSessionUpdate',
  'session:ended': 'onSessionEnded',
  'hosts:state': 'onHostState',
  'hosts:prompt': 'onHostPrompt',
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
