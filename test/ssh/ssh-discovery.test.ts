/**
 * Process discovery through SshHost, unchanged: the gcleak Go fixture runs on
 * this machine, which is also the "box" behind the loopback sshd, so the
 * entry found over SSH must be the one LocalHost finds: same pid, program,
 * Go version, module, gctrace, stderr file, pprof and expvar (probed through
 * direct-tcpip), start time. Then a collector-style tail of its gctrace file
 * over SSH.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { GoProcessInfo } from '../../src/shared/process-info';
import { ProcessDiscovery } from '../../src/main/discovery/process-discovery';
import { LocalHost } from '../../src/main/host/local-host';
import { SshHost } from '../../src/main/ssh/ssh-host';
import { buildGoFixture } from '../helpers/go-fixture';
import { makeKey, sshEnvironment, startSshd, testDir, writeKnownHosts, type SshServer } from '../helpers/sshd';

const dir = testDir('gclens-ssh-discovery-');
const stderrFile = join(dir, 'gcleak stderr.log');
const local = new LocalHost();
let server: SshServer;
let ssh: SshHost;
let gcleak: ChildProcess;
let port: number;

beforeAll(async () => {
  const [binary, key] = await Promise.all([buildGoFixture('gcleak'), makeKey(dir, 'id_ed25519')]);
  server = await startSshd({ authorizedKeys: [key.publicKey] });
  const knownHosts = writeKnownHosts(join(dir, 'known_hosts'), [server.knownHostsLine()]);
  ssh = await SshHost.connect(`root@127.0.0.1:${server.port}`, { environment: sshEnvironment(dir), overrides: { identityFiles: [key.path], knownHostsFile: knownHosts } });

  const env: NodeJS.ProcessEnv = { ...process.env, GODEBUG: 'gctrace=1' };
  const stderrFd = openSync(stderrFile, 'w');
  gcleak = spawn(binary, ['-mode', 'healthy', '-duration', '0', '-tick', '100ms', '-garbage-bytes-per-tick', '262144', '-pprof-addr', '127.0.0.1:0'], { env, stdio: ['ignore', 'pipe', stderrFd] });
  closeSync(stderrFd);
  let text = '';
  gcleak.stdout!.setEncoding('utf8');
  port = await new Promise<number>((resolve, reject) => {
    gcleak.stdout!.on('data', (chunk: string) => {
      text += chunk;
      const match = /pprof listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(text);
      if (match) resolve(Number(match[1]));
    });
    gcleak.once('exit', (code) => reject(new Error(`gcleak exited with ${code} before listening:\n${text}`)));
  });
});

afterAll(async () => {
  gcleak?.kill('SIGKILL');
  await ssh?.dispose();
  await local.dispose();
  await server?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** The fields that do not move while the process runs (RSS and uptime do). */
function stable(info: GoProcessInfo) {
  const { rssBytes: _rss, uptimeSec: _uptime, ...rest } = info;
  return rest;
}

it('finds the Go process over SSH exactly as it is found locally', async () => {
  const [overSsh, here] = await Promise.all([new ProcessDiscovery(ssh).list(), new ProcessDiscovery(local).list()]);
  const remote = overSsh.find((p) => p.pid === gcleak.pid) as GoProcessInfo | undefined;
  const mine = here.find((p) => p.pid === gcleak.pid) as GoProcessInfo | undefined;
  expect(remote).toBeDefined();
  expect(mine).toBeDefined();
  expect(stable(remote!)).toEqual(stable(mine!));
  expect(remote).toMatchObject({
    runtime: 'go',
    mainModule: 'gclens.test/gcleak',
    container: false,
    offers: {
      gctrace: 'on',
      stderr: { kind: 'file', path: stderrFile },
      listenPorts: [port],
      pprof: { host: '127.0.0.1', port, path: '/debug/pprof/' },
      expvar: { host: '127.0.0.1', port, path: '/debug/vars' },
    },
  });
  expect(remote!.rssBytes).toBeGreaterThan(1024 * 1024);
  // The same processes, whichever way they were listed (those that lived through both passes).
  const pids = (list: { pid: number }[]) => new Set(list.map((p) => p.pid));
  expect([...pids(overSsh)].filter((pid) => pids(here).has(pid))).toContain(gcleak.pid);
});

it('describes it by pid, and reads its pprof heap and gctrace through the SSH host', async () => {
  const described = (await new ProcessDiscovery(ssh).describe(gcleak.pid!)) as GoProcessInfo;
  const heap = await ssh.httpGet({ ...described.offers.pprof!, path: '/debug/pprof/heap?debug=1', timeoutMs: 20_000 });
  expect(heap.status).toBe(200);
  expect(heap.body.toString()).toMatch(/^heap profile: /);
  let text = '';
  const tail = ssh.tailFile(described.offers.stderr.path!, { fromOffset: 0, pollMs: 50, onData: (chunk) => (text += chunk.toString()) });
  // gcleak forces a collection 1.5 s after it starts.
  while (!/^gc \d+ @[\d.]+s .*\(forced\)$/m.test(text)) await new Promise((r) => setTimeout(r, 50));
  await tail.stop();
});
