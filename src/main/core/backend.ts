/**
 * The backend core: every contract handler, built from its dependencies.
 * Plain Node: the Electron shell, serve mode and tests construct it alike.
 */
import { arch, platform } from 'node:os';
import type { EmitEvent, FileSource, InvokeHandlers } from '../../shared/contract';
import { GclensError } from '../../shared/result';
import { createDispatch, type Dispatch } from './dispatch';
import { openFiles, type NamedInput } from './file-service';
import { SnapshotService } from './snapshot-service';
import type { UploadStore } from './upload-store';
import { APP_NAME, APP_VERSION } from './version';

export interface BackendOptions {
  transport: 'electron' | 'serve';
  emit: EmitEvent;
  /** Serve mode only: where browser uploads are kept. */
  uploads?: UploadStore;
}

export interface Backend {
  handlers: InvokeHandlers;
  dispatch: Dispatch;
}

export function createBackend({ transport, emit, uploads }: BackendOptions): Backend {
  const snapshots = new SnapshotService();
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
    'files:open': async ({ requestId, sources }) =>
      openFiles(sources.map(resolveSource), (progress) => emit('files:progress', { requestId, ...progress })),
    'snapshot:open': async ({ requestId, source }) =>
      snapshots.open(resolveSource(source), (progress) => emit('files:progress', { requestId, ...progress })),
    'snapshot:diff': async (request) => snapshots.diff(request),
  };
  return { handlers, dispatch: createDispatch(handlers) };
}
