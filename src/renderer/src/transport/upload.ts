/**
 * Streams one File to serve mode's POST /upload (src/shared/wire.ts).
 * XMLHttpRequest rather than fetch: only it reports upload progress, and a
 * big gctrace takes a while to send.
 */
import { GclensError } from '../../../shared/result';
import type { UploadResponse } from '../../../shared/wire';

/** The upload id from the server's answer, or an error the user can read. */
export function parseUploadResponse(status: number, body: string, fileName: string): string {
  let json: unknown = null;
  try {
    json = JSON.parse(body);
  } catch {
    // Not JSON: fall through with the raw text.
  }
  if (status >= 200 && status < 300) {
    const uploadId = (json as Partial<UploadResponse> | null)?.uploadId;
    if (typeof uploadId === 'string' && uploadId) return uploadId;
    throw new GclensError('internal', `upload of ${fileName}: the server's answer has no upload id`);
  }
  // The server may answer with a Result envelope, a bare ErrorInfo, or text.
  const error = (json as { error?: { message?: unknown } } | null)?.error;
  const message = typeof error?.message === 'string' ? error.message : body.trim() || `HTTP ${status}`;
  const kind = status === 404 ? 'not-found' : status === 400 || status === 413 ? 'invalid-argument' : 'io';
  throw new GclensError(kind, `upload of ${fileName} failed: ${message}`);
}

export function uploadFile(url: string, file: File, onProgress: (bytesSent: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => {
      try {
        resolve(parseUploadResponse(xhr.status, xhr.responseText, file.name));
      } catch (err) {
        reject(err);
      }
    };
    xhr.onerror = () => reject(new GclensError('io', `upload of ${file.name} failed: connection to gclens lost`));
    xhr.onabort = () => reject(new GclensError('cancelled', `upload of ${file.name} was cancelled`));
    xhr.send(file);
  });
}
