/**
 * `gclens ps --host` and `gclens attach --host` as a person runs them: the
 * built CLI (out/main/cli.js, through bin/gclens.js) against the loopback
 * sshd, with -i and --known-hosts, its home folder a temporary one so the
 * machine's own ~/.ssh and agent play no part. A known key lists the gcleak
 * fixture; an unknown or changed key fails with exit 1 and says why, since
 * the CLI has nobody to ask (OpenSSH's BatchMode).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildGoFixture } from '../helpers/go-fixture';
import { makeKey, startSshd, testDir, writeKnownHosts, type KeyPair, type SshServer } from '../helpers/sshd';

const REPO_ROOT = resolve(__dirname, '../..');
const dir = testDir('gclens-ssh-cli-');
let server: SshServer;
let key: KeyPair;
let gcleak: ChildProcess;

beforeAll(async () => {
  if (!existsSync(join(REPO_ROOT, 'out/main/cli.js'))) throw new Error('out/main/cli.js is missing: run `npm run build` first (`npm test` builds before the tests)');
  const binary = await buildGoFixture('gcleak');
  key = await makeKey(dir, 'id_ed25519');
  server = await startSshd({ authorizedKeys: [key.publicKey] });
  const stderrFd = openSync(join(dir, 'gcleak.stderr.log'), 'w');
  gcleak = spawn(binary, ['-mode', 'healthy', '-duration', '0', '-tick', '100ms', '-pprof-addr', '127.0.0.1:0'], { env: { ...process.env, GODEBUG: 'gctrace=1' }, stdio: ['ignore', 'pipe', stderrFd] });
  closeSync(stderrFd);
  let text = '';
  gcleak.stdout!.setEncoding('utf8');
  await new Promise<void>((done, reject) => {
    gcleak.stdout!.on('data', (chunk: string) => (text += chunk) && /pprof listening on/.test(text) && done());
    gcleak.once('exit', (code) => reject(new Error(`gcleak exited with ${code} before listening:\n${text}`)));
  });
});

afterAll(async () => {
  gcleak?.kill('SIGKILL');
  await server?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

function gclens(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: dir, GCLENS_SESSIONS_DIR: join(dir, 'sessions') };
  delete env.SSH_AUTH_SOCK;
  return new Promise((done) => {
    execFile(process.execPath, [join(REPO_ROOT, 'bin/gclens.js'), ...args], { env, timeout: 120_000 }, (err, stdout, stderr) => {
      done({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr });
    });
  });
}

const destination = () => `root@127.0.0.1:${server.port}`;

it('ps --host lists the process on the box as JSON', async () => {
  const knownHosts = writeKnownHosts(join(dir, 'known_hosts'), [server.knownHostsLine()]);
  const { code, stdout, stderr } = await gclens(['ps', '--host', destination(), '-i', key.path, '--known-hosts', knownHosts, '--json', '--fast']);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const listed = JSON.parse(stdout) as Array<{ pid: number; runtime: string }>;
  expect(listed.find((p) => p.pid === gcleak.pid)).toMatchObject({ pid: gcleak.pid, runtime: 'go' });
});

it('attach --host records the process over SSH', async () => {
  const knownHosts = writeKnownHosts(join(dir, 'known_hosts'), [server.knownHostsLine()]);
  const out = join(dir, 'attach-session');
  const { code, stdout, stderr } = await gclens(['attach', '--host', destination(), '-i', key.path, '--known-hosts', knownHosts, '--duration', '3s', '--out', out, '--json', String(gcleak.pid)]);
  expect(code, stderr).toBe(0);
  expect(stderr).toContain(`on ${destination()}`);
  expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toMatchObject({ session: out });
});

it('refuses a changed host key: exit 1 and OpenSSH\u2019s warning', async () => {
  const other = await makeKey(dir, 'impostor');
  const knownHosts = writeKnownHosts(join(dir, 'known_hosts_changed'), [`[127.0.0.1]:${server.port} ${other.publicKey.split(' ').slice(0, 2).join(' ')}`]);
  const { code, stdout, stderr } = await gclens(['ps', '--host', destination(), '-i', key.path, '--known-hosts', knownHosts, '--json']);
  expect(code).toBe(1);
  expect(stdout).toBe('');
  expect(stderr).toContain('WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!');
  expect(stderr).toContain('Host key verification failed.');
});

it('refuses an unknown host key: exit 1, and says to add it with ssh first', async () => {
  const knownHosts = writeKnownHosts(join(dir, 'known_hosts_empty'), []);
  const { code, stderr } = await gclens(['ps', '--host', destination(), '-i', key.path, '--known-hosts', knownHosts]);
  expect(code).toBe(1);
  expect(stderr).toContain(`The authenticity of host '[127.0.0.1]:${server.port}' can't be established`);
  expect(stderr).toContain(`Host key verification failed. Connect once with ssh to check the fingerprint and add the key (ssh -o UserKnownHostsFile=${knownHosts} ${destination()})`);
});

it('takes -i and --known-hosts only with --host', async () => {
  const { code, stderr } = await gclens(['ps', '-i', key.path]);
  expect(code).toBe(2);
  expect(stderr).toContain('-i and --known-hosts go with --host');
});
