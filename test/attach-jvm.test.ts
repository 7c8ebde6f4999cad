/**
 * Live attach to real JVMs (the HeapGrowth fixture), for each collector the
 * JDK 17 on PATH offers: with a GC log it was started with (tailed, and the
 * attach ends by itself when the JVM is killed), and without one (switched
 * on for the attach and gone from VM.log list after detach). jstat series
 * arrive either way; a class histogram is taken on demand. Two JVMs at a
 * time: more only make each slower on a small machine.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it, type ExpectStatic } from 'vitest';
import type { AttachEnded, AttachSnapshot, AttachView, EventChannel, EventMap, HeapInfo } from '../src/shared/contract';
import type { Result } from '../src/shared/result';
import type { SessionManifest } from '../src/shared/session-manifest';
import { readSessionEvents } from '../src/main/attach/session-events';
import { createBackend, type Backend } from '../src/main/core/backend';
import { findJdks, run, startJavaFixture, type JavaFixture, type Jdk } from './helpers/java-fixture';

const COLLECTORS = ['G1', 'Parallel', 'Serial', 'Z', 'Shenandoah'] as const;
type Collector = (typeof COLLECTORS)[number];

const dir = mkdtempSync(join(tmpdir(), 'gclens-attach-jvm-'));
const emitted: Array<{ channel: EventChannel; payload: unknown }> = [];
let backend: Backend;
let jdk: Jdk;
const fixtures: JavaFixture[] = [];

beforeAll(async () => {
  jdk = (await findJdks())[0]!;
  backend = createBackend({
    transport: 'serve',
    emit: <E extends EventChannel>(channel: E, payload: EventMap[E]) => emitted.push({ channel, payload }),
    sessionsDir: join(dir, 'sessions'),
  });
});

afterAll(async () => {
  await backend?.dispose();
  for (const fixture of fixtures) fixture.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** At most two JVMs under test at once. */
let running = 0;
const queue: Array<() => void> = [];
async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= 2) await new Promise<void>((resolve) => queue.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    queue.shift()?.();
  }
}

async function call<T>(channel: string, request?: unknown): Promise<T> {
  const result = (await backend.dispatch(channel, request)) as Result<T>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const state = (attachId: string) => call<AttachView>('session:state', { attachId });

/** HeapGrowth adding records slowly for ten minutes: a heap that grows, and collections when asked for. */
async function startJvm(collector: Collector, extra: string[]): Promise<JavaFixture> {
  const fixture = await startJavaFixture(jdk, 'HeapGrowth', [`-XX:+Use${collector}GC`, '-Xmx256m', ...extra], ['600', '5000', '0']);
  fixtures.push(fixture);
  await fixture.waitFor(/^ready$/m);
  return fixture;
}

/**
 * Two full collections: the unified log parser holds a Serial or Parallel
 * full collection back until the next GC line (a young collection may close
 * around it), so the second one brings out the first.
 */
async function collectTwice(jvm: JavaFixture): Promise<void> {
  await jvm.jcmd('GC.run');
  await jvm.jcmd('GC.run');
}

function checkSession(expect: ExpectStatic, sessionDir: string): SessionManifest {
  const manifest = JSON.parse(readFileSync(join(sessionDir, 'manifest.json'), 'utf8')) as SessionManifest;
  expect(manifest.capture.endedAt).not.toBeNull();
  for (const artifact of manifest.artifacts) {
    const bytes = readFileSync(join(sessionDir, artifact.path));
    expect({ path: artifact.path, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }).toEqual({
      path: artifact.path,
      bytes: artifact.bytes,
      sha256: artifact.sha256,
    });
  }
  return manifest;
}

async function supported(collector: Collector): Promise<string | null> {
  const result = await run('java', [`-XX:+Use${collector}GC`, '-version'], { timeoutMs: 60_000 }).then(
    () => null,
    (err: Error) => err.message.split('\n')[0]!,
  );
  return result;
}

describe.concurrent('attaching to a JVM', () => {
  for (const collector of COLLECTORS) {
    it(`${collector}: tails the GC log it was started with, takes a class histogram, and ends when the JVM is killed`, async ({ expect, skip }) => {
      const why = await supported(collector);
      if (why) skip(why);
      await slot(async () => {
        const logPath = join(dir, `gc-${collector}.log`);
        // G1 also carries the snapshots that do not depend on the collector: NMT and a heap dump.
        const nmt = collector === 'G1' ? ['-XX:NativeMemoryTracking=summary'] : [];
        const jvm = await startJvm(collector, [`-Xlog:gc*:file=${logPath}:uptime,level,tags`, ...nmt]);
        const outDir = join(dir, `with-log-${collector}`);
        const view = await call<AttachView>('session:attach', { pid: jvm.pid, options: { outDir } });
        expect(view.target).toMatchObject({ pid: jvm.pid, runtime: 'jvm' });
        expect(view.collectors).toEqual(
          expect.arrayContaining([expect.objectContaining({ name: 'gc-log', state: 'running', detail: logPath }), expect.objectContaining({ name: 'jstat', state: 'running' })]),
        );
        const { attachId } = view;
        const before = (await state(attachId)).counts.events;
        await collectTwice(jvm);
        await until('an event from the tailed log', async () => (await state(attachId)).counts.events > before);
        await until('jstat samples', async () => (await state(attachId)).jstat.length >= 2);
        const sample = (await state(attachId)).jstat.at(-1)!;
        expect(sample.uptimeSec).toBeGreaterThan(0);
        expect(sample.oldCapacityBytes ?? sample.edenCapacityBytes).toBeGreaterThan(0);

        const histogram = await call<AttachSnapshot>('session:snapshot', { attachId, kind: 'class-histogram' });
        expect(histogram.summary.kind).toBe('class-histogram');
        expect(histogram.summary.top.map((row) => row.key)).toEqual(expect.arrayContaining([expect.stringContaining('LeakedRecord')]));
        const heapInfo = await call<HeapInfo>('session:heap-info', { attachId });
        expect(heapInfo.text).toMatch(/Metaspace/);
        if (collector === 'G1') {
          const native = await call<AttachSnapshot>('session:snapshot', { attachId, kind: 'nmt' });
          expect(native.summary.kind).toBe('nmt');
          const requestId = 'dump-1';
          const dump = await call<AttachSnapshot>('session:snapshot', { attachId, kind: 'heap-dump', requestId, deleteFromTarget: true });
          expect(dump.summary.kind).toBe('hprof');
          expect(dump.summary.top.map((row) => row.key)).toEqual(expect.arrayContaining([expect.stringContaining('LeakedRecord')]));
          const progress = emitted.filter((e) => e.channel === 'files:progress' && (e.payload as { requestId: string }).requestId === requestId);
          expect(progress.length).toBeGreaterThan(0);
          const source = (await state(attachId)).snapshots.find((x) => x.kind === 'heap-dump')!;
          expect(source.artifactPath).toMatch(/heap-dump\.hprof$/);
          // Deleted on the target, as asked.
          expect(readdirSync('/tmp').filter((name) => name.startsWith(`gclens-${jvm.pid}-`) && name.endsWith('.hprof'))).toEqual([]);
        }

        jvm.stop();
        await until('session:ended', () => emitted.some((e) => e.channel === 'session:ended' && (e.payload as AttachEnded).attachId === attachId));
        const ended = emitted.find((e) => e.channel === 'session:ended' && (e.payload as AttachEnded).attachId === attachId)!.payload as AttachEnded;
        expect(ended.reason).toBe('target-exited');

        const manifest = checkSession(expect, outDir);
        expect(manifest.artifacts.map((a) => a.kind)).toEqual(expect.arrayContaining(['process-info', 'gc-log', 'jstat', 'class-histogram', 'jcmd-output']));
        const { records } = await readSessionEvents(outDir);
        expect(records.filter((r) => r.type === 'gc').length).toBe(ended.counts.events);
        const gcLog = manifest.artifacts.find((a) => a.kind === 'gc-log')!;
        expect(readFileSync(join(outDir, gcLog.path), 'utf8')).toBe(readFileSync(logPath, 'utf8'));
      });
    });

    it(`${collector}: switches a GC log on for the attach and off again at detach`, async ({ expect, skip }) => {
      const why = await supported(collector);
      if (why) skip(why);
      await slot(async () => {
        const jvm = await startJvm(collector, []);
        const outDir = join(dir, `switched-log-${collector}`);
        const view = await call<AttachView>('session:attach', { pid: jvm.pid, options: { outDir, enableJvmGcLog: true } });
        const { attachId } = view;
        const switched = /file=(\/tmp\/gclens-\d+-[0-9a-f]+\.log)/.exec(await jvm.jcmd('VM.log', 'list'))?.[1];
        expect(switched).toBeDefined();
        expect(view.notes.join('\n')).toContain(switched);
        expect(view.collectors).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'gc-log', state: 'running', detail: switched })]));

        await collectTwice(jvm);
        await until('an event from the switched-on log', async () => (await state(attachId)).counts.events > 0);
        await until('jstat samples', async () => (await state(attachId)).counts.jstatSamples >= 2);

        const ended = await call<AttachEnded>('session:detach', { attachId });
        expect(ended.reason).toBe('detached');
        expect(await jvm.jcmd('VM.log', 'list')).not.toContain(switched!);
        expect(existsSync(switched!)).toBe(false);
        jvm.stop();

        const manifest = checkSession(expect, outDir);
        const gcLog = manifest.artifacts.find((a) => a.kind === 'gc-log')!;
        expect(gcLog.source).toBe(switched);
        expect(readFileSync(join(outDir, gcLog.path), 'utf8')).toMatch(/\[gc/);
        const notes = manifest.artifacts.find((a) => a.path.endsWith('attach-notes.txt'))!;
        expect(readFileSync(join(outDir, notes.path), 'utf8')).toContain(`The GC log ${switched} was switched off.`);
      });
    });
  }
});
