import { createReadStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { corpusPath, hasCorpus } from '../../../test/helpers/corpus';
import type { WireMessage } from '../../shared/wire';
import { gctraceText } from '../session/test-support';
import { resolveInside } from './static-files';
import { startServeServer, type RunningServer } from './serve-server';

const TOKEN = 'test-token-0123456789abcdefghijklmnop';
const WRONG = 'test-token-0123456789abcdefghijklmnoq';
const APP_JS = 'console.log("gclens");\n';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

let root: string;
let rendererDir: string;
let server: RunningServer;

function http(
  path: string,
  { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string | (() => NodeJS.ReadableStream) } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (typeof body === 'function') pipeline(body(), req).catch(reject);
    else req.end(body);
  });
}

/** The HTTP status a refused WebSocket upgrade answered with. */
function refusedUpgrade(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => reject(new Error('upgrade was accepted')));
    ws.on('error', () => undefined);
  });
}

class Client {
  readonly events: WireMessage[] = [];
  private readonly waiting = new Map<number, (message: WireMessage) => void>();
  private nextId = 1;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as WireMessage;
      if (message.kind === 'event') this.events.push(message);
      else this.waiting.get(message.id)?.(message);
    });
  }

  static connect(query = `?token=${TOKEN}`): Promise<Client> {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws${query}`);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new Client(ws)));
      ws.once('error', reject);
    });
  }

  /** Sends one raw frame and waits for the response with `id`. */
  sendRaw(id: number, frame: string): Promise<WireMessage> {
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.ws.send(frame);
    });
  }

  invoke(channel: string, req?: unknown): Promise<WireMessage> {
    const id = this.nextId++;
    return this.sendRaw(id, JSON.stringify({ id, channel, request: req }));
  }
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'gclens-serve-test-'));
  rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), APP_JS);
  // What a traversal would be after: a file right beside the renderer.
  writeFileSync(join(root, 'package.json'), '{"secret":"SECRET-OUTSIDE"}');
  server = await startServeServer({ rendererDir, token: TOKEN });
});

afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('serve server: the token', () => {
  it('prints a loopback URL that carries the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${TOKEN}`);
    expect(server.host).toBe('127.0.0.1');
  });

  it.each(['/', '/index.html', '/assets/app.js', '/ws'])('answers 401 on GET %s without the token', async (path) => {
    const reply = await http(path);
    expect(reply.status).toBe(401);
    expect(reply.headers['content-type']).toMatch(/^text\/plain/);
    expect(reply.body).not.toContain('gclens");');
  });

  it('answers 401 to a wrong token of the right length', async () => {
    expect((await http(`/?token=${WRONG}`)).status).toBe(401);
    expect((await http('/assets/app.js', { headers: { Authorization: `Bearer ${WRONG}` } })).status).toBe(401);
  });

  it('answers 401 to an upload without the token, and to one that only has the cookie', async () => {
    expect((await http('/upload', { method: 'POST', body: 'gc 1' })).status).toBe(401);
    const cookieOnly = await http('/upload', { method: 'POST', body: 'gc 1', headers: { Cookie: `gclens_token=${TOKEN}` } });
    expect(cookieOnly.status).toBe(401);
  });

  it('refuses the WebSocket upgrade with 401 without the token, or with it only in a cookie', async () => {
    const base = `ws://127.0.0.1:${server.port}/ws`;
    expect(await refusedUpgrade(base)).toBe(401);
    expect(await refusedUpgrade(`${base}?token=${WRONG}`)).toBe(401);
    expect(await refusedUpgrade(base, { Cookie: `gclens_token=${TOKEN}` })).toBe(401);
  });

  it('serves index.html with the token in the query, and sets the cookie the assets then use', async () => {
    const page = await http(`/?token=${TOKEN}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('/assets/app.js');
    const cookie = page.headers['set-cookie']?.[0];
    expect(cookie).toBe(`gclens_token=${TOKEN}; HttpOnly; SameSite=Strict; Path=/`);

    const asset = await http('/assets/app.js', { headers: { Cookie: `other=1; ${cookie!.split(';')[0]}` } });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['x-content-type-options']).toBe('nosniff');
    expect(asset.body).toBe(APP_JS);
    expect(asset.headers['set-cookie']).toBeUndefined();

    expect((await http('/assets/app.js', { headers: { Cookie: `gclens_token=${WRONG}` } })).status).toBe(401);
  });

  it('accepts the token as a Bearer header', async () => {
    const asset = await http('/assets/app.js', { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(asset.status).toBe(200);
    expect(asset.body).toBe(APP_JS);
  });
});

describe('serve server: static files', () => {
  it('sends a strict CSP and no-store with the HTML', async () => {
    const page = await http(`/?token=${TOKEN}`);
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
    for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'none'"]) {
      expect(csp).toContain(directive);
    }
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it.each([
    ['/../package.json', 404],
    ['/%2e%2e/package.json', 404],
    ['/assets/../../package.json', 404],
    ['/..%2fpackage.json', 403],
    ['/%2e%2e%2fpackage.json', 403],
    ['/assets/..%2f..%2fpackage.json', 403],
    ['/..%5cpackage.json', 403],
    ['/assets%00/app.js', 403],
  ])('does not serve %s from outside the renderer folder', async (path, status) => {
    const reply = await http(`${path}?token=${TOKEN}`);
    expect(reply.status).toBe(status);
    expect(reply.body).not.toContain('SECRET-OUTSIDE');
  });

  it('keeps resolved paths inside the root', () => {
    expect(resolveInside('/srv/r', '/assets/app.js')).toBe('/srv/r/assets/app.js');
    expect(resolveInside('/srv/r', '/../r2/x')).toBeNull();
    expect(resolveInside('/srv/r', '/..%2f..%2fetc/passwd')).toBeNull();
    expect(resolveInside('/srv/r', '/%E0%A4%A')).toBeNull();
  });

  it('answers 404 for a missing file and 405 for other methods', async () => {
    expect((await http(`/assets/nope.js?token=${TOKEN}`)).status).toBe(404);
    expect((await http(`/?token=${TOKEN}`, { method: 'DELETE' })).status).toBe(405);
  });

  it('refuses a Host header that is not this server (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`]) {
      const reply = await http(`/?token=${TOKEN}`, { headers: { Host: host } });
      expect(reply.status).toBe(403);
    }
    expect(await refusedUpgrade(`ws://127.0.0.1:${server.port}/ws?token=${TOKEN}`, { Host: `evil.example:${server.port}` })).toBe(403);
    expect((await http(`/?token=${TOKEN}`, { headers: { Host: `localhost:${server.port}` } })).status).toBe(200);
  });

  it('binds IPv6 loopback and accepts its bracketed Host header', async () => {
    const v6 = await startServeServer({ host: '::1', rendererDir, token: TOKEN });
    try {
      expect(v6.url).toBe(`http://[::1]:${v6.port}/?token=${TOKEN}`);
      const page = await fetch(v6.url);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' ws://[::1]:${v6.port}`);
    } finally {
      await v6.close();
    }
  });

  it('answers 500 naming `npm run build` when the renderer is not built', async () => {
    const empty = await startServeServer({ rendererDir: join(root, 'not-built'), token: TOKEN });
    try {
      const reply = await new Promise<Reply>((resolve, reject) => {
        request({ host: '127.0.0.1', port: empty.port, path: `/?token=${TOKEN}` }, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        })
          .on('error', reject)
          .end();
      });
      expect(reply.status).toBe(500);
      expect(reply.body).toContain('npm run build');
    } finally {
      await empty.close();
    }
  });
});

describe('serve server: the WebSocket', () => {
  it('answers app:info with transport serve', async () => {
    const client = await Client.connect();
    const reply = await client.invoke('app:info');
    expect(reply).toMatchObject({ kind: 'response', id: 1, result: { ok: true, value: { name: 'gclens', transport: 'serve' } } });
    client.ws.close();
  });

  it('answers invalid-argument to an unknown channel, bad files:open arguments and a malformed frame', async () => {
    const client = await Client.connect();
    const badChannel = await client.invoke('fs:delete', { path: '/' });
    expect(badChannel).toMatchObject({ result: { ok: false, error: { kind: 'invalid-argument' } } });
    const badArgs = await client.invoke('files:open', { requestId: 'r', sources: [{ kind: 'upload', uploadId: '../../etc' }] });
    expect(badArgs).toMatchObject({ result: { ok: false, error: { kind: 'invalid-argument' } } });
    const extraKey = await client.invoke('files:open', { requestId: 'r', sources: [{ kind: 'path', path: '/x', shell: 'rm -rf /' }] });
    expect(extraKey).toMatchObject({ result: { ok: false, error: { kind: 'invalid-argument' } } });
    const malformed = await client.sendRaw(77, JSON.stringify({ id: 77, channel: 42 }));
    expect(malformed).toMatchObject({ kind: 'response', id: 77, result: { ok: false, error: { kind: 'invalid-argument' } } });
    client.ws.close();
  });

  it('ignores frames without a readable id and keeps serving', async () => {
    const client = await Client.connect();
    client.ws.send('not json');
    client.ws.send(JSON.stringify({ channel: 'app:info' }));
    client.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await client.invoke('app:info')).toMatchObject({ id: 1, result: { ok: true } });
    client.ws.close();
  });

  it('closes a connection that sends a frame over the size limit', async () => {
    const client = await Client.connect();
    const code = await new Promise<number>((resolve) => {
      client.ws.on('close', resolve);
      client.ws.send('x'.repeat(2 * 1024 * 1024));
    });
    expect(code).toBe(1009);
  });

  it('refuses a cross-origin upgrade and a wrong path', async () => {
    const url = `ws://127.0.0.1:${server.port}/ws?token=${TOKEN}`;
    expect(await refusedUpgrade(url, { Origin: 'http://evil.example' })).toBe(403);
    expect(await refusedUpgrade(url, { Origin: `http://127.0.0.1:${server.port + 1}` })).toBe(403);
    expect(await refusedUpgrade(`ws://127.0.0.1:${server.port}/other?token=${TOKEN}`)).toBe(404);
    const sameOrigin = await Client.connect(`?token=${TOKEN}`);
    sameOrigin.ws.close();
  });
});

describe('serve server: uploads', () => {
  it('stores an upload under the decoded X-File-Name, which files:open then shows', async () => {
    const line = 'gc 1 @0.009s 4%: 0.072+1.5+0.004 ms clock, 0.28+0.71/1.1/0.050+0.016 ms cpu, 4->4->0 MB, 4 MB goal, 4 P\n';
    const reply = await http(`/upload?token=${TOKEN}`, {
      method: 'POST',
      headers: { 'X-File-Name': encodeURIComponent('dir/ünï gc.log') },
      body: line,
    });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = JSON.parse(reply.body) as { uploadId: string; bytes: number };
    expect(body.uploadId).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(body.bytes).toBe(Buffer.byteLength(line));

    const client = await Client.connect();
    const opened = await client.invoke('files:open', { requestId: 'r', sources: [{ kind: 'upload', uploadId: body.uploadId }] });
    expect(opened).toMatchObject({ result: { ok: true, value: { names: ['ünï gc.log'], summary: { cycles: 1 } } } });
    client.ws.close();
  });

  it('answers 405 to a GET on /upload', async () => {
    expect((await http(`/upload?token=${TOKEN}`)).status).toBe(405);
  });

  it('answers not-found for an upload id it never issued', async () => {
    const client = await Client.connect();
    const reply = await client.invoke('files:open', { requestId: 'r', sources: [{ kind: 'upload', uploadId: 'AAAAAAAAAAAAAAAA' }] });
    expect(reply).toMatchObject({ result: { ok: false, error: { kind: 'not-found' } } });
    client.ws.close();
  });

  it('survives an upload the client aborts halfway', async () => {
    await new Promise<void>((resolve) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: `/upload?token=${TOKEN}`, method: 'POST' });
      req.on('error', () => resolve());
      req.write('gc 1 @0.009s partial', () => {
        req.destroy();
        resolve();
      });
    });
    expect((await http(`/assets/app.js?token=${TOKEN}`)).status).toBe(200);
  });

  it.skipIf(!hasCorpus)('opens a streamed real gctrace with files:open and pushes progress events', async () => {
    const file = corpusPath('go-gctrace', 'tebeka-gctrace', 'map.gctrace');
    const upload = await http('/upload', {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'X-File-Name': 'map.gctrace' },
      body: () => createReadStream(file),
    });
    expect(upload.status).toBe(200);
    const { uploadId, bytes } = JSON.parse(upload.body) as { uploadId: string; bytes: number };
    expect(bytes).toBe(statSync(file).size);

    const client = await Client.connect();
    const reply = await client.invoke('files:open', { requestId: 'req-1', sources: [{ kind: 'upload', uploadId }] });
    expect(reply).toMatchObject({
      kind: 'response',
      result: { ok: true, value: { names: ['map.gctrace'], totalBytes: bytes, summary: { cycles: 95, format: 'go-gctrace' } } },
    });
    const progress = client.events.filter((event) => event.kind === 'event' && event.channel === 'files:progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ payload: { requestId: 'req-1', name: 'map.gctrace', bytesRead: bytes, totalBytes: bytes } });
    client.ws.close();
  });
});

describe('serve server: close', () => {
  it('closes its WebSockets and stops listening', async () => {
    const own = await startServeServer({ rendererDir, token: TOKEN });
    const ws = new WebSocket(`ws://127.0.0.1:${own.port}/ws?token=${TOKEN}`);
    await new Promise((resolve) => ws.once('open', resolve));
    const closed = new Promise<number>((resolve) => ws.once('close', resolve));
    await own.close();
    expect(await closed).toBe(1001);
    await expect(
      new Promise((resolve, reject) => request({ host: '127.0.0.1', port: own.port, path: '/' }, resolve).on('error', reject).end()),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await own.close(); // a second close is harmless
  });
});

describe('serve server: report downloads', () => {
  async function exported(format: 'html' | 'bundle'): Promise<{ exportId: string; fileName: string }> {
    const log = join(root, 'download-gctrace.log');
    writeFileSync(log, gctraceText(1, 60));
    const client = await Client.connect();
    try {
      const opened = await client.invoke('files:open', { requestId: 'dl', sources: [{ kind: 'path', path: log }] });
      const fileId = ((opened as { result: { value: { fileId: string } } }).result.value).fileId;
      const made = await client.invoke('report:export', { subject: { kind: 'files', fileId }, format, redact: false });
      return (made as { result: { value: { exportId: string; fileName: string } } }).result.value;
    } finally {
      client.ws.close();
    }
  }

  it('downloads an export as an attachment with its safe name, only with the token in the link', async () => {
    const { exportId, fileName } = await exported('html');
    expect((await http(`/export/${exportId}`)).status).toBe(401);
    expect((await http(`/export/${exportId}`, { headers: { Cookie: `gclens_token=${TOKEN}` } })).status).toBe(401);
    expect((await http(`/export/${exportId}?token=${WRONG}`)).status).toBe(401);
    expect((await http(`/export/${exportId}?token=${TOKEN}`, { method: 'POST' })).status).toBe(405);

    const reply = await http(`/export/${exportId}?token=${TOKEN}`);
    expect(reply.status).toBe(200);
    expect(fileName).toMatch(/^gclens-report-[\w.-]+\.html$/);
    expect(reply.headers['content-disposition']).toBe(`attachment; filename="${fileName}"`);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
    expect(reply.body).toMatch(/^<!doctype html>/i);

    const inline = await http(`/export/${exportId}?token=${TOKEN}&disposition=inline`);
    expect(inline.headers['content-disposition']).toBe('inline');
    expect(inline.headers['content-security-policy']).toMatch(/default-src 'none'.*sandbox/);
  });

  it('keeps a bundle an attachment, and answers 404 to an unknown or malformed id', async () => {
    const { exportId, fileName } = await exported('bundle');
    const inline = await http(`/export/${exportId}?token=${TOKEN}&disposition=inline`);
    expect(inline.headers['content-disposition']).toBe(`attachment; filename="${fileName}"`);
    expect(inline.headers['content-type']).toBe('application/gzip');
    expect((await http(`/export/AAAAAAAAAAAAAAAA?token=${TOKEN}`)).status).toBe(404);
    expect((await http(`/export/..%2F..%2Fpackage.json?token=${TOKEN}`)).status).toBe(404);
    expect((await http(`/export/?token=${TOKEN}`)).status).toBe(404);
  });
});
