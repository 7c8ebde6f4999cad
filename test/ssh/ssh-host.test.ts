/**
 * SshHost against a real OpenSSH server on loopback: the Host conformance
 * suite (test/helpers/host-conformance.ts, the same checks LocalHost passes)
 * and what only a host over SSH does: sudo on the box, copies over SFTP that
 * resume and check SHA-256 on both sides, HTTP through direct-tcpip that
 * asks the server to close and refuses a forged request line, and tails
 * that leave no `tail` running on the box.
 */
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProcessDiscovery } from '../../src/main/discovery/process-discovery';
import type { Host } from '../../src/main/host/host';
import { SshHost } from '../../src/main/ssh/ssh-host';
import { describeHostConformance, serveOnLoopback, type LoopbackServer } from '../helpers/host-conformance';
import { makeKey, sshEnvironment, startSshd, testDir, writeKnownHosts, type KeyPair, type SshServer } from '../helpers/sshd';

const dir = testDir('gclens-ssh-host-');
let server: SshServer;
let key: KeyPair;
let host: SshHost;

function connect(): Promise<SshHost> {
  return SshHost.connect(`root@127.0.0.1:${server.port}`, {
    environment: sshEnvironment(dir),
    overrides: { identityFiles: [key.path], knownHostsFile: join(dir, 'known_hosts') },
    killGraceMs: 300,
  });
}

beforeAll(async () => {
  key = await makeKey(dir, 'id_ed25519');
  server = await startSshd({ authorizedKeys: [key.publicKey] });
  writeKnownHosts(join(dir, 'known_hosts'), [server.knownHostsLine()]);
  host = await connect();
});

afterAll(async () => {
  await host?.dispose();
  await server?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** The `tail` programs running on the box for a file of this test's folder (from /proc: the box need not have ps). */
async function tailsOnBox(on: Host, name: string): Promise<string[]> {
  const pids = (await on.readDir('/proc')).filter((entry) => /^\d+$/.test(entry));
  const lines = await Promise.all(pids.map((pid) => on.readFile(`/proc/${pid}/cmdline`).then((argv) => argv.toString().split('\0').join(' ').trim(), () => '')));
  return lines.filter((line) => line.startsWith('tail -c') && line.includes(dir) && line.endsWith(name));
}

describeHostConformance('SshHost', connect, {
  dir,
  loginUser: 'root',
  selfExe: /sftp-server|sshd/,
  inodes: false,
  pollMs: 50,
  runAtDispose: 'cancelled',
  refusedMessage: /Connection refused/,
  missingStreamCode: 127,
  tailsWatching: async (on, name, count) => {
    let running: string[] = [];
    for (const deadline = Date.now() + 20_000; running.length < count && Date.now() < deadline; ) running = await tailsOnBox(on, name);
    expect(running).toHaveLength(count);
    // Running is not yet reading: give tail a moment to open the file.
    await new Promise((r) => setTimeout(r, 300));
  },
});

describe('SshHost only', () => {
  it('runs through sudo -n -u for another user than the login user', async () => {
    const viaSudo = await host.run(['id', '-un'], { timeoutMs: 10_000, asUser: 'nobody' }).catch((err: Error) => err);
    // Where sudo is installed it runs as nobody; where it is not, the error says so.
    if (viaSudo instanceof Error) expect(viaSudo.message).toMatch(/sudo is not installed|sudo refused/);
    else expect(viaSudo.stdout.toString()).toBe('nobody\n');
  });

  it('resumes a partial copy, and copies again from zero when the hashes disagree', async () => {
    const big = join(dir, 'resume-source.bin');
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7 + (i >> 11)) & 0xff;
    writeFileSync(big, bytes);

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

  it('leaves no tail running on the box after stop()', async () => {
    const tail = host.tailFile(join(dir, 'stop.log'), { onData: () => undefined });
    let running: string[] = [];
    for (const deadline = Date.now() + 20_000; running.length === 0 && Date.now() < deadline; ) running = await tailsOnBox(host, 'stop.log');
    expect(running).toHaveLength(1);
    await tail.stop();
    await new Promise((r) => setTimeout(r, 300));
    expect(await tailsOnBox(host, 'stop.log')).toEqual([]);
  });

  it('refuses calls after dispose() with a rejection, so callers that start several at once never leave one unhandled', async () => {
    const other = await connect();
    await other.dispose();
    await expect(other.readFile('/etc/hostname')).rejects.toThrow(/disposed/);
    // Discovery starts several reads at once: a synchronous throw from one left another's rejection
    // unhandled, which ended the whole serve process when a host was disconnected mid-listing.
    await expect(new ProcessDiscovery(other).list()).rejects.toThrow(/disposed/);
  });
});

describe('SshHost.httpGet through direct-tcpip', () => {
  let web: LoopbackServer;
  beforeAll(async () => {
    web = await serveOnLoopback((req, res) => {
      res.setHeader('Content-Type', 'text/plain');
      res.setHeader('Content-Length', '5');
      res.end(req.headers.connection === 'close' ? 'plain' : 'keeps');
    });
  });
  afterAll(() => web.close());

  it('reads a Content-Length body and the headers, asking the server to close', async () => {
    const response = await host.httpGet({ port: web.port, path: '/plain?x=1', timeoutMs: 10_000 });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain');
    expect(response.body.toString()).toBe('plain');
  });

  it('refuses a path that is not a path', async () => {
    await expect(host.httpGet({ port: web.port, path: '/x HTTP/1.1\r\nX-Evil: 1', timeoutMs: 10_000 })).rejects.toMatchObject({ kind: 'invalid-argument' });
  });
});
