/**
 * Live attach to real Go programs (the gcleak fixture): through the backend
 * API (dispatch, as both transports call it) and through `gclens attach`.
 * Checks that events and snapshots arrive, that a leak diffs with the
 * leaking function on top, that a program without gctrace still gives GC
 * events from the MemStats pause ring, and that killing the target ends the
 * attach cleanly with everything recorded and hashed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AttachEnded, AttachSnapshot, AttachUpdate, AttachView, EventChannel, EventMap } from '../src/shared/contract';
import type { GcEvent } from '../src/shared/gc-event';
import type { Result } from '../src/shared/result';
import type { SessionManifest } from '../src/shared/session-manifest';
import type { SnapshotDiff } from '../src/shared/snapshot';
import { readSessionEvents } from '../src/main/attach/session-events';
import { main } from '../src/main/cli';
import { runAttach } from '../src/main/cli/attach-command';
import { createBackend, type Backend } from '../src/main/core/backend';
import { diffSnapshots, loadSnapshot } from '../src/main/snapshots/snapshot-registry';
import { buildGoFixture } from './helpers/go-fixture';

const dir = mkdtempSync(join(tmpdir(), 'gclens-attach-go-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

interface Gcleak {
  child: ChildProcess;
  pid: number;
  port: number;
  /** The file its stderr (gctrace) goes to. */
  stderrPath: string;
  exited: Promise<void>;
}

/** gcleak running until killed, lightly (a 50 ms tick, 1 MiB of garbage a tick), with pprof on a free port. */
async function startGcleak(name: string, mode: 'leak' | 'goroutines' | 'healthy', gctrace: boolean): Promise<Gcleak> {
  const binary = await buildGoFixture('gcleak');
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.GODEBUG;
  delete env.GOGC;
  delete env.GOMEMLIMIT;
  if (gctrace) env.GODEBUG = 'gctrace=1';
  const stderrPath = join(dir, `${name}.stderr.log`);
  const fd = openSync(stderrPath, 'w');
  const args = ['-mode', mode, '-duration', '0', '-tick', '50ms', '-garbage-bytes-per-tick', String(1 << 20), '-pprof-addr', '127.0.0.1:0'];
  const child = spawn(binary, args, { env, stdio: ['ignore', 'pipe', fd] });
  closeSync(fd);
  children.push(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let text = '';
  child.stdout!.setEncoding('utf8');
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk: string) => {
      text += chunk;
      const match = /pprof listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(text);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`gcleak exited with ${code} before listening:\n${text}`)));
  });
  return { child, pid: child.pid!, port, stderrPath, exited };
}

/** A backend whose events the test reads. */
function backendWithEvents(): { backend: Backend; events: Array<{ channel: EventChannel; payload: unknown }> } {
  const events: Array<{ channel: EventChannel; payload: unknown }> = [];
  const backend = createBackend({
    transport: 'serve',
    emit: <E extends EventChannel>(channel: E, payload: EventMap[E]) => events.push({ channel, payload }),
    sessionsDir: join(dir, 'sessions'),
  });
  return { backend, events };
}

async function call<T>(backend: Backend, channel: string, request?: unknown): Promise<T> {
  const result = (await backend.dispatch(channel, request)) as Result<T>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function updatesOf(events: Array<{ channel: EventChannel; payload: unknown }>, attachId: string): AttachUpdate[] {
  return events.filter((e) => e.channel === 'session:update' && (e.payload as AttachUpdate).attachId === attachId).map((e) => e.payload as AttachUpdate);
}

/** Every artifact of the manifest hashed again from its raw file. */
function checkArtifactHashes(sessionDir: string): SessionManifest {
  const manifest = JSON.parse(readFileSync(join(sessionDir, 'manifest.json'), 'utf8')) as SessionManifest;
  expect(manifest.capture.endedAt).not.toBeNull();
  for (const artifact of manifest.artifacts) {
    const bytes = readFileSync(join(sessionDir, artifact.path));
    expect({ path: artifact.path, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), complete: true }).toEqual({
      path: artifact.path,
      bytes: artifact.bytes,
      sha256: artifact.sha256,
      complete: artifact.complete,
    });
  }
  return manifest;
}

function gcEventsOf(records: Array<{ type: string }>): GcEvent[] {
  return records.filter((r): r is GcEvent => r.type === 'gc');
}

describe('attaching to a leaking Go program through the backend API', () => {
  it('records gctrace and pprof, diffs heaps with the leak on top, and ends cleanly when the program is killed', async () => {
    const target = await startGcleak('leak', 'leak', true);
    const { backend, events } = backendWithEvents();
    try {
      const outDir = join(dir, 'api-session');
      const attachedAt = Date.now();
      const view = await call<AttachView>(backend, 'session:attach', { pid: target.pid, options: { pprofIntervalSec: 2, outDir } });
      expect(view).toMatchObject({ sessionDir: outDir, status: 'attached', target: { pid: target.pid, runtime: 'go' } });
      expect(view.collectors).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'gctrace', state: 'running', detail: target.stderrPath })]));
      const attachId = view.attachId;

      // Heap and goroutine profiles on the interval, as snapshots the diff channel knows.
      const snapshots = () => updatesOf(events, attachId).flatMap((u) => u.snapshots);
      await until('three heap profiles', () => snapshots().filter((s) => s.kind === 'heap').length >= 3);
      const onDemand = await call<AttachSnapshot>(backend, 'session:snapshot', { attachId, kind: 'goroutine' });
      expect(onDemand).toMatchObject({ kind: 'goroutine', summary: { kind: 'pprof', profile: 'goroutine' } });
      const heaps = snapshots().filter((s) => s.kind === 'heap');
      const diff = await call<SnapshotDiff>(backend, 'snapshot:diff', { baseId: heaps[0]!.snapshotId, newId: heaps.at(-1)!.snapshotId });
      expect(diff.sample).toBe('inuse_space');
      expect(diff.rows[0]!.key).toBe('main.retainHeader');
      expect(diff.rows[0]!.delta).toBeGreaterThan(0);

      const state = await call<AttachView>(backend, 'session:state', { attachId });
      expect(state.counts.events).toBeGreaterThan(0);
      expect(state.heap.length).toBeGreaterThan(0);
      expect(state.pauses.length).toBe(state.counts.events);

      // Killed in the middle of its polling: the attach ends by itself, keeping everything.
      target.child.kill('SIGKILL');
      await target.exited;
      await until('session:ended', () => events.some((e) => e.channel === 'session:ended'));
      const ended = events.find((e) => e.channel === 'session:ended')!.payload as AttachEnded;
      expect(ended).toMatchObject({ attachId, reason: 'target-exited', sessionDir: outDir });

      const updates = updatesOf(events, attachId);
      expect(updates.at(-1)!.status).toBe('ended');
      // At most one a second (and the last one at the end).
      expect(updates.length).toBeLessThanOrEqual(Math.ceil((Date.now() - attachedAt) / 1000) + 1);
      expect(updates.some((u) => u.heap.length > 0 && !u.replace)).toBe(true);
      // Each update carries new points only, or replaces the series: summed up they are every event.
      let pauses = 0;
      for (const update of updates) pauses = update.replace ? update.pauses.length : pauses + update.pauses.length;
      expect(pauses).toBe(ended.counts.events);

      const manifest = checkArtifactHashes(outDir);
      const kinds = manifest.artifacts.map((a) => a.kind);
      expect(kinds).toEqual(expect.arrayContaining(['process-info', 'gctrace', 'pprof', 'heap-text', 'debug-vars']));
      expect(manifest.artifacts.filter((a) => a.kind === 'pprof').length).toBe(snapshots().length);

      // Every gctrace line of the file is one event, numbered 1, 2, 3… as the runtime numbered them.
      const gcLines = readFileSync(target.stderrPath, 'utf8').split('\n').filter((line) => /^gc \d+ @/.test(line));
      const { records } = await readSessionEvents(outDir);
      const recorded = gcEventsOf(records);
      expect(recorded.length).toBe(gcLines.length);
      expect(recorded.length).toBe(ended.counts.events);
      expect(recorded.map((e) => e.id)).toEqual(gcLines.map((_, i) => i + 1));
      const gctraceArtifact = manifest.artifacts.find((a) => a.kind === 'gctrace')!;
      expect(recorded[0]!.source.file).toBe(gctraceArtifact.path);
      expect(readFileSync(join(outDir, gctraceArtifact.path))).toEqual(readFileSync(target.stderrPath));

      // The state of an ended attach stays readable, with the analysis of what it recorded; a detach of it answers the same end.
      const final = await call<AttachView>(backend, 'session:state', { attachId });
      expect(final).toMatchObject({ status: 'ended', endReason: 'target-exited' });
      expect(final.analysis?.metrics.events).toBeGreaterThan(0);
      expect(updates.some((u) => u.analysis !== undefined)).toBe(true);
      expect(await call<AttachEnded>(backend, 'session:detach', { attachId })).toMatchObject({ reason: 'target-exited' });
    } finally {
      await backend.dispose();
    }
  });
});

describe('a Go program with pprof but no gctrace', () => {
  it('gives GC events from the MemStats pause ring, each collection once', async () => {
    const target = await startGcleak('no-gctrace', 'healthy', false);
    const { backend, events } = backendWithEvents();
    try {
      const outDir = join(dir, 'memstats-session');
      const view = await call<AttachView>(backend, 'session:attach', { pid: target.pid, options: { pprofIntervalSec: 1, outDir } });
      // Several attaches at once, each with its own session; the second is detached at once.
      const second = await call<AttachView>(backend, 'session:attach', { pid: target.pid, options: { pprofIntervalSec: 60, outDir: join(dir, 'memstats-second') } });
      expect((await call<Array<{ attachId: string }>>(backend, 'session:list')).map((a) => a.attachId).sort()).toEqual([view.attachId, second.attachId].sort());
      expect(await call<AttachEnded>(backend, 'session:detach', { attachId: second.attachId })).toMatchObject({ reason: 'detached' });
      checkArtifactHashes(join(dir, 'memstats-second'));
      expect(view.collectors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'gctrace', state: 'unavailable', detail: expect.stringContaining('cannot switch it on') }),
          expect.objectContaining({ name: 'memstats', state: 'running' }),
        ]),
      );
      await until('events from three MemStats polls', async () => {
        const state = await call<AttachView>(backend, 'session:state', { attachId: view.attachId });
        return state.counts.events > 0 && state.snapshots.length >= 6;
      });
      const ended = await call<AttachEnded>(backend, 'session:detach', { attachId: view.attachId });
      expect(ended.reason).toBe('detached');
      expect(events.some((e) => e.channel === 'session:ended')).toBe(true);

      checkArtifactHashes(outDir);
      const recorded = gcEventsOf((await readSessionEvents(outDir)).records);
      expect(recorded.length).toBe(ended.counts.events);
      const ids = recorded.map((e) => e.id!);
      // Polls overlap in the ring; each collection is taken once, in order.
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(ids.length);
      for (const event of recorded) {
        expect(event).toMatchObject({ runtime: 'go', kind: 'cycle' });
        expect(event.pauseMs).toBeGreaterThanOrEqual(0);
        expect(event.startSec).toBeGreaterThanOrEqual(0);
      }
      // The program still runs: detaching left it alone.
      expect(target.child.exitCode).toBeNull();
    } finally {
      target.child.kill('SIGKILL');
      await backend.dispose();
    }
  });
});

describe('launching a Go program with gctrace', () => {
  it('records its stderr as gctrace and ends it at detach', async () => {
    const binary = await buildGoFixture('gcleak');
    const { backend } = backendWithEvents();
    try {
      const outDir = join(dir, 'launch-session');
      const argv = [binary, '-mode', 'leak', '-duration', '0', '-tick', '50ms', '-garbage-bytes-per-tick', String(1 << 20), '-pprof-addr', '127.0.0.1:0'];
      const view = await call<AttachView>(backend, 'session:launch', { argv, options: { pprofIntervalSec: 60, outDir } });
      expect(view.target).toMatchObject({ runtime: 'go', offers: { gctrace: 'on' } });
      expect(view.target.runtime === 'go' && view.target.offers.pprof).toBeTruthy();
      await until('gctrace events', async () => (await call<AttachView>(backend, 'session:state', { attachId: view.attachId })).counts.events >= 5);
      await call<AttachEnded>(backend, 'session:detach', { attachId: view.attachId });
      await until('the launched program to end', () => isGone(view.target.pid));

      const manifest = checkArtifactHashes(outDir);
      expect(manifest.target).toMatchObject({ pid: view.target.pid, runtime: 'go' });
      const stdout = manifest.artifacts.find((a) => a.kind === 'other' && a.source.endsWith('(stdout)'))!;
      expect(readFileSync(join(outDir, stdout.path), 'utf8')).toMatch(/pprof listening on/);
      expect(gcEventsOf((await readSessionEvents(outDir)).records).length).toBeGreaterThanOrEqual(5);
    } finally {
      await backend.dispose();
    }
  });
});

function isGone(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

describe('gclens attach', () => {
  it('records a session for the duration and prints the summary as its last line', async () => {
    const target = await startGcleak('cli', 'goroutines', true);
    try {
      const outDir = join(dir, 'cli-session');
      let stdout = '';
      let stderr = '';
      const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
      const code = await main(['attach', String(target.pid), '--duration', '7s', '--snapshot-every', '2s', '--out', outDir, '--json'], io);
      expect(code, stderr).toBe(0);
      const summary = JSON.parse(stdout.trim().split('\n').at(-1)!) as { session: string; events: number; snapshots: number; artifacts: number };
      const manifest = checkArtifactHashes(outDir);
      expect(summary).toEqual({ session: outDir, events: expect.any(Number), snapshots: expect.any(Number), artifacts: manifest.artifacts.length });
      expect(summary.events).toBeGreaterThan(0);
      expect(summary.snapshots).toBeGreaterThanOrEqual(4);
      expect(gcEventsOf((await readSessionEvents(outDir)).records).length).toBe(summary.events);

      // The goroutines left blocked on a send lead the diff of the first and last goroutine profiles.
      const goroutineProfiles = manifest.artifacts.filter((a) => a.kind === 'pprof' && a.source.endsWith('/debug/pprof/goroutine'));
      const first = await loadSnapshot(join(outDir, goroutineProfiles[0]!.path), goroutineProfiles[0]!.path);
      const last = await loadSnapshot(join(outDir, goroutineProfiles.at(-1)!.path), goroutineProfiles.at(-1)!.path);
      const diff = diffSnapshots(first, last, { by: 'function', foldRuntime: true });
      expect(diff.rows[0]!.key).toBe('main.blockOnSend');
      expect(diff.rows[0]!.delta).toBeGreaterThan(0);
      expect(target.child.exitCode).toBeNull();
    } finally {
      target.child.kill('SIGKILL');
    }
  });

  it('detaches on Ctrl-C and removes its signal handlers', async () => {
    const target = await startGcleak('cli-sigint', 'healthy', true);
    try {
      const handlers = new Map<string, () => void>();
      const signals = { on: (signal: string, listener: () => void) => handlers.set(signal, listener), off: (signal: string) => handlers.delete(signal) };
      let stdout = '';
      const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => true } };
      const outDir = join(dir, 'cli-sigint-session');
      const running = runAttach([String(target.pid), '--out', outDir, '--json'], io, { signals });
      await until('the SIGINT handler', () => handlers.has('SIGINT'));
      await until('the first events', () => existsSync(join(outDir, 'events.ndjson')) && readFileSync(join(outDir, 'events.ndjson'), 'utf8').length > 0);
      handlers.get('SIGINT')!();
      expect(await running).toBe(0);
      expect(handlers.size).toBe(0);
      const summary = JSON.parse(stdout.trim().split('\n').at(-1)!) as { session: string; events: number };
      expect(summary.session).toBe(outDir);
      expect(summary.events).toBeGreaterThan(0);
      checkArtifactHashes(outDir);
      expect(target.child.exitCode).toBeNull();
    } finally {
      target.child.kill('SIGKILL');
    }
  });

  it('refuses a missing PID with a usage error', async () => {
    let stderr = '';
    const io = { stdout: { write: () => true }, stderr: { write: (t: string) => (stderr += t) } };
    expect(await main(['attach'], io)).toBe(2);
    expect(stderr).toMatch(/attach needs one PID/);
  });
});
