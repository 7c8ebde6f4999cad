/**
 * Serves the built renderer (out/renderer) to the browser, and nothing
 * outside it.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { TOKEN_COOKIE } from './serve-auth';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function contentSecurityPolicy(wsOrigin: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    // 'self' covers same-origin ws: in current Chromium; naming it keeps older engines working.
    `connect-src 'self' ${wsOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

/**
 * The file under `root` that a URL path names, or null when the decoded,
 * normalised path would leave `root` (`..`, encoded slashes, NUL bytes).
 */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const base = resolve(root);
  const full = resolve(base, `.${decoded.startsWith('/') ? '' : '/'}${decoded}`);
  return full === base || full.startsWith(base + sep) ? full : null;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export interface StaticRequest {
  method: 'GET' | 'HEAD';
  pathname: string;
  /** Set the token cookie with this value (the request proved it in its query). */
  cookieToken: string | null;
  wsOrigin: string;
}

export async function serveStatic(rendererDir: string, request: StaticRequest, res: ServerResponse): Promise<void> {
  const indexPath = join(rendererDir, 'index.html');
  if (!(await isFile(indexPath))) {
    sendText(res, 500, `gclens: the renderer is not built (no index.html in ${rendererDir}); run \`npm run build\` first.\n`);
    return;
  }
  const path = request.pathname === '/' ? indexPath : resolveInside(rendererDir, request.pathname);
  if (path === null) {
    sendText(res, 403, 'Forbidden\n');
    return;
  }
  if (!(await isFile(path))) {
    sendText(res, 404, 'Not found\n');
    return;
  }
  const ext = extname(path).toLowerCase();
  const headers: Record<string, string> = {
    'Content-Type': contentTypes[ext] ?? 'application/octet-stream',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'same-origin',
    // Hashed asset names change every build, but the token changes every start: never cache.
    'Cache-Control': 'no-store',
  };
  if (ext === '.html') {
    headers['Content-Security-Policy'] = contentSecurityPolicy(request.wsOrigin);
    if (request.cookieToken !== null) {
      headers['Set-Cookie'] = `${TOKEN_COOKIE}=${request.cookieToken}; HttpOnly; SameSite=Strict; Path=/`;
    }
  }
  const size = (await stat(path)).size;
  res.writeHead(200, { ...headers, 'Content-Length': String(size) });
  if (request.method === 'HEAD') {
    res.end();
    return;
  }
  try {
    await pipeline(createReadStream(path), res);
  } catch {
    // The browser went away mid-file, or the file vanished under us: nothing left to answer.
    res.destroy();
  }
}
