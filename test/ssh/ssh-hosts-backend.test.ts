/**
 * The host registry through the backend API, against the loopback sshd: the
 * unknown host key is put to the person (hosts:prompt, with the fingerprint
 * ssh-keygen prints) and accepted through hosts:answer; the gcleak fixture,
 * which runs on this machine, is attached to twice at the same time, once
 * over SSH and once locally, and both sessions must hold the same GC events
 * (same ids, same heap numbers) and heap profiles of the same kind. A changed
 * host key is refused with OpenSSH's warning and no prompt.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AttachBrief, AttachSnapshot, AttachView, HostInfo, HostPrompt } from '../../src/shared/contract';
import type { GcEvent } from '../../src/shared/gc-event';
import type { Result } from '../../src/shared/result';
import { readSessionEvents } from '../../src/main/attach/session-events';
import type { Backend } from '../../src/main/core/backend';
import { buildGoFixture } from '../helpers/go-fixture';
import { sshBackend } from '../helpers/ssh-backend';
import { makeKey, openSshFingerprint, startSshd, testDir, writeKnownHosts, type KeyPair, type SshServer } from '../helpers/sshd';

const dir = testDir('gclens-ssh-hosts-');
const ssh = sshBackend(dir, { untilTimeoutMs: 90_000, untilPollMs: 100 });
const { call, until, emitted: events } = ssh;
let server: SshServer;
let key: KeyPair;
let backend: Backend;
let gcleak: ChildProcess;

beforeAll(async () => {
  const binary = await buildGoFixture('gcleak');
  key = await makeKey(dir, 'id_ed25519');
  server = await startSshd({ authorizedKeys: [key.publicKey] });
  const stderrFd = openSync(join(dir, 'gcleak.stderr.log'), 'w');
  const args = ['-mode', 'leak', '-duration', '0', '-tick', '50ms', '-garbage-bytes-per-tick', String(1 << 20), '-pprof-addr', '127.0.0.1:0'];
  gcleak = spawn(binary, args, { env: { ...process.env, GODEBUG: 'gctrace=1' }, stdio: ['ignore', 'pipe', stderrFd] });
  closeSync(stderrFd);
  let text = '';
  gcleak.stdout!.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    gcleak.stdout!.on('data', (chunk: string) => (text += chunk) && /pprof listening on/.test(text) && resolve());
    gcleak.once('exit', (code) => reject(new Error(`gcleak exited with ${code} before listening:\n${text}`)));
  });
  backend = ssh.start();
});

afterAll(async () => {
  await ssh.dispose();
  gcleak?.kill('SIGKILL');
  await server?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const prompts = () => events.filter((e) => e.channel === 'hosts:prompt').map((e) => e.payload as HostPrompt);
const states = (hostId: string) => events.filter((e) => e.channel === 'hosts:state' && (e.payload as HostInfo).hostId === hostId).map((e) => (e.payload as HostInfo).state);
const gcEvents = async (sessionDir: string) => (await readSessionEvents(sessionDir)).records.filter((r): r is GcEvent => r.type === 'gc');

it('asks about the unknown host key, connects, and attaches over SSH and locally to the same process alike', async () => {
  const knownHosts = writeKnownHosts(join(dir, 'known_hosts'), []);
  const fingerprint = await openSshFingerprint(`${server.hostKey.path}.pub`);
  const connecting = backend.dispatch('hosts:connect', { destination: `root@127.0.0.1:${server.port}`, identityFile: key.path, knownHostsFile: knownHosts });
  await until('the host key prompt', () => prompts().length > 0);
  const prompt = prompts()[0]!;
  expect(prompt).toMatchObject({ kind: 'host-key', hostId: 'ssh-1', keyType: 'ssh-ed25519', fingerprint, knownHostsFile: knownHosts, destination: `root@127.0.0.1:${server.port}` });
  await call('hosts:answer', { promptId: prompt.promptId, kind: 'host-key', decision: 'accept-once' });
  const connected = (await connecting) as Result<HostInfo>;
  expect(connected).toMatchObject({ ok: true, value: { hostId: 'ssh-1', kind: 'ssh', state: 'connected', label: `root@127.0.0.1:${server.port}` } });
  expect(states('ssh-1')).toEqual(['connecting', 'connected']);
  expect((await call<HostInfo[]>('hosts:list')).map((h) => [h.hostId, h.state])).toEqual([['local', 'connected'], ['ssh-1', 'connected']]);

  const listed = await call<Array<{ pid: number; offers: { gctrace?: string } }>>('targets:list', { hostId: 'ssh-1' });
  expect(listed.find((p) => p.pid === gcleak.pid)).toMatchObject({ offers: { gctrace: 'on' } });

  // A long pprof interval: the only heap profiles are the ones this test takes.
  const options = { pprofIntervalSec: 3600 };
  const [overSsh, here] = await Promise.all([
    call<AttachView>('session:attach', { pid: gcleak.pid, hostId: 'ssh-1', options }),
    call<AttachView>('session:attach', { pid: gcleak.pid, options }),
  ]);
  expect(overSsh.host).toEqual({ hostId: 'ssh-1', label: `root@127.0.0.1:${server.port}` });
  expect(here.host).toEqual({ hostId: 'local', label: here.host.label });
  const briefs = await call<AttachBrief[]>('session:list');
  expect(briefs.map((b) => [b.attachId, b.host.hostId]).sort()).toEqual([[overSsh.attachId, 'ssh-1'], [here.attachId, 'local']].sort());

  // Both follow the same gctrace: let each see 60 events more than it started with.
  const countOf = async (attachId: string) => (await call<AttachView>('session:state', { attachId })).counts.events;
  await until('60 GC events on both', async () => (await countOf(overSsh.attachId)) >= overSsh.counts.events + 60 && (await countOf(here.attachId)) >= here.counts.events + 60);
  const [sshHeap, localHeap] = await Promise.all([
    call<AttachSnapshot>('session:snapshot', { attachId: overSsh.attachId, kind: 'heap' }),
    call<AttachSnapshot>('session:snapshot', { attachId: here.attachId, kind: 'heap' }),
  ]);
  expect(sshHeap.summary.kind).toBe(localHeap.summary.kind);
  expect(sshHeap.summary.profile).toBe(localHeap.summary.profile);
  expect(sshHeap.summary.samples).toEqual(localHeap.summary.samples);
  await call('session:detach', { attachId: overSsh.attachId });
  await call('session:detach', { attachId: here.attachId });

  const [remote, local] = await Promise.all([gcEvents(overSsh.sessionDir), gcEvents(here.sessionDir)]);
  const localById = new Map(local.map((e) => [e.id, e]));
  const common = remote.filter((e) => localById.has(e.id));
  expect(common.length).toBeGreaterThanOrEqual(60);
  const numbers = (e: GcEvent) => [e.id, e.startSec, e.pauseMs, e.heapBeforeBytes, e.heapAfterBytes, e.liveBytes, e.goalBytes];
  expect(common.map(numbers)).toEqual(common.map((e) => numbers(localById.get(e.id)!)));
  const span = (common.at(-1)!.startSec ?? 0) - (common[0]!.startSec ?? 0);
  process.stdout.write(`\nlocal vs SSH: ${common.length} GC events compared (ids ${common[0]!.id}..${common.at(-1)!.id}, ${span.toFixed(1)} s of the program's clock); heap profiles: ${sshHeap.summary.kind}/${sshHeap.summary.profile}\n`);
});

it('refuses a changed host key with OpenSSH\u2019s warning, without asking', async () => {
  const other = await makeKey(dir, 'impostor');
  const knownHosts = writeKnownHosts(join(dir, 'known_hosts_changed'), [`[127.0.0.1]:${server.port} ${other.publicKey.split(' ').slice(0, 2).join(' ')}`]);
  const promptsBefore = prompts().length;
  const result = await backend.dispatch('hosts:connect', { destination: `root@127.0.0.1:${server.port}`, identityFile: key.path, knownHostsFile: knownHosts });
  expect(result).toMatchObject({ ok: false, error: { kind: 'io' } });
  const message = (result as { error: { message: string } }).error.message;
  expect(message).toContain('WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!');
  expect(message).toContain(`Offending ED25519 key in ${knownHosts}:1`);
  expect(prompts()).toHaveLength(promptsBefore);
  expect((await call<HostInfo[]>('hosts:list')).map((h) => h.hostId)).toEqual(['local', 'ssh-1']);
  expect(states('ssh-2').at(-1)).toBe('closed');
});

it('rejects requests that break the schema before anything connects', async () => {
  for (const destination of ['-oProxyCommand=x', 'a b', 'x;rm', 'a'.repeat(256)]) {
    expect(await backend.dispatch('hosts:connect', { destination })).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
  }
  expect(await backend.dispatch('hosts:connect', { destination: 'box', identityFile: 'k'.repeat(4097) })).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
  expect(await backend.dispatch('hosts:connect', { destination: 'box', extra: 1 })).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
  expect(await backend.dispatch('targets:list', { hostId: '../etc' })).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
  expect(await backend.dispatch('hosts:answer', { promptId: 'AAAAAAAAAAAA', kind: 'secret', values: ['x'] })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
});

it('ends the host\u2019s attaches when it is disconnected', async () => {
  const view = await call<AttachView>('session:attach', { pid: gcleak.pid, hostId: 'ssh-1', options: { pprofIntervalSec: 3600 } });
  await call('hosts:disconnect', { hostId: 'ssh-1' });
  expect(events.some((e) => e.channel === 'session:ended' && (e.payload as { attachId: string }).attachId === view.attachId)).toBe(true);
  expect(states('ssh-1').at(-1)).toBe('closed');
  expect((await call<HostInfo[]>('hosts:list')).map((h) => h.hostId)).toEqual(['local']);
  expect(await backend.dispatch('targets:list', { hostId: 'ssh-1' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  expect(await backend.dispatch('hosts:disconnect', { hostId: 'local' })).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
});

it('disconnects every host when the backend is disposed', async () => {
  const knownHosts = writeKnownHosts(join(dir, 'known_hosts_known'), [server.knownHostsLine()]);
  const host = await call<HostInfo>('hosts:connect', { destination: `root@127.0.0.1:${server.port}`, identityFile: key.path, knownHostsFile: knownHosts });
  await backend.dispose();
  expect(states(host.hostId).at(-1)).toBe('closed');
});
