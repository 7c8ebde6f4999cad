import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi, type Mock } from 'vitest';
import { isLoopbackHost, runServe, type ServeIo } from './serve-command';
import type { RunningServer } from './serve-server';

let rendererDir: string;

beforeAll(() => {
  rendererDir = mkdtempSync(join(tmpdir(), 'gclens-serve-cmd-'));
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>gclens</title>');
});

afterAll(() => rmSync(rendererDir, { recursive: true, force: true }));

function fakeIo(): ServeIo & { out: string[]; err: string[]; started: RunningServer[]; exit: Mock<(code: number) => void> } {
  const out: string[] = [];
  const err: string[] = [];
  const started: RunningServer[] = [];
  return {
    out,
    err,
    started,
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    env: { GCLENS_RENDERER_DIR: rendererDir },
    exit: vi.fn<(code: number) => void>(),
    onStarted: (server) => started.push(server),
  };
}

const SERVE_LINE = /^Serving gclens at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{32}))\n$/;

describe('gclens serve', () => {
  it('prints one URL line on stdout and serves the page at it', async () => {
    const io = fakeIo();
    expect(await runServe(['--port', '0'], io)).toBe('running');
    try {
      expect(io.out).toHaveLength(1);
      const [, url, port] = SERVE_LINE.exec(io.out[0]!) ?? [];
      expect(Number(port)).toBe(io.started[0]!.port);
      expect(io.err.join('')).not.toContain('WARNING');
      const page = await fetch(url!);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>gclens</title>');
    } finally {
      await io.started[0]?.close();
    }
  });

  it('warns on stderr when the host is reachable from other machines', async () => {
    const io = fakeIo();
    expect(await runServe(['--host', '0.0.0.0', '--port=0'], io)).toBe('running');
    try {
      const stderr = io.err.join('');
      expect(stderr).toContain('WARNING');
      expect(stderr).toContain('reachable from other machines');
      expect(stderr).toContain('token');
      // Reached locally through loopback, so the printed URL still names 127.0.0.1.
      expect(io.out[0]).toMatch(SERVE_LINE);
    } finally {
      await io.started[0]?.close();
    }
  });

  it('closes and exits 0 on SIGINT, and drops its signal handlers when closed', async () => {
    const before = process.listeners('SIGINT');
    const termBefore = process.listeners('SIGTERM');
    const io = fakeIo();
    await runServe(['--port', '0'], io);
    const added = process.listeners('SIGINT').filter((listener) => !before.includes(listener));
    expect(added).toHaveLength(1);
    added[0]!('SIGINT');
    await vi.waitFor(() => expect(io.exit).toHaveBeenCalledWith(0));
    expect(process.listeners('SIGINT')).toEqual(before);
    expect(process.listeners('SIGTERM')).toEqual(termBefore);
    await expect(fetch(`http://127.0.0.1:${io.started[0]!.port}/`)).rejects.toThrow();
  });

  it('says clearly when the port is busy', async () => {
    const busy: Server = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as AddressInfo;
    try {
      const io = fakeIo();
      expect(await runServe(['--port', String(port)], io)).toBe(1);
      expect(io.err.join('')).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(io.out).toEqual([]);
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });

  it.each([['--port', 'abc'], ['--port', '70000'], ['--port', '-1'], ['--port', '1.5'], ['--bogus'], ['extra'], ['--host', '']])(
    'exits 2 with a usage line for %j',
    async (...argv) => {
      const io = fakeIo();
      expect(await runServe(argv, io)).toBe(2);
      expect(io.err.join('')).toContain('Usage: gclens serve [--port N] [--host H]');
      expect(io.out).toEqual([]);
    },
  );

  it('tells loopback hosts from the others', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of ['0.0.0.0', '::', '10.0.0.5', '192.168.1.2', 'example.com', 'localhost.evil.com']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});
