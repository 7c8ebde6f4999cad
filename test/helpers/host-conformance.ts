/**
 * What every Host (src/main/host/host.ts) must do, one suite run against
 * each: LocalHost (src/main/host/local-host.test.ts) and SshHost against a
 * real sshd (test/ssh/ssh-host.test.ts). Collectors speak only to Host, so
 * a difference between the two is a bug in one of them. What only one host
 * has (sudo for LocalHost, SFTP resume and link drops for SshHost) stays in
 * that host's own file.
 */
import { appendFileSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../src/main/host/host';
import { GclensError } from '../../src/shared/result';
import { describeTailConformance, until } from './host-tail-conformance';

export interface HostConformanceOptions {
  /** A folder this test writes and the host reads at the same path (the test sshd runs on this machine). */
  dir: string;
  /** The user the host runs programs as: asUser naming it needs no sudo. */
  loginUser: string;
  /** What /proc/self/exe is when the host reads it: this node, or the SFTP server. */
  selfExe: string | RegExp;
  /** Whether stat() knows inode numbers (SFTP does not). */
  inodes: boolean;
  /** How often tails look for new bytes. */
  pollMs: number;
  /** Resolves once `count` tails of the file named `name` really watch it (over SSH a tail starts a moment after tailFile returns). */
  tailsWatching(host: Host, name: string, count: number): Promise<void>;
  /**
   * Where the hosts differ today, each host's answer checked as it is:
   * `runAtDispose`, what a run() still going at dispose() settles with (its
   * SIGTERM exit, or a `cancelled` rejection when the link closes before the
   * exit status comes); `missingStreamCode`, the exit code of a stream whose
   * program is missing (null, or the remote shell's 127).
   */
  runAtDispose: 'exit' | 'cancelled';
  /** How a refused TCP connection is worded: node's ECONNREFUSED, or the SSH channel's "Connection refused". */
  refusedMessage: RegExp;
  missingStreamCode: number | null;
}

export interface LoopbackServer {
  port: number;
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 at a free port, which the host reaches on its loopback (the test sshd runs here). */
export async function serveOnLoopback(handler: RequestListener): Promise<LoopbackServer> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** `makeHost` makes a new host each call (killGraceMs 300): one for most checks, one to dispose. */
export function describeHostConformance(name: string, makeHost: () => Promise<Host>, opts: HostConformanceOptions): void {
  describe(`${name} conforms to Host`, () => {
    const { dir } = opts;
    let host: Host;
    beforeAll(async () => {
      host = await makeHost();
    });
    afterAll(() => host?.dispose());

    describe('run', () => {
      it('passes arguments literally: no shell sees quotes, $(), backticks or ;', async () => {
        const nasty = `it's "quoted" $(touch ${dir}/pwned) \`id\`; rm -rf / && echo $HOME\nnext line`;
        const result = await host.run(['printf', '%s', nasty], { timeoutMs: 10_000 });
        expect(result.stdout.toString()).toBe(nasty);
        expect(result).toMatchObject({ code: 0, signal: null, timedOut: false, truncated: false });
        expect(await host.stat(join(dir, 'pwned'))).toBeNull();
      });

      it('answers the exit code, stdout and stderr', async () => {
        const result = await host.run(['sh', '-c', 'echo out; echo oops >&2; exit 3'], { timeoutMs: 10_000 });
        expect(result).toMatchObject({ code: 3, signal: null, timedOut: false, truncated: false });
        expect(result.stdout.toString()).toBe('out\n');
        expect(result.stderr.toString()).toBe('oops\n');
      });

      it('ends a program past its time limit with SIGTERM and says it timed out', async () => {
        const started = Date.now();
        const result = await host.run(['sleep', '30'], { timeoutMs: 200 });
        expect(result).toMatchObject({ code: null, signal: 'SIGTERM', timedOut: true });
        expect(Date.now() - started).toBeLessThan(10_000);
      });

      it('sends SIGKILL after the grace period to a program that ignores SIGTERM', async () => {
        const result = await host.run(['sh', '-c', 'trap "" TERM; echo ready; while :; do sleep 0.05; done'], { timeoutMs: 300 });
        expect(result).toMatchObject({ signal: 'SIGKILL', timedOut: true });
        expect(result.stdout.toString()).toBe('ready\n');
      });

      it('keeps only maxOutputBytes of the output and says it truncated', async () => {
        const result = await host.run(['head', '-c', '300000', '/dev/zero'], { timeoutMs: 10_000, maxOutputBytes: 1000 });
        expect(result.code).toBe(0);
        expect(result.stdout.length).toBe(1000);
        expect(result.truncated).toBe(true);
      });

      it('passes environment variables and refuses names that are not names', async () => {
        const result = await host.run(['sh', '-c', 'printf %s "$GCLENS_TEST_VALUE"'], { timeoutMs: 10_000, env: { GCLENS_TEST_VALUE: "a b;c'd" } });
        expect(result.stdout.toString()).toBe("a b;c'd");
        await expect(host.run(['true'], { timeoutMs: 1000, env: { 'A=B': 'x' } })).rejects.toMatchObject({ kind: 'invalid-argument' });
      });

      it('says a missing program is not found', async () => {
        await expect(host.run(['gclens-no-such-program'], { timeoutMs: 10_000 })).rejects.toMatchObject({ kind: 'not-found', message: expect.stringContaining('gclens-no-such-program') });
      });

      it('runs directly when asUser is the user it runs as, and refuses a user name that is not a name', async () => {
        expect((await host.run(['id', '-un'], { timeoutMs: 10_000, asUser: opts.loginUser })).stdout.toString()).toBe(`${opts.loginUser}\n`);
        await expect(host.run(['id'], { timeoutMs: 1000, asUser: '-u root' })).rejects.toMatchObject({ kind: 'invalid-argument' });
      });
    });

    describe('files', () => {
      const file = join(dir, 'file.txt');

      it('reads a whole file, or a range of it, and says a missing one is not found', async () => {
        writeFileSync(file, '0123456789');
        expect((await host.readFile(file)).toString()).toBe('0123456789');
        expect((await host.readFile(file, { offset: 3, maxBytes: 4 })).toString()).toBe('3456');
        expect((await host.readFile(file, { offset: 8, maxBytes: 100 })).toString()).toBe('89');
        const missing = await host.readFile(join(dir, 'nope')).catch((e: unknown) => e);
        expect(missing).toBeInstanceOf(GclensError);
        expect(missing).toMatchObject({ kind: 'not-found' });
      });

      it('reads /proc files, which report size 0, to their end', async () => {
        for (const options of [undefined, { maxBytes: 1 << 20 }]) {
          const text = (await host.readFile('/proc/self/status', options)).toString();
          expect(text).toMatch(/^Name:\s+\S+$/m);
          expect(text).toMatch(/^Pid:\s+\d+$/m);
          // The last lines of the file: read to its end, not to the 0 bytes stat reports.
          expect(text).toMatch(/^VmFlags|^voluntary_ctxt_switches/m);
        }
        expect((await host.stat('/proc/self/status'))?.size).toBe(0);
      });

      it('stats, lists and reads links; missing paths are null', async () => {
        writeFileSync(file, '0123456789');
        expect(await host.stat(file)).toMatchObject({ size: 10, isFile: true, isDirectory: false, inode: opts.inodes ? expect.any(Number) : null });
        expect(await host.stat(dir)).toMatchObject({ isFile: false, isDirectory: true });
        expect(await host.stat(join(dir, 'nope'))).toBeNull();
        expect(await host.readDir(dir)).toContain('file.txt');
        expect(await host.readDir(dir)).not.toContain('.');
        symlinkSync(file, join(dir, 'link'));
        expect(await host.readLink(join(dir, 'link'))).toBe(file);
        expect(await host.readLink(join(dir, 'nope'))).toBeNull();
        expect(await host.readLink(file)).toBeNull();
        const exe = await host.readLink('/proc/self/exe');
        if (typeof opts.selfExe === 'string') expect(exe).toBe(opts.selfExe);
        else expect(exe).toMatch(opts.selfExe);
      });

      it('copies a file with progress, and says a missing one is not found', async () => {
        const big = join(dir, 'big.bin');
        const bytes = Buffer.alloc(3 * 1024 * 1024 + 17);
        for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7 + (i >> 11)) & 0xff;
        writeFileSync(big, bytes);
        const progress: Array<[number, number]> = [];
        await host.fetchFile(big, join(dir, 'copy.bin'), (done, total) => progress.push([done, total]));
        expect(readFileSync(join(dir, 'copy.bin')).equals(bytes)).toBe(true);
        expect(progress.length).toBeGreaterThan(2);
        expect(progress.at(-1)).toEqual([bytes.length, bytes.length]);
        await expect(host.fetchFile(join(dir, 'nope'), join(dir, 'x'))).rejects.toMatchObject({ kind: 'not-found' });
      });
    });

    describeTailConformance(() => host, opts);

    describe('httpGet', () => {
      let web: LoopbackServer;
      let port: number;
      beforeAll(async () => {
        web = await serveOnLoopback((req, res) => {
          if (req.url === '/hang') return; // never answers
          if (req.url === '/big') return void res.end(Buffer.alloc(100_000, 1));
          if (req.url === '/chunked') {
            res.write('hello ');
            return void setTimeout(() => res.end('world'), 20);
          }
          res.setHeader('x-gclens', 'yes');
          res.statusCode = req.url === '/debug/pprof/' ? 200 : 404;
          res.end(`you asked for ${req.url}`);
        });
        port = web.port;
      });
      afterAll(() => web.close());

      it('GETs a path on a loopback port with status, headers and body', async () => {
        const response = await host.httpGet({ port, path: '/debug/pprof/', timeoutMs: 5000 });
        expect(response.status).toBe(200);
        expect(response.headers['x-gclens']).toBe('yes');
        expect(response.body.toString()).toBe('you asked for /debug/pprof/');
        expect((await host.httpGet({ port, path: '/nope?x=1', timeoutMs: 5000 })).status).toBe(404);
      });

      it('reads a chunked body', async () => {
        const response = await host.httpGet({ port, path: '/chunked', timeoutMs: 5000 });
        expect(response.headers['transfer-encoding']).toBe('chunked');
        expect(response.body.toString()).toBe('hello world');
      });

      it('refuses a body past maxBytes, and gives up after the timeout', async () => {
        await expect(host.httpGet({ port, path: '/big', timeoutMs: 5000, maxBytes: 1000 })).rejects.toThrow(/larger than 1000 bytes/);
        // Over SSH the time left after opening the channel is what the message names.
        const hung = await host.httpGet({ port, path: '/hang', timeoutMs: 200 }).catch((e: Error) => e);
        const leftMs = Number(/timed out after (\d+) ms/.exec(hung instanceof Error ? hung.message : '')?.[1]);
        expect(leftMs).toBeGreaterThan(0);
        expect(leftMs).toBeLessThanOrEqual(200);
      });

      it('says when nothing listens', async () => {
        const closed = createServer();
        await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
        const freePort = (closed.address() as AddressInfo).port;
        await new Promise<void>((r) => closed.close(() => r()));
        await expect(host.httpGet({ port: freePort, path: '/', timeoutMs: 5000 })).rejects.toMatchObject({ kind: 'io', message: expect.stringMatching(opts.refusedMessage) });
        await expect(host.httpGet({ port: freePort, path: '/', timeoutMs: 5000 })).rejects.toThrow(`127.0.0.1:${freePort}`);
      });
    });

    describe('spawnStream', () => {
      it('hands output over as it comes, by argv, with the environment given', async () => {
        const chunks: string[] = [];
        const errs: string[] = [];
        const stream = host.spawnStream(['sh', '-c', 'echo "one $X"; sleep 0.1; echo two >&2; echo three'], {
          env: { X: 'a $(b)' },
          onStdout: (c) => chunks.push(c.toString()),
          onStderr: (c) => errs.push(c.toString()),
        });
        expect(await stream.exited).toEqual({ code: 0, signal: null, timedOut: false, stopped: false, error: null });
        expect(chunks.join('')).toBe('one a $(b)\nthree\n');
        expect(errs.join('')).toBe('two\n');
      });

      it('knows the pid on the host, and stop() ends the program', async () => {
        let out = '';
        let err = '';
        const stream = host.spawnStream(['sh', '-c', 'echo started; echo to-stderr >&2; exec sleep 30'], { onStdout: (c) => (out += c.toString()), onStderr: (c) => (err += c.toString()) });
        await until(() => out === 'started\n' && err === 'to-stderr\n' && stream.pid !== null);
        expect(stream.pid).toBeGreaterThan(0);
        expect((await host.readFile(`/proc/${stream.pid}/comm`)).toString()).toBe('sleep\n');
        const exit = await stream.stop();
        expect(exit).toMatchObject({ stopped: true, signal: 'SIGTERM', error: null });
        expect(await host.stat(`/proc/${stream.pid}`)).toBeNull();
      });

      it('delivers nothing after stop(), and a second stop() answers the same exit', async () => {
        let lines = 0;
        const stream = host.spawnStream(['sh', '-c', 'while :; do echo tick; sleep 0.02; done'], { onStdout: () => lines++ });
        await until(() => lines >= 3);
        const exit = await stream.stop();
        expect(exit).toMatchObject({ stopped: true, signal: 'SIGTERM' });
        const seen = lines;
        await sleep(100);
        expect(lines).toBe(seen);
        expect(await stream.stop()).toEqual(exit);
      });

      it('ends a program at its time limit, with SIGKILL when it ignores SIGTERM', async () => {
        const timed = host.spawnStream(['sleep', '30'], { timeoutMs: 300 });
        expect(await timed.exited).toMatchObject({ timedOut: true, stopped: false, signal: 'SIGTERM' });
        const stubborn = host.spawnStream(['sh', '-c', 'trap "" TERM; while :; do sleep 0.05; done'], { timeoutMs: 100 });
        expect(await stubborn.exited).toMatchObject({ timedOut: true, signal: 'SIGKILL', stopped: false });
      });

      it('says a missing program is missing, without throwing', async () => {
        const missing = host.spawnStream(['gclens-no-such-program'], {});
        // A host over SSH says which box lacks it.
        const where = host.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        const error = new RegExp(`^gclens-no-such-program: program not found(?: on ${where})?$`);
        expect(await missing.exited).toMatchObject({ code: opts.missingStreamCode, error: expect.stringMatching(error) });
      });
    });

    it('dispose() ends its programs, streams and tails, and refuses new work', async () => {
      const own = await makeHost();
      const running = own.run(['sleep', '30'], { timeoutMs: 60_000 });
      const stream = own.spawnStream(['sleep', '30'], {});
      const path = join(dir, 'dispose.log');
      writeFileSync(path, '');
      let data = '';
      own.tailFile(path, { pollMs: opts.pollMs, onData: (chunk) => (data += chunk.toString()) });
      await until(() => stream.pid !== null);
      await opts.tailsWatching(own, 'dispose.log', 1);
      await own.dispose();
      if (opts.runAtDispose === 'exit') expect(await running).toMatchObject({ signal: 'SIGTERM', timedOut: false });
      else await expect(running).rejects.toMatchObject({ kind: 'cancelled' });
      expect(await stream.exited).toMatchObject({ stopped: true });
      appendFileSync(path, 'late\n');
      await sleep(300);
      expect(data).toBe('');
      await expect(own.run(['true'], { timeoutMs: 1000 })).rejects.toMatchObject({ kind: 'cancelled' });
      expect(() => own.spawnStream(['true'], {})).toThrow(/disposed/);
      await expect(Promise.resolve().then(() => own.readFile('/etc/hostname'))).rejects.toThrow(/disposed/);
    });
  });
}
