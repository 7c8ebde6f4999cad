/**
 * Issue #7: jcmd and jstat only talk to a JVM of their own uid. Here the SSH
 * login user (gclens-ssh) is not the JVM's user (gclens-jvm), both made for
 * the test and removed after it: without a sudoers rule every JVM call says
 * that it needs the JVM's user and how to get it; with
 * `gclens-ssh ALL=(gclens-jvm) NOPASSWD: ALL` discovery and attach work
 * through `sudo -n -u gclens-jvm`, which the running jstat shows. Neither
 * the session's PATH nor sudo's (secure_path) has the JDK, so jcmd and jstat
 * are found only beside the JVM's java, whose /proc/PID/exe only its user may
 * read. A heap dump, which HotSpot writes 0600, is copied as the JVM's user
 * with the SHA-256 sha256sum gives on the box (test/ssh/ssh-reconnect.test.ts
 * cuts the link during such a copy).
 *
 * Needs root (useradd, sudoers) and sudo, like the other SSH tests need
 * sshd: missing ones fail loudly.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AttachSnapshot, AttachView, FileProgress } from '../../src/shared/contract';
import type { JvmProcessInfo } from '../../src/shared/process-info';
import type { SessionManifest } from '../../src/shared/session-manifest';
import type { Backend } from '../../src/main/core/backend';
import { compileJavaFixture } from '../helpers/java-fixture';
import { sshBackend } from '../helpers/ssh-backend';
import { javaBinDir, pathWithoutJdk } from '../helpers/ssh-jvm';
import { makeKey, startSshd, testDir, writeKnownHosts, type KeyPair, type SshServer } from '../helpers/sshd';

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
/** The PATH of the SSH session and of sudo: every tool of this machine but the JDK's. */
let pathWithoutJava: string;
const ssh = sshBackend(dir, { untilTimeoutMs: 120_000, untilPollMs: 200 });
const { call, until, emitted } = ssh;

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
  pathWithoutJava = pathWithoutJdk(join(dir, 'bin'));
  server = await startSshd({ authorizedKeys: [key.publicKey], extraConfig: [`SetEnv PATH=${pathWithoutJava}`] });
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

  backend = ssh.start();
});

afterAll(async () => {
  await ssh.dispose();
  jvm?.kill('SIGKILL');
  await server?.dispose();
  removeUsers();
  rmSync(dir, { recursive: true, force: true });
});

const connect = () => ssh.connect(`${LOGIN}@127.0.0.1:${server.port}`, key.path, knownHostsFile);
const state = (attachId: string) => call<AttachView>('session:state', { attachId });

/** sudoers for the login user: anything as the JVM's user without a password, with a PATH that has no JDK. */
function allowSudo(): void {
  writeFileSync(SUDOERS, `Defaults:${LOGIN} secure_path="${pathWithoutJava}"\n${LOGIN} ALL=(${OWNER}) NOPASSWD: ALL\n`, { mode: 0o440 });
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const dumpsLeft = () => readdirSync('/tmp').filter((name) => name.startsWith(`gclens-${jvm.pid}-`) && name.endsWith('.hprof'));

/** The uid, program and parent commands of each `jstat … PID` on this machine (the box). */
function jstatRunners(pid: number): Array<{ uid: number; program: string; parents: string[] }> {
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
    runners.push({ uid: Number(/^Uid:\s+(\d+)/m.exec(status)![1]), program: argv[0], parents });
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
  // No dump is written, so none is left behind.
  const dump = await backend.dispatch('session:snapshot', { attachId: view.attachId, kind: 'heap-dump', deleteFromTarget: true });
  expect(dump).toMatchObject({ ok: false, error: { message: expect.stringMatching(new RegExp(`^jcmd attaches only as the JVM's own user \\(${OWNER}\\) or root, so gclens runs it through sudo -n -u ${OWNER}, which failed: sudo refused`)) } });
  expect(dumpsLeft()).toEqual([]);
  await call('session:detach', { attachId: view.attachId });
  await call('hosts:disconnect', { hostId });
});

it('runs jcmd and jstat beside the JVM\u2019s java through sudo -n -u <the JVM\u2019s user>, and copies a heap dump as that user', async () => {
  allowSudo();
  const hostId = await connect();
  const [remote, local] = await Promise.all([call<JvmProcessInfo>('targets:describe', { pid: jvm.pid, hostId }), call<JvmProcessInfo>('targets:describe', { pid: jvm.pid })]);
  // /proc/PID/exe read as the JVM's user: no note that it is unreadable, and the same program as root sees.
  expect(remote.notes).toEqual([expect.stringContaining('Native memory tracking is off')]);
  expect(remote.exe).toBe(join(javaBinDir(), 'java'));
  expect(remote.exe).toBe(local.exe);
  expect(remote.offers.gcLogs).toEqual(local.offers.gcLogs);
  expect(remote.offers.gcLogs).toEqual([expect.objectContaining({ output: 'file', path: logPath, source: 'vm-log' })]);
  expect(remote.version).toBe(local.version);

  const view = await call<AttachView>('session:attach', { pid: jvm.pid, hostId });
  expect(view.collectors).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'gc-log', state: 'running', detail: logPath })]));
  await until('jstat samples', async () => (await state(view.attachId)).jstat.length >= 2);
  // Neither PATH has a jstat: this one is the JDK's own, beside the JVM's java.
  expect(jstatRunners(jvm.pid!)).toEqual([{ uid: uidOf(OWNER), program: join(javaBinDir(), 'jstat'), parents: expect.arrayContaining(['sudo']) }]);
  for (let i = 0; i < 3; i++) execFileSync('jcmd', [String(jvm.pid), 'GC.run'], { stdio: 'ignore' });
  await until('the forced collections', async () => (await state(view.attachId)).counts.events >= 3);
  const histogram = await call<AttachSnapshot>('session:snapshot', { attachId: view.attachId, kind: 'class-histogram' });
  expect(histogram.summary.top.map((row) => row.key)).toContain('LeakedRecord');

  const started = Date.now();
  const kept = await call<AttachSnapshot>('session:snapshot', { attachId: view.attachId, kind: 'heap-dump', requestId: 'kept' });
  const tookMs = Date.now() - started;
  expect(kept.summary.top.map((row) => row.key)).toEqual(expect.arrayContaining([expect.stringContaining('LeakedRecord')]));
  const [name] = dumpsLeft();
  const onBox = `/tmp/${name}`;
  // What SFTP, reading as the login user, could not copy.
  const file = statSync(onBox);
  expect({ uid: file.uid, mode: file.mode & 0o777 }).toEqual({ uid: uidOf(OWNER), mode: 0o600 });
  expect((await state(view.attachId)).notes.join('\n')).toContain(`The heap dump stays on the target at ${onBox}`);
  const copy = join(view.sessionDir, kept.artifactPath);
  const sizeBytes = statSync(copy).size;
  expect(sha256(copy)).toBe(sha256(onBox));
  const progress = emitted.filter((e) => e.channel === 'files:progress' && (e.payload as FileProgress).requestId === 'kept');
  expect(progress.some((e) => (e.payload as FileProgress).bytesRead === sizeBytes && (e.payload as FileProgress).totalBytes === sizeBytes)).toBe(true);
  rmSync(onBox);

  // /tmp is sticky: only the JVM's user (or root) may remove its dump there.
  const deleted = await call<AttachSnapshot>('session:snapshot', { attachId: view.attachId, kind: 'heap-dump', deleteFromTarget: true });
  expect(deleted.summary.kind).toBe('hprof');
  expect(dumpsLeft()).toEqual([]);
  await call('session:detach', { attachId: view.attachId });
  const artifacts = (JSON.parse(readFileSync(join(view.sessionDir, 'manifest.json'), 'utf8')) as SessionManifest).artifacts;
  expect(artifacts.find((a) => a.id === kept.artifactId)).toMatchObject({ kind: 'hprof', sha256: sha256(copy), bytes: sizeBytes });
  expect(artifacts.find((a) => a.id === deleted.artifactId)?.sha256).toBe(sha256(join(view.sessionDir, deleted.artifactPath)));
  process.stdout.write(`\nheap dump as ${OWNER} over SSH: ${sizeBytes} bytes, ${tookMs} ms for dump, copy and histogram, ${progress.length} progress events, sha256 on the box = here = manifest\n`);
  await call('hosts:disconnect', { hostId });
});
