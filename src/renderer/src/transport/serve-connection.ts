import type { FileSource } from '../../../shared/contract';
import { GclensError } from '../../../shared/result';
import type { Connection, UploadProgress } from './connection';
import { exportUrl, socketUrl, tokenFrom, uploadUrl } from './serve-urls';
import { uploadFile } from './upload';
import { createWsApi } from './ws-api';

export async function serveConnection(): Promise<Connection> {
  const token = tokenFrom(window.location);
  if (!token) {
    throw new GclensError(
      'invalid-argument',
      'Open this page at the address gclens serve printed: it carries the access token.',
    );
  }
  const socket = await openSocket(socketUrl(window.location, token));
  const ws = createWsApi(socket);

  return {
    transport: 'serve',
    api: ws.api,
    onLost: ws.onLost,
    exportUrl: (exportId, disposition) => exportUrl(token, exportId, disposition),
    async sourcesFor(files, onProgress) {
      const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
      const sources: FileSource[] = [];
      let doneBytes = 0;
      // One at a time, so progress reads as one bar and a failure names its file.
      for (const file of files) {
        const report = (sent: number): void =>
          onProgress?.({ name: file.name, bytesSent: doneBytes + Math.min(sent, file.size), totalBytes } satisfies UploadProgress);
        report(0);
        const uploadId = await uploadFile(uploadUrl(token), file, report);
        doneBytes += file.size;
        report(0);
        sources.push({ kind: 'upload', uploadId });
      }
      return sources;
    },
  };
}

/** A server that accepts the connection but never answers the upgrade would otherwise leave us "connecting…" for good. */
const CONNECT_TIMEOUT_MS = 15_000;

function openSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const fail = (): void => {
      clearTimeout(timer);
      socket.close();
      reject(new GclensError('io', 'could not connect to gclens: is gclens serve still running?'));
    };
    const timer = setTimeout(fail, CONNECT_TIMEOUT_MS);
    socket.addEventListener('open', () => {
      clearTimeout(timer);
      socket.removeEventListener('close', fail);
      resolve(socket);
    });
    socket.addEventListener('close', fail);
  });
}
