/**
 * Serve mode's wire protocol: JSON text frames over one WebSocket at
 * `/ws?token=…`, and one HTTP upload endpoint. Every HTTP and WebSocket
 * request carries the per-start token (query `token` or header
 * `Authorization: Bearer …`); without it the server answers 401.
 */
import type { EventChannel, EventMap } from './contract';
import type { Result } from './result';

export const WS_PATH = '/ws';
/** POST the raw bytes of one file; header `X-File-Name` (URI-encoded) names it. Answers `UploadResponse`. */
export const UPLOAD_PATH = '/upload';
export const TOKEN_PARAM = 'token';
/**
 * GET `/export/ID?token=…` downloads what report:export built (as an
 * attachment); `&disposition=inline` shows an HTML report in the tab, to print.
 */
export const EXPORT_PATH = '/export/';

export interface UploadResponse {
  uploadId: string;
  bytes: number;
}

/** Client to server. */
export interface WireRequest {
  id: number;
  channel: string;
  request?: unknown;
}

/** Server to client. */
export type WireMessage =
  | { kind: 'response'; id: number; result: Result<unknown> }
  | { [E in EventChannel]: { kind: 'event'; channel: E; payload: EventMap[E] } }[EventChannel];
