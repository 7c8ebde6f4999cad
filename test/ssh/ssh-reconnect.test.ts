/**
 * The link drops and comes back: a TCP relay between gclens and sshd that the
 * test cuts (RST) or freezes (packets stop, so only SSH keepalives can tell),
 * and sshd itself stopped and started again on its port. A tail in progress
 * resumes from the last byte received with nothing lost and nothing twice;
 * the UI hears each state; a run in flight fails, a read waits for the link;
 * a copy resumes (by SFTP, and as another user through sudo); a link that
 * cannot come back ends in 'failed'.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fetchAsUser } from '../../src/main/collectors/fetch-as-user';
import type { LinkStateEvent } from '../../src/main/ssh/ssh-connection';
import { SshHost, type SshHostOptions } from '../../src/main/ssh/ssh-host';
import { makeKey, sshEnvironment, startSshd, startTcpProxy, testDir, writeKnownHosts, type SshServer, type TcpProxy } from '../helpers/sshd';

const dir = testDir('gclens-ssh-reconnect-');
let server: SshServer;
let proxy: TcpProxy;
let options: SshHostOptions;
const hosts: SshHost[] = [];

beforeAll(async () => {
  const key = await makeKey(dir, 'id_ed25519');
  server = await startSshd({ authorizedKeys: [key.publicKey] });
  proxy = await startTcpProxy(server.port);
  const hostKey = server.knownHostsLine().split(' ').slice(1).join(' ');
  const knownHosts = writeKnownHosts(join(dir, 'known_hosts'), [`[127.0.0.1]:${proxy.port} ${hostKey}`, server.knownHostsLine()]);
  options = {
    environment: sshEnvironment(dir),
    overrides: { identityFiles: [key.path], knownHostsFile: knownHosts },
    killGraceMs: 300,
    keepaliveIntervalMs: 200,
    keepaliveCountMax: 2,
    reconnect: { initialDelayMs: 50, maxDelayMs: 400 },
  };
});

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.dispose()));
});

afterAll(async () => {
  await proxy?.close();
  await server?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function connect(port: number, extra: Partial<SshHostOptions> = {}): Promise<{ host: SshHost; states: LinkStateEvent[] }> {
  const host = await SshHost.connect(`root@127.0.0.1:${port}`, { ...options, ...extra });
  hosts.push(host);
  const states: LinkStateEvent[] = [];
  host.onState((event) => states.push(event));
  return { host, states };
}

async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Appends numbered lines every few milliseconds until stopped. */
function writer(path: string) {
  let n = 0;
  const timer = setInterval(() => appendFileSync(path, `line ${n++} ${'x'.repeat(n % 50)}\n`), 3);
  return { stop: () => clearInterval(timer), lines: () => n };
}

/** Follows `path` from 0, keeping every chunk and where it said it starts. */
function follow(host: SshHost, path: string) {
  const seen = { chunks: [] as Array<{ offset: number; bytes: Buffer }>, resets: 0, errors: [] as string[] };
  const tail = host.tailFile(path, {
    fromOffset: 0,
    pollMs: 50,
    onData: (bytes, offset) => seen.chunks.push({ offset, bytes: Buffer.from(bytes) }),
    onReset: () => seen.resets++,
    onError: (err) => seen.errors.push(err.message),
  });
  const text = () => Buffer.concat(seen.chunks.map((c) => c.bytes));
  return { tail, seen, text };
}

/** Connects on `port` and follows a new file holding "one\n" until that line arrived. */
async function followOneLine(port: number, name: string) {
  const { host, states } = await connect(port);
  const path = join(dir, name);
  writeFileSync(path, 'one\n');
  const followed = follow(host, path);
  await until(() => followed.text().toString() === 'one\n', 'the first line');
  return { states, path, ...followed };
}

/** Each chunk starts where the one before it ended: no gap, no overlap. */
function expectContiguous(chunks: Array<{ offset: number; bytes: Buffer }>): void {
  let next = 0;
  for (const { offset, bytes } of chunks) {
    expect(offset).toBe(next);
    next += bytes.length;
  }
}

describe('a tail across a dropped link', () => {
  it('resumes after the connection is cut, with no byte lost or repeated', async () => {
    const { host, states } = await connect(proxy.port);
    const path = join(dir, 'cut.log');
    writeFileSync(path, 'before the tail\n');
    const lines = writer(path);
    const { tail, seen, text } = follow(host, path);
    await until(() => text().length > 4000, 'the first bytes');
    const before = proxy.connections();
    proxy.sever();
    await until(() => states.some((s) => s.state === 'connected'), 'the link to come back');
    await until(() => text().length > 20_000, 'bytes after the reconnect');
    lines.stop();
    await new Promise((r) => setTimeout(r, 50));
    const content = readFileSync(path);
    await until(() => text().length >= content.length, 'the tail to catch up');
    await tail.stop();
    expect(text().equals(content)).toBe(true);
    expectContiguous(seen.chunks);
    expect(tail.offset).toBe(content.length);
    expect(seen.resets).toBe(0);
    expect(proxy.connections()).toBeGreaterThan(before);
    expect(states.map((s) => s.state)).toEqual(['reconnecting', 'connected']);
    expect(states[0]).toMatchObject({ attempt: 1, reason: expect.stringMatching(/ECONNRESET|closed/) });
  });

  it('notices a link that went silent through keepalives, and resumes', async () => {
    const { host, states } = await connect(proxy.port);
    const path = join(dir, 'frozen.log');
    writeFileSync(path, '');
    const lines = writer(path);
    const { tail, seen, text } = follow(host, path);
    await until(() => text().length > 2000, 'the first bytes');
    proxy.freeze();
    await until(() => states.some((s) => s.state === 'connected'), 'keepalive to notice and the link to come back');
    expect(states[0]?.reason).toMatch(/Keepalive timeout/i);
    lines.stop();
    await new Promise((r) => setTimeout(r, 50));
    const content = readFileSync(path);
    await until(() => text().length >= content.length, 'the tail to catch up');
    await tail.stop();
    expect(text().equals(content)).toBe(true);
    expectContiguous(seen.chunks);
  });

  it('waits out a restart of sshd on the same port, reading what was written meanwhile', async () => {
    const { states, path, tail, seen, text } = await followOneLine(server.port, 'restart.log');
    // The session's own sshd process goes with the listener: the connection drops.
    await server.stop({ sessions: true });
    appendFileSync(path, 'written while sshd was down\n');
    await until(() => states.filter((s) => s.state === 'reconnecting').length >= 2, 'a failed reconnect attempt');
    await server.start();
    await until(() => text().toString() === 'one\nwritten while sshd was down\n', 'the lines written meanwhile');
    appendFileSync(path, 'after\n');
    await until(() => text().toString().endsWith('after\n'), 'the line after');
    await tail.stop();
    expect(text().toString()).toBe('one\nwritten while sshd was down\nafter\n');
    expectContiguous(seen.chunks);
    expect(states.at(-1)?.state).toBe('connected');
    // Backoff: each wait at least the one before it.
    const waits = states.filter((s) => s.state === 'reconnecting').map((s) => s.retryInMs!);
    expect(waits).toEqual([...waits].sort((a, b) => a - b));
  });

  it('reads from the start (onReset) a file truncated while the link was down', async () => {
    const { host, states } = await connect(proxy.port);
    const path = join(dir, 'truncated-meanwhile.log');
    writeFileSync(path, 'a long first version of the file\n');
    const { tail, seen, text } = follow(host, path);
    await until(() => text().length === 33, 'the first version');
    proxy.freeze();
    writeFileSync(path, 'short\n');
    await until(() => states.some((s) => s.state === 'connected'), 'the link to come back');
    await until(() => text().toString().endsWith('short\n'), 'the new version');
    await tail.stop();
    expect(seen.resets).toBe(1);
    expect(tail.offset).toBe(6);
  });

  it('reads the rest of a file renamed away while the link was down, then the new one from its start', async () => {
    const { states, path, tail, seen, text } = await followOneLine(proxy.port, 'rotated-meanwhile.log');
    proxy.sever();
    // The writer's last lines land in the old file, which is then renamed away and replaced.
    appendFileSync(path, 'two\n');
    renameSync(path, `${path}.1`);
    appendFileSync(`${path}.1`, 'three\n');
    writeFileSync(path, 'new\n');
    await until(() => states.some((s) => s.state === 'connected'), 'the link to come back');
    await until(() => text().toString().endsWith('new\n'), 'the new file');
    await tail.stop();
    expect(text().toString()).toBe('one\ntwo\nthree\nnew\n');
    expect(seen.resets).toBe(1);
    expect(seen.chunks.map((c) => c.offset)).toEqual([0, 4, 0]);
    expect(tail.offset).toBe(4);
  });
});

describe('other calls when the link drops', () => {
  it('fails a run in flight, ends a stream with an error, and lets a read wait for the link', async () => {
    const { host, states } = await connect(proxy.port);
    const started = join(dir, 'run-started');
    const running = host.run(['sh', '-c', 'touch "$1"; exec sleep 20', 'sh', started], { timeoutMs: 30_000 });
    const stream = host.spawnStream(['sleep', '20'], {});
    await until(() => stream.pid !== null && existsSync(started), 'the run and the stream to start');
    proxy.sever();
    await expect(running).rejects.toMatchObject({ kind: 'io', message: expect.stringMatching(/dropped while sh was running.*not retried/) });
    expect(await stream.exited).toMatchObject({ stopped: false, error: expect.stringMatching(/dropped while sleep was running/) });
    // Called while the link is down: it waits and answers.
    expect((await host.readFile('/proc/self/stat')).length).toBeGreaterThan(0);
    await until(() => states.at(-1)?.state === 'connected', 'connected');
    // The stream's program outlived its channel; once the link is back it is sent SIGTERM.
    await until(() => !isRunning(stream.pid!), 'the orphaned program to end');
  });

  it('resumes a copy whose link drops halfway', async () => {
    const { host } = await connect(proxy.port);
    const big = join(dir, 'big.bin');
    const bytes = Buffer.alloc(24 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i += 4096) bytes.writeUInt32LE(i, i);
    writeFileSync(big, bytes);
    let cut = false;
    const seen: number[] = [];
    await host.fetchFile(big, join(dir, 'big-copy.bin'), (done) => {
      seen.push(done);
      if (!cut && done > 4 * 1024 * 1024) {
        cut = true;
        proxy.sever();
      }
    });
    expect(cut).toBe(true);
    expect(readFileSync(join(dir, 'big-copy.bin')).equals(bytes)).toBe(true);
    expect(proxy.connections()).toBeGreaterThan(1);
  });

  it('resumes a copy made as another user (a heap dump only the JVM\u2019s user may read) whose link drops halfway', async () => {
    const { host } = await connect(proxy.port);
    const owned = join(dir, 'owned');
    mkdirSync(owned, { mode: 0o700 });
    const nobody = Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).trim());
    chmodSync(dir, 0o711);
    chownSync(owned, nobody, nobody);
    const dump = join(owned, 'dump.hprof');
    const bytes = Buffer.alloc(24 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i += 4096) bytes.writeUInt32LE(i, i);
    writeFileSync(dump, bytes, { mode: 0o600 });
    chownSync(dump, nobody, nobody);
    const before = proxy.connections();
    let cut = false;
    const seen: Array<[number, number]> = [];
    await fetchAsUser(host, dump, join(dir, 'owned-copy.bin'), 'nobody', (done, total) => {
      seen.push([done, total]);
      if (!cut && done > 4 * 1024 * 1024) {
        cut = true;
        proxy.sever();
      }
    });
    expect(cut).toBe(true);
    expect(readFileSync(join(dir, 'owned-copy.bin')).equals(bytes)).toBe(true);
    expect(proxy.connections()).toBeGreaterThan(before);
    // Progress never goes back: the second stream starts at the last byte written here.
    expect(seen.map(([done]) => done)).toEqual([...seen.map(([done]) => done)].sort((a, b) => a - b));
    expect(seen.at(-1)).toEqual([bytes.length, bytes.length]);
  });

  it("ends in 'failed' when the server stays away, and reconnect() brings it back", async () => {
    const { host, states } = await connect(server.port, { reconnect: { initialDelayMs: 50, maxDelayMs: 100, maxAttempts: 2 } });
    await server.stop({ sessions: true });
    await until(() => states.at(-1)?.state === 'failed', "the 'failed' state");
    expect(states.filter((s) => s.state === 'reconnecting')).toHaveLength(2);
    expect(states.at(-1)?.reason).toMatch(/ECONNREFUSED/);
    await expect(host.readFile('/etc/hostname')).rejects.toMatchObject({ kind: 'io', message: expect.stringContaining('is down') });
    await server.start();
    host.connection.reconnect();
    await until(() => states.at(-1)?.state === 'connected', 'connected');
    expect((await host.run(['true'], { timeoutMs: 10_000 })).code).toBe(0);
  });
});

/** Alive and not a zombie (ended, waiting for init to reap it). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
