/**
 * The backend core: every contract handler, built from its dependencies.
 * Plain Node: the Electron shell, serve mode and tests construct it alike.
 */
import { arch, platform } from 'node:os';
import type { EmitEvent, FileSource, InvokeHandlers } from '../../shared/contract';
import { GclensError } from '../../shared/result';
import { AttachManager, defaultSessionsDir } from '../attach/attach-manager';
import { ProcessDiscovery } from '../discovery/process-discovery';
import type { Host } from '../host/host';
import { LocalHost } from '../host/local-host';
import { createDispatch, type Dispatch } from './dispatch';
import { OpenedInputs } from './file-lines';
import { openFiles, type NamedInput } from './file-service';
import { SnapshotService } from './snapshot-service';
import type { UploadStore } from './upload-store';
import { APP_NAME, APP_VERSION } from './version';

export interface BackendOptions {
  transport: 'electron' | 'serve';
  emit: EmitEvent;
  /** Serve mode only: where browser uploads are kept. */
  uploads?: UploadStore;
  /** Where processes are found and attached to; this machine unless told. The backend disposes a host it made. */
  host?: Host;
  /** Where session folders go when an attach names none (default: defaultSessionsDir()). */
  sessionsDir?: string;
  /** Between session:update events of one attach (default 1000 ms). */
  updateIntervalMs?: number;
}

export interface Backend {
  handlers: InvokeHandlers;
  dispatch: Dispatch;
  /** Detaches every attach and ends what the backend started; call when the app or server closes. */
  dispose(): Promise<void>;
}

export function createBackend({ transport, emit, uploads, host: givenHost, sessionsDir, updateIntervalMs }: BackendOptions): Backend {
  const snapshots = new SnapshotService();
  const opened = new OpenedInputs();
  const host = givenHost ?? new LocalHost();
  const discovery = new ProcessDiscovery(host);
  const attaches = new AttachManager({
    host,
    discovery,
    sessionsDir: sessionsDir ?? defaultSessionsDir(),
    registerSnapshot: (loaded, path) => snapshots.register(loaded, path),
    onUpdate: (update) => emit('session:update', update),
    onEnded: (ended) => emit('session:ended', ended),
    updateIntervalMs,
  });
  const resolveSource = (source: FileSource): NamedInput => {
    if (source.kind === 'path') return { path: source.path, name: source.path };
    const upload = uploads?.get(source.uploadId);
    if (!upload) throw new GclensError('not-found', `no upload with id ${source.uploadId}`);
    return { path: upload.path, name: upload.name };
  };
  const handlers: InvokeHandlers = {
    'app:info': async () => ({
      name: APP_NAME,
      version: APP_VERSION,
      transport,
      platform: `${platform()}-${arch()}`,
      nodeVersion: process.versions.node,
    }),
    'files:open': async ({ requestId, sources }) => {
      const inputs = sources.map(resolveSource);
      const file = await openFiles(inputs, (progress) => emit('files:progress', { requestId, ...progress }));
      opened.remember(file.fileId, inputs);
      return file;
    },
    'files:lines': async (request) => opened.readLines(request),
    'snapshot:open': async ({ requestId, source }) =>
      snapshots.open(resolveSource(source), (progress) => emit('files:progress', { requestId, ...progress })),
    'snapshot:diff': async (request) => snapshots.diff(request),
    'targets:list': async () => discovery.list(),
    'targets:describe': async ({ pid }) => discovery.describe(pid),
    'session:attach': async ({ pid, options }) => (await attaches.attach(pid, options)).view(),
    'session:launch': async ({ argv, options }) => (await attaches.launch(argv, options)).view(),
    'session:detach': async ({ attachId }) => attaches.detach(attachId),
    'session:state': async ({ attachId }) => attaches.get(attachId).view(),
    'session:list': async () => attaches.list(),
    'session:snapshot': async ({ attachId, kind, requestId, deleteFromTarget }) =>
      attaches.get(attachId).takeSnapshot({ kind, deleteFromTarget }, (bytesRead, totalBytes) => {
        if (requestId) emit('files:progress', { requestId, name: kind, bytesRead, totalBytes });
      }),
    'session:heap-info': async ({ attachId }) => attaches.get(attachId).heapInfo(),
  };
  const dispose = async () => {
    await attaches.dispose();
    if (!givenHost) await host.dispose();
  };
  return { handlers, dispatch: createDispatch(handlers), dispose };
}
