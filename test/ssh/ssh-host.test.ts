/**
 * SshHost against a real OpenSSH server on loopback, call by call, with the
 * behaviour LocalHost has (src/main/host/local-host.test.ts): runs with exit
 * codes, time limits, output caps and environment; files over SFTP (/proc
 * ones too); tails that see truncation and rotation; HTTP through
 * direct-tcpip with both body framings; copies with progress, resume and a
 * SHA-256 check; streams with the program's pid on the box.
 */
import { appendFileSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TailHandle } from '../../src/main/host/host';
import { SshHost } from '../../src/main/ssh/ssh-host';
import { makeKey, sshEnvironment, startSshd, testDir, writeKnownHosts, type SshServer } from '../helpers/sshd';

const dir = testDir('gclens-ssh-host-');
let server: SshServer;
let host: SshHost;

beforeAll(async () => {
  const key = await makeKey(dir, 'id_ed25519');
  server = await startSshd({ authorizedKeys: [key.publicKey] });
  const knownHosts = writeKnownHosts(join(dir, 'known_hosts'), [server.knownHostsLine()]);
  host = await SshHost.connect(`root@127.0.0.1:${server.port}`, { environment: sshEnvironment(dir), overrides: { identityFiles: [key.path], knownHostsFile: knownHosts }, killGraceMs: 300 });
});

afterAll(async () => {
  await host?.dispose();
  await server?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** Polls until `check` holds; after 20 s it fails, saying what it saw. */
async function until(check: () => boolean, seen: () => unknown = () => ''): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out; saw ${JSON.stringify(seen())}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('SshHost.run', () => {
  it('answers the exit code, stdout and stderr', async () => {
    const result = await host.run(['sh', '-c', 'echo out; echo oops >&2; exit 3'], { timeoutMs: 10_000 });
    expect(result).toMatchObject({ code: 3, signal: null, timedOut: false, truncated: false });
    expect(result.stdout.toString()).toBe('out\n');
    expect(result.stderr.toString()).toBe('oops\n');
  });

  it('ends a program past its time limit and says it timed out', async () => {
    const started = Date.now();
    const result = await host.run(['sleep', '30'], { timeoutMs: 300 });
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

  it('runs directly when asUser is the login user, and through sudo -n -u otherwise', async () => {
    expect((await host.run(['id', '-un'], { timeoutMs: 10_000, asUser: 'root' })).stdout.toString()).toBe('root\n');
    const viaSudo = await host.run(['id', '-un'], { timeoutMs: 10_000, asUser: 'nobody' }).catch((err: Error) => err);
    // Where sudo is installed it runs as nobody; where it is not, the error says so.
    if (viaSudo instanceof Error) expect(viaSudo.message).toMatch(/sudo is not installed|sudo refused/);
    else expect(viaSudo.stdout.toString()).toBe('nobody\n');
    await expect(host.run(['id'], { timeoutMs: 1000, asUser: '-u root' })).rejects.toMatchObject({ kind: 'invalid-argument' });
  });
});

describe('SshHost files over SFTP', () => {
  const file = join(dir, 'file.txt');

  it('reads a whole file, or a range of it, and says a missing one is not found', async () => {
    writeFileSync(file, '0123456789');
    expect((await host.readFile(file)).toString()).toBe('0123456789');
    expect((await host.readFile(file, { offset: 3, maxBytes: 4 })).toString()).toBe('3456');
    expect((await host.readFile(file, { offset: 8, maxBytes: 100 })).toString()).toBe('89');
    await expect(host.readFile(join(dir, 'nope'))).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('reads /proc files, which report size 0, to their end', async () => {
    const text = (await host.readFile('/proc/self/status')).toString();
    expect(text).toMatch(/^Name:\s+\S+$/m);
    expect(text).toMatch(/^VmFlags|^voluntary_ctxt_switches/m);
    expect((await host.stat('/proc/self/status'))?.size).toBe(0);
  });

  it('stats, lists and reads links; missing paths are null', async () => {
    writeFileSync(file, '0123456789');
    expect(await host.stat(file)).toMatchObject({ size: 10, isFile: true, isDirectory: false, inode: null });
    expect(await host.stat(dir)).toMatchObject({ isFile: false, isDirectory: true });
    expect(await host.stat(join(dir, 'nope'))).toBeNull();
    expect(await host.readDir(dir)).toContain('file.txt');
    expect(await host.readDir(dir)).not.toContain('.');
    symlinkSync(file, join(dir, 'link'));
    expect(await host.readLink(join(dir, 'link'))).toBe(file);
    expect(await host.readLink(join(dir, 'nope'))).toBeNull();
    expect(await host.readLink(file)).toBeNull();
    expect(await host.readLink('/proc/self/exe')).toMatch(/sftp-server|sshd/);
  });

  it('copies a file with progress, resumes a partial copy, and checks SHA-256 on both sides', async () => {
    const big = join(dir, 'big.bin');
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7 + (i >> 11)) & 0xff;
    writeFileSync(big, bytes);
    const progress: Array<[number, number]> = [];
    await host.fetchFile(big, join(dir, 'copy.bin'), (done, total) => progress.push([done, total]));
    expect(readFileSync(join(dir, 'copy.bin')).equals(bytes)).toBe(true);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toEqual([bytes.length, bytes.length]);

    // A first megabyte already here: the copy goes on from it.
    const partial = join(dir, 'partial.bin');
    writeFileSync(partial, bytes.subarray(0, 1024 * 1024));
    const resumed: number[] = [];
    await host.fetchFile(big, partial, (done) => resumed.push(done));
    expect(resumed[0]).toBe(1024 * 1024);
    expect(readFileSync(partial).equals(bytes)).toBe(true);

    // A partial copy of something else: the hashes disagree, so it is copied again from zero.
    const stale = join(dir, 'stale.bin');
    writeFileSync(stale, Buffer.alloc(1000, 0xee));
    await host.fetchFile(big, stale);
    expect(readFileSync(stale).equals(bytes)).toBe(true);
    await expect(host.fetchFile(join(dir, 'nope'), join(dir, 'x'))).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('fails a copy whose file changes on the box while it is copied', async () => {
    const growing = join(dir, 'growing.bin');
    writeFileSync(growing, Buffer.alloc(8 * 1024 * 1024, 1));
    let appended = false;
    const copy = host.fetchFile(growing, join(dir, 'growing-copy.bin'), () => {
      if (!appended) appendFileSync(growing, 'more');
      appended = true;
    });
    await expect(copy).rejects.toThrow(/arrived damaged: SHA-256 [0-9a-f]{64} here, [0-9a-f]{64} on the box/);
  });
});

describe('SshHost.tailFile', () => {
  const tails: TailHandle[] = [];
  afterEach(async () => {
    await Promise.all(tails.splice(0).map((t) => t.stop()));
  });

  function follow(path: string, fromOffset?: number) {
    const seen = { text: '', resets: [] as string[], offsets: [] as number[], errors: [] as Error[] };
    const tail = host.tailFile(path, {
      fromOffset,
      pollMs: 50,
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

  it('follows from the end by default, and from an offset when told', async () => {
    const path = join(dir, 'app.log');
    writeFileSync(path, 'old\n');
    const fromEnd = follow(path);
    const fromStart = follow(path, 0);
    await until(() => fromStart.seen.text === 'old\n');
    // Wait for the follower from the end to be running before writing.
    await until(() => fromEnd.tail.offset === 4);
    await new Promise((r) => setTimeout(r, 300));
    appendFileSync(path, 'new\n');
    await until(() => fromEnd.seen.text === 'new\n' && fromStart.seen.text === 'old\nnew\n');
    expect(fromEnd.seen.offsets).toEqual([4]);
    expect(fromEnd.tail.offset).toBe(8);
  });

  it('sees truncation and rotation as tail -F reports them, and reads on from the start', async () => {
    const path = join(dir, 'rotating.log');
    writeFileSync(path, 'first\n');
    const { seen, tail } = follow(path, 0);
    await until(() => seen.text === 'first\n');
    truncateSync(path, 0);
    // tail -F sees a truncation only while the file is shorter than what it read (so does LocalHost's tail).
    await until(() => seen.resets.length === 1, () => seen);
    appendFileSync(path, 'after truncate\n');
    await until(() => seen.text.endsWith('after truncate\n'));
    expect(seen.resets).toEqual(['truncated']);
    expect(tail.offset).toBe('after truncate\n'.length);

    renameSync(path, `${path}.1`);
    writeFileSync(path, 'rotated\n');
    await until(() => seen.text.endsWith('rotated\n'));
    expect(seen.resets).toEqual(['truncated', 'rotated']);
    expect(seen.text).toBe('first\n<truncated>after truncate\n<rotated>rotated\n');
    expect(tail.offset).toBe('rotated\n'.length);
    expect(seen.errors).toEqual([]);
  });

  /** The `tail` programs running on the box for a file of this test's folder (from /proc: the box need not have ps). */
  async function tailsOnBox(name: string): Promise<string[]> {
    const pids = (await host.readDir('/proc')).filter((entry) => /^\d+$/.test(entry));
    const lines = await Promise.all(pids.map((pid) => host.readFile(`/proc/${pid}/cmdline`).then((argv) => argv.toString().split('\0').join(' ').trim(), () => '')));
    return lines.filter((line) => line.startsWith('tail -c') && line.includes(dir) && line.endsWith(name));
  }

  it('waits for a file that does not exist yet, and leaves no tail running on the box after stop()', async () => {
    const path = join(dir, 'later.log');
    const { seen, tail } = follow(path);
    // Created before the tail runs, the file would count as there from the start (read from its end).
    let running: string[] = [];
    for (const deadline = Date.now() + 20_000; running.length === 0 && Date.now() < deadline; ) running = await tailsOnBox('later.log');
    expect(running).toHaveLength(1);
    writeFileSync(path, 'born\n');
    await until(() => seen.text === 'born\n', () => seen);
    await tail.stop();
    await new Promise((r) => setTimeout(r, 300));
    expect(await tailsOnBox('later.log')).toEqual([]);
  });
});

describe('SshHost.httpGet through direct-tcpip', () => {
  let web: Server;
  let port: number;

  beforeAll(async () => {
    web = createServer((req, res) => {
      if (req.url === '/chunked') {
        res.write('hello ');
        setTimeout(() => res.end('world'), 20);
      } else if (req.url === '/big') {
        res.end(Buffer.alloc(5000, 0x61));
      } else {
        res.setHeader('Content-Type', 'text/plain');
        res.setHeader('Content-Length', '5');
        res.end(req.headers.connection === 'close' ? 'plain' : 'keeps');
      }
    });
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    port = (web.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => web.close(() => resolve())));

  it('reads a Content-Length body and the headers', async () => {
    const response = await host.httpGet({ port, path: '/plain?x=1', timeoutMs: 10_000 });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain');
    expect(response.body.toString()).toBe('plain');
  });

  it('reads a chunked body', async () => {
    const response = await host.httpGet({ port, path: '/chunked', timeoutMs: 10_000 });
    expect(response.headers['transfer-encoding']).toBe('chunked');
    expect(response.body.toString()).toBe('hello world');
  });

  it('refuses a body past maxBytes, a closed port, and a path that is not a path', async () => {
    await expect(host.httpGet({ port, path: '/big', timeoutMs: 10_000, maxBytes: 100 })).rejects.toThrow(/larger than 100 bytes/);
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const free = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(free));
      });
    });
    await expect(host.httpGet({ port: closed, path: '/', timeoutMs: 10_000 })).rejects.toMatchObject({ kind: 'io' });
    await expect(host.httpGet({ port, path: '/x HTTP/1.1\r\nX-Evil: 1', timeoutMs: 10_000 })).rejects.toMatchObject({ kind: 'invalid-argument' });
  });
});

describe('SshHost.spawnStream', () => {
  it('hands output over as it comes, knows the pid on the box, and stop() ends it', async () => {
    let out = '';
    let err = '';
    const stream = host.spawnStream(['sh', '-c', 'echo started; echo to-stderr >&2; exec sleep 30'], { onStdout: (c) => (out += c.toString()), onStderr: (c) => (err += c.toString()) });
    await until(() => out === 'started\n' && err === 'to-stderr\n' && stream.pid !== null);
    const comm = await host.readFile(`/proc/${stream.pid}/comm`);
    expect(comm.toString()).toBe('sleep\n');
    const exit = await stream.stop();
    expect(exit).toMatchObject({ stopped: true, signal: 'SIGTERM', error: null });
    expect(await host.stat(`/proc/${stream.pid}`)).toBeNull();
  });

  it('ends a program at its time limit, and says when the program does not exist', async () => {
    const timed = host.spawnStream(['sleep', '30'], { timeoutMs: 300 });
    expect(await timed.exited).toMatchObject({ timedOut: true, stopped: false, signal: 'SIGTERM' });
    const missing = host.spawnStream(['gclens-no-such-program'], {});
    expect((await missing.exited).error).toMatch(/gclens-no-such-program: program not found/);
  });
});

describe('SshHost.dispose', () => {
  it('ends its tails and streams, and refuses calls afterwards', async () => {
    const key = await makeKey(dir, 'id_dispose');
    writeFileSync(join(server.dir, 'authorized_keys'), `${readFileSync(join(server.dir, 'authorized_keys'), 'utf8')}${key.publicKey}\n`);
    const other = await SshHost.connect(`root@127.0.0.1:${server.port}`, { environment: sshEnvironment(dir), overrides: { identityFiles: [key.path], knownHostsFile: join(dir, 'known_hosts') } });
    mkdirSync(join(dir, 'd'), { recursive: true });
    writeFileSync(join(dir, 'd/x.log'), '');
    const stream = other.spawnStream(['sleep', '30'], {});
    other.tailFile(join(dir, 'd/x.log'), { onData: () => {} });
    await until(() => stream.pid !== null);
    await other.dispose();
    expect(await stream.exited).toMatchObject({ stopped: true });
    expect(() => other.readFile('/etc/hostname')).toThrow(/disposed/);
  });
});
