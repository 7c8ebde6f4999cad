/**
 * Serve mode: the same backend the Electron shell uses, behind loopback HTTP
 * (the built renderer, uploads) and one WebSocket (the contract, see
 * src/shared/wire.ts). Every request must carry the per-start token.
 */
import { randomBytes } from 'node:crypto';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { z } from 'zod';
import type { EmitEvent } from '../../shared/contract';
import { fail, toErrorInfo } from '../../shared/result';
import { EXPORT_PATH, UPLOAD_PATH, WS_PATH, type UploadResponse, type WireMessage } from '../../shared/wire';
import { createBackend, type Backend } from '../core/backend';
import { UploadStore } from '../core/upload-store';
import { allowedHostHeaders, hostAllowed, hostForUrl, isWildcardHost, originAllowed, TokenCheck } from './serve-auth';
import { sendExport } from './export-route';
import { sendText, serveStatic } from './static-files';

export interface ServeOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** The built renderer: index.html and assets/. */
  rendererDir: string;
  /** Fixed token for tests; a fresh random one per start otherwise. */
  token?: string;
}

export interface RunningServer {
  /** `http://HOST:PORT/?token=…`: what the user opens. */
  url: string;
  host: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Requests are small JSON; files go through POST /upload instead. */
const MAX_FRAME_BYTES = 1024 * 1024;
/** How long close() lets clients answer the close frame before cutting them off. */
const CLOSE_GRACE_MS = 1000;

const wireRequestSchema = z.object({
  id: z.number().int().nonnegative(),
  channel: z.string().max(200),
  request: z.unknown().optional(),
});

/** The request's path and query; a base keeps `//x` from being read as a host name. */
function requestUrl(req: IncomingMessage): URL | null {
  const raw = req.url ?? '';
  if (!raw.startsWith('/')) return null;
  try {
    return new URL(`http://gclens.invalid${raw}`);
  } catch {
    return null;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed || res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

/** The display name from `X-File-Name` (URI-encoded); never used to build a path. */
function uploadName(header: string | string[] | undefined): string {
  const raw = Array.isArray(header) ? header[0] : header;
  if (!raw) return 'upload';
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    name = raw;
  }
  // eslint-disable-next-line no-control-regex -- strip control characters from a display name
  return name.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 255) || 'upload';
}

/** Refuse an upgrade before any WebSocket exists: a plain HTTP answer, then hang up. */
function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  const body = `${message}\n`;
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function frameText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export async function startServeServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(24).toString('base64url');
  const tokens = new TokenCheck(token);
  const uploads = new UploadStore();
  const clients = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  const broadcast = (message: WireMessage): void => {
    const text = JSON.stringify(message);
    for (const ws of clients) if (ws.readyState === WebSocket.OPEN) ws.send(text);
  };
  const emit: EmitEvent = (channel, payload) => broadcast({ kind: 'event', channel, payload } as WireMessage);
  const backend: Backend = createBackend({ transport: 'serve', emit, uploads });
  // Known once the port is: the Host headers a browser pointed at this server sends.
  let allowedHosts = new Set<string>();

  const handleUpload = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const { uploadId, upload } = await uploads.save(uploadName(req.headers['x-file-name']), req);
      sendJson(res, 200, { uploadId, bytes: upload.bytes } satisfies UploadResponse);
    } catch (err) {
      // An aborted upload leaves nobody to answer; anything else gets its error kind.
      if (res.socket && !res.socket.destroyed) sendJson(res, 500, { error: toErrorInfo(err) });
    }
  };

  const handleRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = requestUrl(req);
    if (!url) return sendText(res, 400, 'Bad request\n');
    if (!hostAllowed(req, allowedHosts)) return sendText(res, 403, 'Forbidden: unexpected Host header\n');
    const unauthorised = (): void =>
      sendText(res, 401, 'Unauthorised: open the URL gclens serve printed (it carries the token)\n', {
        'WWW-Authenticate': 'Bearer',
      });

    if (url.pathname === UPLOAD_PATH) {
      if (!originAllowed(req)) return sendText(res, 403, 'Forbidden: cross-origin upload\n');
      if (!tokens.authorised(req, url, { allowCookie: false })) return unauthorised();
      if (req.method !== 'POST') return sendText(res, 405, 'Method not allowed\n', { Allow: 'POST' });
      return handleUpload(req, res);
    }
    if (url.pathname.startsWith(EXPORT_PATH)) {
      // The token must be in the link itself: a cookie would let any page that knows an id fetch the report.
      if (!tokens.authorised(req, url, { allowCookie: false })) return unauthorised();
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
      return sendExport(backend.exports, url, req.method, res);
    }
    // The cookie is accepted only for the page's own static files, never for acting on the backend.
    const isWs = url.pathname === WS_PATH;
    if (!tokens.authorised(req, url, { allowCookie: !isWs })) return unauthorised();
    if (isWs) return sendText(res, 426, 'Upgrade required\n', { Upgrade: 'websocket' });
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
    await serveStatic(
      options.rendererDir,
      {
        method: req.method,
        pathname: url.pathname,
        cookieToken: tokens.queryTokenValid(url) ? token : null,
        wsOrigin: `ws://${req.headers.host ?? ''}`,
      },
      res,
    );
  };

  const handleFrame = async (ws: WebSocket, text: string): Promise<void> => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return; // no id to answer to
    }
    const parsed = wireRequestSchema.safeParse(json);
    let message: WireMessage;
    if (parsed.success) {
      const { id, channel, request } = parsed.data;
      message = { kind: 'response', id, result: await backend.dispatch(channel, request) };
    } else {
      const id = (json as { id?: unknown } | null)?.id;
      if (typeof id !== 'number' || !Number.isSafeInteger(id)) return;
      message = { kind: 'response', id, result: fail('invalid-argument', 'malformed request: expected {id, channel, request}') };
    }
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  };

  const acceptClient = (ws: WebSocket): void => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    // e.g. a frame over maxPayload: ws closes the connection itself; just keep the error from throwing.
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => {
      if (!isBinary) void handleFrame(ws, frameText(data));
    });
  };

  const server = createServer({ requestTimeout: 0 }, (req, res) => {
    handleRequest(req, res).catch((err: unknown) => sendText(res, 500, `Internal error: ${toErrorInfo(err).message}\n`));
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = requestUrl(req);
    if (!url || url.pathname !== WS_PATH) return refuseUpgrade(socket, 404, 'Not found');
    if (!hostAllowed(req, allowedHosts)) return refuseUpgrade(socket, 403, 'Forbidden: unexpected Host header');
    if (!originAllowed(req)) return refuseUpgrade(socket, 403, 'Forbidden: cross-origin WebSocket');
    if (!tokens.authorised(req, url, { allowCookie: false })) return refuseUpgrade(socket, 401, 'Unauthorised');
    wss.handleUpgrade(req, socket, head, acceptClient);
  });

  await listen(server, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  allowedHosts = allowedHostHeaders(host, port);
  // A wildcard bind is reached locally through loopback.
  const urlHost = isWildcardHost(host) ? '127.0.0.1' : hostForUrl(host);

  let closing: Promise<void> | null = null;
  const close = async (): Promise<void> => {
    for (const ws of clients) ws.close(1001, 'gclens serve stopped');
    const closed = [...clients].map((ws) => new Promise((resolve) => ws.once('close', resolve)));
    await Promise.race([Promise.all(closed), new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref())]);
    for (const ws of clients) ws.terminate();
    wss.close();
    const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await serverClosed;
    await backend.dispose();
    await uploads.dispose();
  };

  return {
    url: `http://${urlHost}:${port}/?token=${token}`,
    host,
    port,
    token,
    close: () => (closing ??= close()),
  };
}
