/**
 * Issue #7's JVM half: a HeapGrowth JVM (G1, GC log to a file) runs on this
 * machine, which is also the box behind the loopback sshd, and is found and
 * attached to through the backend both locally and over SSH at the same time.
 * Discovery must give the same ProcessInfo; both sessions must hold the same
 * GC events from the log, jstat samples and a class histogram naming the
 * leaking class; a heap dump taken over SSH comes back by SFTP with the
 * SHA-256 sha256sum gives on the box. The sshd session's PATH has no JDK on
 * it, so every jcmd and jstat over SSH is the one beside /proc/PID/exe.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AttachSnapshot, AttachView, FileProgress } from '../../src/shared/contract';
import type { GcEvent } from '../../src/shared/gc-event';
import type { JvmProcessInfo, ProcessInfo } from '../../src/shared/process-info';
import type { SessionManifest } from '../../src/shared/session-manifest';
import { readSessionEvents } from '../../src/main/attach/session-events';
import { SshHost } from '../../src/main/ssh/ssh-host';
import { findJdks, startJavaFixture, type JavaFixture } from '../helpers/java-fixture';
import { sshBackend } from '../helpers/ssh-backend';
import { makeKey, sshEnvironment, startSshd, testDir, writeKnownHosts, type SshServer } from '../helpers/sshd';
import { javaBinDir, pathWithoutJdk } from '../helpers/ssh-jvm';

const dir = testDir('gclens-ssh-jvm-');
const logPath = join(dir, 'gc.log');
const ssh = sshBackend(dir, { untilTimeoutMs: 120_000, untilPollMs: 200 });
const { call, until, emitted } = ssh;
/** jcmd GC.run: each one a `Pause Full (Diagnostic Command)` line in the log, seen by both attaches. */
const FORCED_GCS = 8;
let server: SshServer;
let box: SshHost;
let jvm: JavaFixture;
let hostId: string;
let overSsh: AttachView;
let here: AttachView;

beforeAll(async () => {
  const jdk = (await findJdks())[0]!;
  const key = await makeKey(dir, 'id_ed25519');
  // sshd's SetEnv wins over its default PATH: the session sees every tool of the box but the JDK's.
  const path = pathWithoutJdk(join(dir, 'bin'));
  server = await startSshd({ authorizedKeys: [key.publicKey], extraConfig: [`SetEnv PATH=${path}`] });
  const knownHostsFile = writeKnownHosts(join(dir, 'known_hosts'), [server.knownHostsLine()]);
  const overrides = { identityFiles: [key.path], knownHostsFile };
  box = await SshHost.connect(`root@127.0.0.1:${server.port}`, { environment: sshEnvironment(dir), overrides });
  jvm = await startJavaFixture(jdk, 'HeapGrowth', ['-XX:+UseG1GC', '-Xmx256m', '-Xmn4m', `-Xlog:gc*:file=${logPath}:uptime,level,tags`], ['600', '2000', '512']);
  await jvm.waitFor(/^ready$/m);
  ssh.start();
  hostId = await ssh.connect(`root@127.0.0.1:${server.port}`, key.path, knownHostsFile);
});

afterAll(async () => {
  await ssh.dispose();
  jvm?.stop();
  await box?.dispose();
  await server?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const state = (attachId: string) => call<AttachView>('session:state', { attachId });
const onBox = async (argv: string[]) => (await box.run(argv, { timeoutMs: 60_000 })).stdout.toString('utf8');
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const manifestOf = (sessionDir: string) => JSON.parse(readFileSync(join(sessionDir, 'manifest.json'), 'utf8')) as SessionManifest;

/** What may differ between two looks at one process: its RSS and uptime move while it runs. */
function stable(info: ProcessInfo | undefined) {
  if (!info) return info;
  const { rssBytes: _rss, uptimeSec: _uptime, ...rest } = info;
  return rest;
}

it('runs over SSH with no JDK tool on the session\u2019s PATH', async () => {
  const said = await onBox(['sh', '-c', 'for t in jcmd jstat java; do command -v "$t" || echo "no $t"; done; echo "$PATH"']);
  expect(said).toContain('no jcmd\nno jstat\nno java\n');
  expect(said).toContain(join(dir, 'bin'));
});

it('discovers the JVM over SSH as it is discovered locally, jcmd details included', async () => {
  const [remoteList, localList] = await Promise.all([call<ProcessInfo[]>('targets:list', { hostId }), call<ProcessInfo[]>('targets:list', {})]);
  const remoteListed = remoteList.find((p) => p.pid === jvm.pid);
  expect(remoteListed).toBeDefined();
  expect(stable(remoteListed)).toEqual(stable(localList.find((p) => p.pid === jvm.pid)));

  // describe asks the JVM itself (VM.log list, VM.native_memory): over SSH that is the jcmd beside its java.
  const [remote, local] = await Promise.all([
    call<JvmProcessInfo>('targets:describe', { pid: jvm.pid, hostId }),
    call<JvmProcessInfo>('targets:describe', { pid: jvm.pid }),
  ]);
  expect(stable(remote)).toEqual(stable(local));
  expect(remote).toMatchObject({
    runtime: 'jvm',
    user: 'root',
    exe: join(javaBinDir(), 'java'),
    version: expect.stringMatching(/^\d+/),
    offers: {
      gcLogs: [{ output: 'file', path: logPath, decorators: ['uptime', 'level', 'tags'], source: 'vm-log' }],
      nmt: 'off',
      hsperfdata: true,
    },
  });
  expect(remote.argv).toContain('-XX:+UseG1GC');
  expect(remote.notes.join('\n')).not.toMatch(/jcmd .* failed/);
});

it('attaches locally and over SSH at once and collects the same GC events, jstat samples and histograms', async () => {
  [overSsh, here] = await Promise.all([call<AttachView>('session:attach', { pid: jvm.pid, hostId }), call<AttachView>('session:attach', { pid: jvm.pid })]);
  for (const view of [overSsh, here]) {
    expect(view.target).toMatchObject({ pid: jvm.pid, runtime: 'jvm' });
    expect(view.collectors).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'gc-log', state: 'running', detail: logPath }), expect.objectContaining({ name: 'jstat', state: 'running' })]),
    );
  }
  for (let i = 0; i < FORCED_GCS; i++) await jvm.jcmd('GC.run');
  const eventCount = async (attachId: string) => (await state(attachId)).counts.events;
  await until('the forced collections in both sessions', async () => (await eventCount(overSsh.attachId)) >= FORCED_GCS && (await eventCount(here.attachId)) >= FORCED_GCS);
  await until('jstat samples on both sides', async () => (await state(overSsh.attachId)).jstat.length >= 3 && (await state(here.attachId)).jstat.length >= 3);
  // Both jstats are the JVM's own JDK's: over SSH no other is on PATH.
  const jstats = await jstatProcesses(jvm.pid);
  expect(jstats.map((argv) => argv[0])).toEqual([join(javaBinDir(), 'jstat'), join(javaBinDir(), 'jstat')]);

  const [remoteJstat, localJstat] = [(await state(overSsh.attachId)).jstat, (await state(here.attachId)).jstat];
  for (const sample of [remoteJstat.at(-1)!, localJstat.at(-1)!]) {
    expect(sample.uptimeSec).toBeGreaterThan(0);
    expect(sample.oldCapacityBytes).toBeGreaterThan(0);
  }
  // Both follow the same JVM's clock at the same time: their spans of its uptime overlap.
  expect(remoteJstat[0]!.uptimeSec).toBeLessThanOrEqual(localJstat.at(-1)!.uptimeSec);
  expect(localJstat[0]!.uptimeSec).toBeLessThanOrEqual(remoteJstat.at(-1)!.uptimeSec);

  const [remoteHistogram, localHistogram] = await Promise.all([
    call<AttachSnapshot>('session:snapshot', { attachId: overSsh.attachId, kind: 'class-histogram' }),
    call<AttachSnapshot>('session:snapshot', { attachId: here.attachId, kind: 'class-histogram' }),
  ]);
  for (const histogram of [remoteHistogram, localHistogram]) {
    expect(histogram.summary.kind).toBe('class-histogram');
    expect(histogram.summary.top.map((row) => row.key)).toEqual(expect.arrayContaining(['LeakedRecord']));
  }
});

it('takes a heap dump over SSH whose SHA-256 on the box, here and in the manifest agree, and deletes it when asked', async () => {
  const dumpsOnBox = async () => (await onBox(['ls', '/tmp'])).split('\n').filter((name) => name.startsWith(`gclens-${jvm.pid}-`) && name.endsWith('.hprof'));
  expect(await dumpsOnBox()).toEqual([]);

  const kept = await call<AttachSnapshot>('session:snapshot', { attachId: overSsh.attachId, kind: 'heap-dump', requestId: 'kept' });
  expect(kept.summary.kind).toBe('hprof');
  expect(kept.summary.top.map((row) => row.key)).toEqual(expect.arrayContaining([expect.stringContaining('LeakedRecord')]));
  const [remoteName] = await dumpsOnBox();
  expect(remoteName).toBeDefined();
  const remotePath = `/tmp/${remoteName}`;
  expect((await state(overSsh.attachId)).notes.join('\n')).toContain(`The heap dump stays on the target at ${remotePath}`);
  const onBoxSha = /^([0-9a-f]{64}) /.exec(await onBox(['sha256sum', '--', remotePath]))![1]!;
  const localCopy = join(overSsh.sessionDir, kept.artifactPath);
  expect(sha256(localCopy)).toBe(onBoxSha);

  const progress = emitted.filter((e) => e.channel === 'files:progress' && (e.payload as FileProgress).requestId === 'kept');
  const sizeBytes = readFileSync(localCopy).length;
  expect(progress.map((e) => (e.payload as FileProgress).totalBytes)).toContain(sizeBytes);
  expect(progress.some((e) => (e.payload as FileProgress).bytesRead === sizeBytes)).toBe(true);
  const copyMs = progress.at(-1)!.atMs - progress[0]!.atMs;
  await onBox(['rm', '-f', '--', remotePath]);

  const deleted = await call<AttachSnapshot>('session:snapshot', { attachId: overSsh.attachId, kind: 'heap-dump', requestId: 'deleted', deleteFromTarget: true });
  expect(deleted.summary.kind).toBe('hprof');
  expect(await dumpsOnBox()).toEqual([]);

  // The manifest records what arrived: the same hash, for the dump that stayed and the one that went.
  await call('session:detach', { attachId: overSsh.attachId });
  const artifacts = manifestOf(overSsh.sessionDir).artifacts;
  const keptEntry = artifacts.find((a) => a.id === kept.artifactId)!;
  expect(keptEntry).toMatchObject({ kind: 'hprof', sha256: onBoxSha, bytes: sizeBytes });
  expect(keptEntry.source).toContain(`(copied from ${remotePath})`);
  const deletedEntry = artifacts.find((a) => a.id === deleted.artifactId)!;
  expect(deletedEntry.sha256).toBe(sha256(join(overSsh.sessionDir, deleted.artifactPath)));
  process.stdout.write(`\nheap dump over SSH: ${sizeBytes} bytes, progress ${progress.length} events over ${copyMs} ms, sha256 ${onBoxSha.slice(0, 16)}\u2026 on the box = here = manifest\n`);
});

it('holds the same GC events in the SSH and the local session', async () => {
  await call('session:detach', { attachId: here.attachId });
  const gcEvents = async (sessionDir: string) => (await readSessionEvents(sessionDir)).records.filter((r): r is GcEvent => r.type === 'gc');
  const [remote, local] = await Promise.all([gcEvents(overSsh.sessionDir), gcEvents(here.sessionDir)]);
  const localById = new Map(local.map((e) => [e.id, e]));
  const common = remote.filter((e) => localById.has(e.id));
  expect(common.length).toBeGreaterThanOrEqual(FORCED_GCS);
  // The source line numbers too: both tailed the same file from its start.
  const numbers = (e: GcEvent) => ({ ...e, source: e.source.line });
  expect(common.map(numbers)).toEqual(common.map((e) => numbers(localById.get(e.id)!)));
  expect(new Set(common.map((e) => e.collector))).toEqual(new Set(['G1']));
  expect(common.filter((e) => e.kind === 'full' && e.cause === 'Diagnostic Command').length).toBeGreaterThanOrEqual(FORCED_GCS);
  const gcLog = (sessionDir: string) => manifestOf(sessionDir).artifacts.find((a) => a.kind === 'gc-log')!;
  expect(readFileSync(join(overSsh.sessionDir, gcLog(overSsh.sessionDir).path), 'utf8')).toBe(readFileSync(join(here.sessionDir, gcLog(here.sessionDir).path), 'utf8').slice(0, gcLog(overSsh.sessionDir).bytes));
  process.stdout.write(`\nlocal vs SSH: ${common.length} JVM GC events compared (ids ${common[0]!.id}..${common.at(-1)!.id}), kinds ${[...new Set(common.map((e) => e.kind))].join('/')}\n`);
});

/** The argv of every `jstat -gc … PID` running on this machine. */
async function jstatProcesses(pid: number): Promise<string[][]> {
  const out = await onBox(['sh', '-c', 'for f in /proc/[0-9]*/cmdline; do tr "\\0" " " < "$f" 2>/dev/null; echo; done']);
  return out
    .split('\n')
    .map((line) => line.trim().split(' '))
    .filter((argv) => argv[0]?.endsWith('jstat') && argv.includes('-gc') && argv.includes(String(pid)));
}
