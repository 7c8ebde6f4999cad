import { appendFileSync, chmodSync, mkdtempSync, readFileSync, renameSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { GclensError } from '../../shared/result';
import type { TailHandle } from './host';
import { LocalHost } from './local-host';

const dir = mkdtempSync(join(tmpdir(), 'gclens-local-host-'));
const host = new LocalHost({ killGraceMs: 300 });
afterAll(() => host.dispose());

/** Polls until `check` holds; the test's own timeout is the limit. */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 10));
}

describe('LocalHost.run', () => {
  it('passes arguments literally: no shell sees quotes, $(), backticks or ;', async () => {
    const nasty = `it's "quoted" $(touch ${dir}/pwned) \`id\`; rm -rf / && echo $HOME\nnext line`;
    const result = await host.run(['printf', '%s', nasty], { timeoutMs: 10_000 });
    expect(result.stdout.toString()).toBe(nasty);
    expect(result).toMatchObject({ code: 0, signal: null, timedOut: false, truncated: false });
    expect(await host.stat(join(dir, 'pwned'))).toBeNull();
  });

  it('answers the exit code and stderr of a failing program', async () => {
    const result = await host.run(['sh', '-c', 'echo oops >&2; exit 3'], { timeoutMs: 10_000 });
    expect(result.code).toBe(3);
    expect(result.stderr.toString()).toBe('oops\n');
  });

  it('ends a program past its timeout with SIGTERM and says it timed out', async () => {
    const result = await host.run(['sleep', '30'], { timeoutMs: 200 });
    expect(result).toMatchObject({ code: null, signal: 'SIGTERM', timedOut: true });
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

  it('adds environment variables and refuses names that are not names', async () => {
    const result = await host.run(['sh', '-c', 'printf %s "$GCLENS_TEST_VALUE"'], { timeoutMs: 10_000, env: { GCLENS_TEST_VALUE: 'a b;c' } });
    expect(result.stdout.toString()).toBe('a b;c');
    await expect(host.run(['true'], { timeoutMs: 1000, env: { 'A=B': 'x' } })).rejects.toMatchObject({ kind: 'invalid-argument' });
  });

  it('says a missing program is not found', async () => {
    await expect(host.run(['gclens-no-such-program'], { timeoutMs: 1000 })).rejects.toMatchObject({ kind: 'not-found', message: expect.stringContaining('gclens-no-such-program') });
  });

  it('runs directly when asUser is the current user', async () => {
    const me = userInfo().username;
    const result = await host.run(['id', '-un'], { timeoutMs: 10_000, asUser: me });
    expect(result.stdout.toString().trim()).toBe(me);
  });

  it('runs as another user through sudo -n -u USER -- env NAME=value argv', async () => {
    const fakeSudo = join(dir, 'fake-sudo');
    // Prints the arguments it got, one per line, instead of switching users.
    writeFileSync(fakeSudo, '#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done\n');
    chmodSync(fakeSudo, 0o755);
    const viaSudo = new LocalHost({ sudo: fakeSudo });
    const result = await viaSudo.run(['jcmd', '42', 'VM.version'], { timeoutMs: 10_000, asUser: 'gclens-other', env: { A: '1' } });
    expect(result.stdout.toString().split('\n').slice(0, -1)).toEqual(['-n', '-u', 'gclens-other', '--', 'env', 'A=1', 'jcmd', '42', 'VM.version']);
    await expect(viaSudo.run(['id'], { timeoutMs: 1000, asUser: '-u root' })).rejects.toMatchObject({ kind: 'invalid-argument' });
    await viaSudo.dispose();
  });

  it('says clearly when sudo refuses, and when there is no sudo', async () => {
    const refusingSudo = join(dir, 'refusing-sudo');
    writeFileSync(refusingSudo, '#!/bin/sh\necho "sudo: a password is required" >&2\nexit 1\n');
    chmodSync(refusingSudo, 0o755);
    const refused = new LocalHost({ sudo: refusingSudo });
    await expect(refused.run(['jcmd', '42', 'VM.version'], { timeoutMs: 10_000, asUser: 'gclens-other' })).rejects.toThrow(
      /sudo refused to run jcmd as gclens-other \(sudo: a password is required\)/,
    );
    const noSudo = new LocalHost({ sudo: join(dir, 'no-such-sudo') });
    await expect(noSudo.run(['jcmd'], { timeoutMs: 1000, asUser: 'gclens-other' })).rejects.toThrow('cannot run jcmd as gclens-other: sudo is not installed');
  });
});

describe('LocalHost files', () => {
  const file = join(dir, 'file.txt');
  writeFileSync(file, '0123456789');

  it('reads a whole file, or a range of it, and says a missing one is not found', async () => {
    expect((await host.readFile(file)).toString()).toBe('0123456789');
    expect((await host.readFile(file, { offset: 3, maxBytes: 4 })).toString()).toBe('3456');
    expect((await host.readFile(file, { offset: 8, maxBytes: 100 })).toString()).toBe('89');
    const missing = await host.readFile(join(dir, 'nope')).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(GclensError);
    expect(missing).toMatchObject({ kind: 'not-found' });
  });

  it('reads /proc files, which report size 0, to their end', async () => {
    const text = (await host.readFile('/proc/self/status', { maxBytes: 1 << 20 })).toString();
    expect(text).toMatch(new RegExp(`^Pid:\\s+${process.pid}$`, 'm'));
  });

  it('stats, lists and reads links; missing paths are null', async () => {
    const info = await host.stat(file);
    expect(info).toMatchObject({ size: 10, isFile: true, isDirectory: false, inode: expect.any(Number) });
    expect(await host.stat(join(dir, 'nope'))).toBeNull();
    expect(await host.readDir(dir)).toContain('file.txt');
    symlinkSync(file, join(dir, 'link'));
    expect(await host.readLink(join(dir, 'link'))).toBe(file);
    expect(await host.readLink(join(dir, 'nope'))).toBeNull();
    expect(await host.readLink(file)).toBeNull();
    expect(await host.readLink('/proc/self/exe')).toBe(process.execPath);
  });

  it('copies a file with progress', async () => {
    const big = join(dir, 'big.bin');
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    writeFileSync(big, bytes);
    const progress: Array<[number, number]> = [];
    await host.fetchFile(big, join(dir, 'copy.bin'), (done, total) => progress.push([done, total]));
    expect(readFileSync(join(dir, 'copy.bin')).equals(bytes)).toBe(true);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toEqual([bytes.length, bytes.length]);
    await expect(host.fetchFile(join(dir, 'nope'), join(dir, 'x'))).rejects.toMatchObject({ kind: 'not-found' });
  });
});

describe('LocalHost.tailFile', () => {
  const tails: TailHandle[] = [];
  afterEach(async () => {
    await Promise.all(tails.splice(0).map((t) => t.stop()));
  });

  function follow(path: string, fromOffset?: number) {
    const seen = { text: '', resets: [] as string[], offsets: [] as number[], errors: [] as Error[] };
    const tail = host.tailFile(path, {
      fromOffset,
      pollMs: 10,
      onData: (chunk, offset) => {
        seen.text += chunk.toString();
        seen.offsets.push(offset);
      },
      onReset: (reason) => {
        seen.text += `<${reason}>`;
        seen.resets.push(reason);
      },
      onError: (err) => seen.errors.push(err),
    });
    tails.push(tail);
    return { seen, tail };
  }

  it('starts at the end and follows appends', async () => {
    const path = join(dir, 'append.log');
    writeFileSync(path, 'old\n');
    const { seen, tail } = follow(path);
    await until(() => tail.offset === 4);
    appendFileSync(path, 'one\n');
    await until(() => seen.text === 'one\n');
    appendFileSync(path, 'two\n');
    await until(() => seen.text === 'one\ntwo\n');
    expect(seen.offsets).toEqual([4, 8]);
    expect(tail.offset).toBe(12);
  });

  it('resumes from a given offset', async () => {
    const path = join(dir, 'resume.log');
    writeFileSync(path, 'abcdefgh');
    const { seen } = follow(path, 3);
    await until(() => seen.text === 'defgh');
    expect(seen.offsets).toEqual([3]);
  });

  it('reads from the start when the file is shorter than the resume offset', async () => {
    const path = join(dir, 'shorter.log');
    writeFileSync(path, 'new\n');
    const { seen } = follow(path, 100);
    await until(() => seen.text === '<truncated>new\n');
  });

  it('reads a file that appears after the tail began from its start', async () => {
    const path = join(dir, 'later.log');
    const { seen } = follow(path);
    await new Promise((r) => setTimeout(r, 50));
    writeFileSync(path, 'born\n');
    await until(() => seen.text === 'born\n');
  });

  it('reads from the start again after truncation', async () => {
    const path = join(dir, 'truncate.log');
    writeFileSync(path, '');
    const { seen, tail } = follow(path);
    // Let the first poll open the (empty) file, so what follows is new.
    await new Promise((r) => setTimeout(r, 30));
    appendFileSync(path, 'hello world\n');
    await until(() => tail.offset === 12);
    truncateSync(path, 0);
    appendFileSync(path, 'new\n');
    await until(() => seen.text.endsWith('new\n'));
    expect(seen.text).toBe('hello world\n<truncated>new\n');
  });

  it('drains the old file, then follows the new one after a rename rotation', async () => {
    const path = join(dir, 'rotate.log');
    writeFileSync(path, '');
    const { seen, tail } = follow(path);
    await new Promise((r) => setTimeout(r, 30));
    appendFileSync(path, 'A\n');
    await until(() => tail.offset === 2);
    // The writer's last line lands in the old file after the rename, as a slow writer's would.
    renameSync(path, `${path}.1`);
    appendFileSync(`${path}.1`, 'B\n');
    writeFileSync(path, 'C\n');
    await until(() => seen.text.endsWith('C\n'));
    expect(seen.text).toBe('A\nB\n<rotated>C\n');
  });

  it('loses and repeats nothing while a writer appends through rotations and a truncation', async () => {
    const path = join(dir, 'busy.log');
    writeFileSync(path, '');
    const { seen, tail } = follow(path, 0);
    let expected = '';
    for (let i = 0; i < 300; i++) {
      const line = `line ${i}\n`;
      appendFileSync(path, line);
      expected += line;
      if (i % 60 === 59 && i < 299) {
        // Wait until the tail is current, so each rotation is seen on its own.
        await until(() => seen.text.endsWith(line));
        if (i === 179) {
          truncateSync(path, 0);
          expected += '<truncated>';
        } else {
          renameSync(path, `${path}.${i}`);
          expected += '<rotated>';
        }
      }
      if (i % 7 === 0) await new Promise((r) => setTimeout(r, 1));
    }
    await until(() => seen.text.endsWith('line 299\n'));
    expect(seen.text).toBe(expected);
    expect(seen.errors).toEqual([]);
    expect(tail.offset).toBe(readFileSync(path).length);
  });

  it('delivers nothing after stop()', async () => {
    const path = join(dir, 'stopped.log');
    writeFileSync(path, '');
    const { seen, tail } = follow(path);
    await until(() => tail.offset === 0);
    await tail.stop();
    appendFileSync(path, 'late\n');
    await new Promise((r) => setTimeout(r, 60));
    expect(seen.text).toBe('');
  });
});

describe('LocalHost.httpGet', () => {
  let server: Server;
  let port: number;

  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('GETs a path on a loopback port with status, headers and body', async () => {
    server = createServer((req, res) => {
      if (req.url === '/hang') return; // never answers
      if (req.url === '/big') return void res.end(Buffer.alloc(100_000, 1));
      res.setHeader('x-gclens', 'yes');
      res.statusCode = req.url === '/debug/pprof/' ? 200 : 404;
      res.end(`you asked for ${req.url}`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;

    const response = await host.httpGet({ port, path: '/debug/pprof/', timeoutMs: 5000 });
    expect(response.status).toBe(200);
    expect(response.headers['x-gclens']).toBe('yes');
    expect(response.body.toString()).toBe('you asked for /debug/pprof/');
    expect((await host.httpGet({ port, path: '/nope?x=1', timeoutMs: 5000 })).status).toBe(404);
  });

  it('refuses a body past maxBytes, and gives up after the timeout', async () => {
    await expect(host.httpGet({ port, path: '/big', timeoutMs: 5000, maxBytes: 1000 })).rejects.toThrow(/larger than 1000 bytes/);
    await expect(host.httpGet({ port, path: '/hang', timeoutMs: 200 })).rejects.toThrow(/timed out after 200 ms/);
  });

  it('says when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    await expect(host.httpGet({ port: freePort, path: '/', timeoutMs: 5000 })).rejects.toMatchObject({ kind: 'io', message: expect.stringMatching(/ECONNREFUSED/) });
  });
});

describe('LocalHost.dispose', () => {
  it('ends running programs and tails, and refuses new work', async () => {
    const own = new LocalHost({ killGraceMs: 300 });
    const running = own.run(['sleep', '30'], { timeoutMs: 60_000 });
    const path = join(dir, 'dispose.log');
    writeFileSync(path, '');
    let data = '';
    own.tailFile(path, { pollMs: 10, onData: (chunk) => (data += chunk.toString()) });
    await new Promise((r) => setTimeout(r, 50));
    await own.dispose();
    expect(await running).toMatchObject({ signal: 'SIGTERM', timedOut: false });
    appendFileSync(path, 'late\n');
    await new Promise((r) => setTimeout(r, 50));
    expect(data).toBe('');
    await expect(own.run(['true'], { timeoutMs: 1000 })).rejects.toMatchObject({ kind: 'cancelled' });
  });
});
