/**
 * The backend core: every contract handler, built from its dependencies.
 * Plain Node: the Electron shell, serve mode and tests construct it alike.
 */
import { arch, platform } from 'node:os';
import type { EmitEvent, FileSource, InvokeHandlers } from '../../shared/contract';
import { GclensError } from '../../shared/result';
import { defaultConfigDir, defaultSessionsDir } from '../attach/attach-manager';
import type { Host } from '../host/host';
import { LocalHost } from '../host/local-host';
import type { SshEnvironment } from '../ssh/ssh-config';
import { createDispatch, type Dispatch } from './dispatch';
import { OpenedInputs } from './file-lines';
import { openFiles, type NamedInput } from './file-service';
import { HostPrompts } from './host-prompts';
import { HostRegistry } from './host-registry';
import { createHostHandlers } from './host-service';
import { RecentHosts } from './recent-hosts';
import { SnapshotService } from './snapshot-service';
import type { UploadStore } from './upload-store';
import { APP_NAME, APP_VERSION } from './version';
import type { ExportStore } from '../library/export-store';
import { createLibraryBackend } from '../library/library-handlers';
import type { ExportSaver } from '../library/report-exporter';

export interface BackendOptions {
  transport: 'electron' | 'serve';
  emit: EmitEvent;
  /** Serve mode only: where browser uploads are kept. */
  uploads?: UploadStore;
  /** The 'local' host: this machine unless told. The backend disposes a host it made. */
  host?: Host;
  /** Where SSH hosts find ~/.ssh/config and the agent (tests point it elsewhere). */
  sshEnvironment?: SshEnvironment;
  /** Where session folders go when an attach names none (default: defaultSessionsDir()). */
  sessionsDir?: string;
  /** Where gclens keeps what it remembers across restarts, the recent SSH hosts (default: defaultConfigDir()). */
  configDir?: string;
  /** Between session:update events of one attach (default 1000 ms). */
  updateIntervalMs?: number;
  /** Electron only: the save dialog and PDF printing behind report:save. */
  exportSaver?: ExportSaver;
}

export interface Backend {
  handlers: InvokeHandlers;
  dispatch: Dispatch;
  /** Reports built by report:export, for serve mode's download route. */
  exports: ExportStore;
  /** Detaches every attach and ends what the backend started; call when the app or server closes. */
  dispose(): Promise<void>;
}

export function createBackend({ transport, emit, uploads, host: givenHost, sessionsDir, configDir, updateIntervalMs, sshEnvironment, exportSaver }: BackendOptions): Backend {
  const snapshots = new SnapshotService();
  const opened = new OpenedInputs();
  const host = givenHost ?? new LocalHost();
  const prompts = new HostPrompts((prompt) => emit('hosts:prompt', prompt));
  const recent = new RecentHosts(configDir ?? defaultConfigDir());
  const hosts = new HostRegistry({
    local: host,
    prompts,
    onState: (info) => emit('hosts:state', info),
    sessionsDir: sessionsDir ?? defaultSessionsDir(),
    registerSnapshot: (loaded, path) => snapshots.register(loaded, path),
    onUpdate: (update) => emit('session:update', update),
    onEnded: (ended) => emit('session:ended', ended),
    updateIntervalMs,
    sshEnvironment,
    onConnected: (request) => recent.remember(request),
  });
  const resolveSource = (source: FileSource): NamedInput => {
    if (source.kind === 'path') return { path: source.path, name: source.path };
    const upload = uploads?.get(source.uploadId);
    if (!upload) throw new GclensError('not-found', `no upload with id ${source.uploadId}`);
    return { path: upload.path, name: upload.name };
  };
  const library = createLibraryBackend({ sessionsDir: sessionsDir ?? defaultSessionsDir(), emit, opened, snapshots, resolveSource, saver: exportSaver });
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
    'targets:list': async ({ hostId }) => hosts.get(hostId).discovery.list(),
    'targets:describe': async ({ pid, hostId }) => hosts.get(hostId).discovery.describe(pid),
    'session:attach': async ({ pid, hostId, options }) => (await hosts.get(hostId).attaches.attach(pid, options)).view(),
    'session:launch': async ({ argv, hostId, options }) => (await hosts.get(hostId).attaches.launch(argv, options)).view(),
    'session:detach': async ({ attachId }) => hosts.attach(attachId).dispose('detached'),
    'session:state': async ({ attachId }) => hosts.attach(attachId).view(),
    'session:list': async () => hosts.listAttaches(),
    'session:snapshot': async ({ attachId, kind, requestId, deleteFromTarget }) =>
      hosts.attach(attachId).takeSnapshot({ kind, deleteFromTarget }, (bytesRead, totalBytes) => {
        if (requestId) emit('files:progress', { requestId, name: kind, bytesRead, totalBytes });
      }),
    'session:heap-info': async ({ attachId }) => hosts.attach(attachId).heapInfo(),
    ...createHostHandlers(hosts, prompts, recent),
    ...library.handlers,
  };
  // Every attach, on every host, then every SSH link.
  const dispose = async () => {
    await hosts.dispose();
    await library.dispose();
    if (!givenHost) await host.dispose();
  };
  return { handlers, dispatch: createDispatch(handlers), exports: library.store, dispose };
}
