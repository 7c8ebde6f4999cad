/**
 * The `library:*` and `report:*` handlers, spread into the backend's: the
 * session library, sessions opened offline into the same views as files,
 * their snapshots for Compare, and report export.
 */
import { stat } from 'node:fs/promises';
import type { EmitEvent, FileSource, InvokeHandlers, OpenedFile } from '../../shared/contract';
import type { SessionSnapshotRef } from '../../shared/library-contract';
import type { OpenedInputs } from '../core/file-lines';
import { openFiles, type NamedInput } from '../core/file-service';
import type { SnapshotService } from '../core/snapshot-service';
import type { SessionReader } from '../session/session-reader';
import { GclensError } from '../../shared/result';
import { ExportStore } from './export-store';
import { ReportExporter, type ExportSaver } from './report-exporter';
import { SessionLibrary } from './session-library';
import { SNAPSHOT_KINDS, summariseSession } from './session-summary';

type LibraryChannel =
  | 'library:list'
  | 'library:open'
  | 'library:snapshot'
  | 'library:import'
  | 'library:delete'
  | 'report:redaction-preview'
  | 'report:export'
  | 'report:save';

export interface LibraryDeps {
  sessionsDir: string;
  emit: EmitEvent;
  opened: OpenedInputs;
  snapshots: SnapshotService;
  resolveSource(source: FileSource): NamedInput;
  saver?: ExportSaver;
}

export interface LibraryBackend {
  handlers: Pick<InvokeHandlers, LibraryChannel>;
  store: ExportStore;
  dispose(): Promise<void>;
}

const LOG_KINDS: ReadonlySet<string> = new Set(['gctrace', 'gc-log']);

export function createLibraryBackend(deps: LibraryDeps): LibraryBackend {
  const library = new SessionLibrary(deps.sessionsDir);
  const store = new ExportStore();
  const exporter = new ReportExporter({ library, opened: deps.opened, store, saver: deps.saver });

  /** The session's GC logs through files:open's reader, cited by their session paths (`raw/0001-…`). */
  const openLogs = async (reader: SessionReader, requestId: string): Promise<OpenedFile | null> => {
    const inputs = reader.artifacts.filter((a) => LOG_KINDS.has(a.kind) && a.bytes > 0).map((a) => ({ path: reader.artifactPath(a.id), name: a.path }));
    if (inputs.length === 0) return null;
    const file = await openFiles(inputs, (progress) => deps.emit('files:progress', { requestId, ...progress }));
    deps.opened.remember(file.fileId, inputs);
    return file;
  };

  const snapshotOf = (reader: SessionReader, artifactId: string): SessionSnapshotRef => {
    const entry = reader.artifact(artifactId);
    return { artifactId, path: entry.path, kind: entry.kind, capturedAt: entry.capturedAt, bytes: entry.bytes };
  };

  const handlers: LibraryBackend['handlers'] = {
    'library:list': async () => library.list(),
    'library:open': async ({ sessionId, requestId }) => {
      const reader = await library.find(sessionId);
      return { session: await summariseSession(reader), file: await openLogs(reader, requestId) };
    },
    'library:snapshot': async ({ sessionId, artifactId, requestId }) => {
      const reader = await library.find(sessionId);
      const ref = snapshotOf(reader, artifactId);
      if (!SNAPSHOT_KINDS.has(ref.kind)) {
        throw new GclensError('invalid-argument', `${ref.path} is a ${ref.kind} artifact, not a snapshot`);
      }
      const { target, capture } = reader.manifest;
      // The name says which session it came from: two sessions both have a raw/0003-heap.
      const name = `${capture.startedAt.slice(0, 19)} ${ref.path}`;
      const opened = await deps.snapshots.open({ path: reader.artifactPath(artifactId), name }, (progress) =>
        deps.emit('files:progress', { requestId, ...progress }),
      );
      const { host, pid, command, runtime } = target;
      return { ...opened, origin: { sessionId, host, pid, command, runtime, startedAt: capture.startedAt } };
    },
    'library:import': async ({ source }) => {
      const input = deps.resolveSource(source);
      // A folder can only be named by path; an upload, or any file, is taken as a bundle.
      const isFolder = (await stat(input.path).catch(() => null))?.isDirectory() === true;
      return isFolder ? library.importFolder(input.path) : library.importBundle(input.path);
    },
    'library:delete': async ({ sessionId }) => {
      await library.delete(sessionId);
      return { sessionId };
    },
    'report:redaction-preview': async ({ subject }) => exporter.preview(subject),
    'report:export': async (request) => exporter.export(request),
    'report:save': async (request) => exporter.save(request),
  };
  return { handlers, store, dispose: () => store.dispose() };
}
