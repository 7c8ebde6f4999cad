/**
 * Issue #7: jcmd and jstat only talk to a JVM of their own uid. Here the SSH
 * login user (gclens-ssh) is not the JVM's user (gclens-jvm), both made for
 * the test and removed after it: without a sudoers rule every JVM call says
 * that it needs the JVM's user and how to get it; with
 * `gclens-ssh ALL=(gclens-jvm) NOPASSWD: ALL` discovery and attach work
 * through `sudo -n -u gclens-jvm`, which the running jstat shows. A heap
 * dump cannot be copied in this set-up yet (HotSpot writes it 0600 and SFTP
 * reads as the login user): the error must say so and where it stays.
 *
 * Needs root (useradd, sudoers) and sudo, like the other SSH tests need
 * sshd: missing ones fail loudly.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AttachSnapshot, AttachView, EventChannel, EventMap, HostInfo } from '../../src/shared/contract';
import type { JvmProcessInfo } from '../../src/shared/process-info';
import type { Result } from '../../src/shared/result';
import { createBackend, type Backend } from '../../src/main/core/backend';
import { compileJavaFixture } from '../helpers/java-fixture';
import { makeKey, sshEnvironment, startSshd, testDir, writeKnownHosts, type KeyPair, type SshServer } from '../helpers/sshd';

const LOGIN = 'gclens-ssh';
const OWNER = 'gclens-jvm';
const SUDOERS = '/etc/sudoers.d/gclens-ssh-jvm-test';
const dir = testDir('gclens-ssh-jvm-users-');
const jvmDir = join(dir, 'jvm');
const logPath = join(jvmDir, 'gc.log');
let server: SshServer;
let key: KeyPair;
let knownHostsFile: string;
let backend: Backend;
let jvm: ChildProcess;
let jvmOutput = '';

function sh(file: string, args: string[]): string {
  return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function removeUsers(): void {
  rmSync(SUDOERS, { force: true });
  for (const user of [LOGIN, OWNER]) {
    try {
      sh('userdel', ['-r', '-f', user]);
    } catch {
      // not there
    }
  }
}

const uidOf = (user: string) => Number(sh('id', ['-u', user]).trim());

beforeAll(async () => {
  if (process.getuid?.() !== 0) throw new Error('This test makes users and a sudoers rule: run it as root (CI does).');
  if (!existsSync('/usr/bin/sudo')) throw new Error('sudo is required by this test (apt-get install sudo; .ci/run installs it).');
  removeUsers(); // left over from a killed run
  // '*': no password, yet not locked ('!'), which sshd without PAM refuses.
  sh('useradd', ['-m', '-p', '*', '-s', '/bin/sh', LOGIN]);
  sh('useradd', ['-M', '-s', '/usr/sbin/nologin', OWNER]);
  key = await makeKey(dir, 'id_ed25519');
  server = await startSshd({ authorizedKeys: [key.publicKey] });
  // sshd reads authorized_keys as the login user.
  chmodSync(server.dir, 0o711);
  chmodSync(join(server.dir, 'authorized_keys'), 0o644);
  knownHostsFile = writeKnownHosts(join(dir, 'known_hosts'), [server.knownHostsLine()]);

  // The JVM's own folder, which the login user may read (the GC log) but not write.
  chmodSync(dir, 0o755);
  mkdirSync(jvmDir, { mode: 0o755 });
  chownSync(jvmDir, uidOf(OWNER), uidOf(OWNER));
  // The compiled classes sit in a folder only root may enter: the JVM's user gets copies.
  const classes = await compileJavaFixture('HeapGrowth');
  for (const name of readdirSync(classes)) copyFileSync(join(classes, name), join(jvmDir, name));
  jvm = spawn('java', ['-XX:+UseG1GC', '-Xmx256m', `-Xlog:gc*:file=${logPath}:uptime,level,tags`, '-cp', jvmDir, 'HeapGrowth', '600', '2000', '0'], {
    cwd: jvmDir,
    uid: uidOf(OWNER),
    gid: uidOf(OWNER),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [jvm.stdout!, jvm.stderr!]) stream.setEncoding('utf8').on('data', (chunk: string) => (jvmOutput += chunk));
  await until('the JVM to start', () => /^ready$/m.test(jvmOutput) || jvm.exitCode !== null);
  if (jvm.exitCode !== null) throw new Error(`the JVM as ${OWNER} exited with ${jvm.exitCode}:\n${jvmOutput}`);

  backend = createBackend({
    transport: 'serve',
    emit: <E extends EventChannel>(_channel: E, _payload: EventMap[E]) => {},
    sessionsDir: join(dir, 'sessions'),
    updateIntervalMs: 200,
    sshEnvironment: sshEnvironment(dir),
  });
});

afterAll(async () => {
  await backend?.dispose();
  jvm?.kill('SIGKILL');
  await server?.dispose();
  removeUsers();
  rmSync(dir, { recursive: true, force: true });
});

async function call<T>(channel: string, request?: unknown): Promise<T> {
  const result = (await backend.dispatch(channel, request)) as Result<T>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const connect = async () => (await call<HostInfo>('hosts:connect', { destination: `${LOGIN}@127.0.0.1:${server.port}`, identityFile: key.path, knownHostsFile })).hostId;
const state = (attachId: string) => call<AttachView>('session:state', { attachId });

/** The uid and parent command of each `jstat … PID` on this machine (the box). */
function jstatRunners(pid: number): Array<{ uid: number; parents: string[] }> {
  const runners = [];
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    if (!argv[0]?.endsWith('jstat') || !argv.includes(String(pid))) continue;
    const status = readFileSync(`/proc/${entry}/status`, 'utf8');
    const parents: string[] = [];
    for (let ppid = Number(/^PPid:\s+(\d+)/m.exec(status)![1]); ppid > 1 && parents.length < 4; ) {
      parents.push(readFileSync(`/proc/${ppid}/comm`, 'utf8').trim());
      ppid = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${ppid}/status`, 'utf8'))![1]);
    }
    runners.push({ uid: Number(/^Uid:\s+(\d+)/m.exec(status)![1]), parents });
  }
  return runners;
}

it('says that jcmd needs the JVM\u2019s user when the SSH user may not sudo to it', async () => {
  const hostId = await connect();
  const described = await call<JvmProcessInfo>('targets:describe', { pid: jvm.pid, hostId });
  expect(described).toMatchObject({ runtime: 'jvm', user: OWNER, offers: { gcLogs: null } });
  // Once, not once per jcmd discovery would have run.
  expect(described.notes.filter((note) => note.includes('sudo'))).toEqual([
    expect.stringMatching(
      new RegExp(
        `^jcmd attaches only as the JVM's own user \\(${OWNER}\\) or root, so gclens runs it through sudo -n -u ${OWNER}, which failed: ` +
          `sudo refused to run jcmd as ${OWNER} on ${LOGIN}@127\\.0\\.0\\.1:\\d+ \\(sudo: a password is required\\)\\. .* allow it without one in sudoers on the box, or log in as ${OWNER}\\.$`,
      ),
    ),
  ]);

  const view = await call<AttachView>('session:attach', { pid: jvm.pid, hostId });
  const jstat = async () => (await state(view.attachId)).collectors.find((c) => c.name === 'jstat');
  await until('jstat to fail', async () => /sudo refused/.test((await jstat())?.detail ?? ''), 60_000);
  expect((await jstat())!.detail).toContain(`jstat attaches only as the JVM's own user (${OWNER}) or root, so gclens runs it through sudo -n -u ${OWNER}, which failed: sudo refused`);
  const histogram = await backend.dispatch('session:snapshot', { attachId: view.attachId, kind: 'class-histogram' });
  expect(histogram).toMatchObject({ ok: false, error: { message: expect.stringContaining(`jcmd attaches only as the JVM's own user (${OWNER}) or root`) } });
  await call('session:detach', { attachId: view.attachId });
  await call('hosts:disconnect', { hostId });
});

it('runs jcmd and jstat through sudo -n -u <the JVM\u2019s user> where sudoers allows it', async () => {
  writeFileSync(SUDOERS, `${LOGIN} ALL=(${OWNER}) NOPASSWD: ALL\n`, { mode: 0o440 });
  const hostId = await connect();
  const [remote, local] = await Promise.all([call<JvmProcessInfo>('targets:describe', { pid: jvm.pid, hostId }), call<JvmProcessInfo>('targets:describe', { pid: jvm.pid })]);
  expect(remote.notes).toEqual(['The program file (/proc/PID/exe) is readable only by its user or root.', expect.stringContaining('Native memory tracking is off')]);
  expect(remote.offers.gcLogs).toEqual(local.offers.gcLogs);
  expect(remote.offers.gcLogs).toEqual([expect.objectContaining({ output: 'file', path: logPath, source: 'vm-log' })]);
  expect(remote.version).toBe(local.version);

  const view = await call<AttachView>('session:attach', { pid: jvm.pid, hostId });
  expect(view.collectors).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'gc-log', state: 'running', detail: logPath })]));
  await until('jstat samples', async () => (await state(view.attachId)).jstat.length >= 2);
  const runners = jstatRunners(jvm.pid!);
  expect(runners).toEqual([{ uid: uidOf(OWNER), parents: expect.arrayContaining(['sudo']) }]);
  for (let i = 0; i < 3; i++) execFileSync('jcmd', [String(jvm.pid), 'GC.run'], { stdio: 'ignore' });
  await until('the forced collections', async () => (await state(view.attachId)).counts.events >= 3);
  const histogram = await call<AttachSnapshot>('session:snapshot', { attachId: view.attachId, kind: 'class-histogram' });
  expect(histogram.summary.top.map((row) => row.key)).toContain('LeakedRecord');
  // A heap dump is not fetched yet in this set-up (HotSpot writes it 0600, SFTP reads as the login user): it must say so.
  const dump = await backend.dispatch('session:snapshot', { attachId: view.attachId, kind: 'heap-dump', deleteFromTarget: true });
  const left = readdirSync('/tmp').filter((name) => name.startsWith(`gclens-${jvm.pid}-`) && name.endsWith('.hprof'));
  expect(left).toHaveLength(1);
  expect(dump).toMatchObject({
    ok: false,
    error: { message: expect.stringContaining(`The heap dump /tmp/${left[0]} was written by the JVM as ${OWNER}, readable by ${OWNER} only`) },
  });
  rmSync(`/tmp/${left[0]}`);
  await call('session:detach', { attachId: view.attachId });
});
