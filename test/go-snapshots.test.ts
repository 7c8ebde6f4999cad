/**
 * Go snapshots taken from a real leaking process: the memleak fixture serves
 * net/http/pprof on loopback; we fetch heap and goroutine profiles (protobuf
 * and text) twice, a few seconds apart, and check that the diff names the
 * leaks, and that it equals `go tool pprof -top -diff_base` on the very same
 * files. The Go toolchain is required.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoroutineTextSnapshot, GoSnapshot, HeapTextSnapshot } from '../src/main/snapshots/go/go-snapshot';
import { loadGoSnapshot } from '../src/main/snapshots/go/go-snapshot-loader';
import { comparePprofTop, goToolPprofTop } from '../src/main/snapshots/go/go-tool-pprof';
import { diffGoSnapshots } from '../src/main/snapshots/go/snapshot-diff';
import { buildGoFixture } from './helpers/go-fixture';

const dir = mkdtempSync(join(tmpdir(), 'gclens-go-snapshots-'));
const children: ChildProcess[] = [];

/** Starts the fixture and answers its base URL once it prints the port it serves on. */
async function startMemleak(args: string[]): Promise<string> {
  const binary = await buildGoFixture('memleak');
  const env: NodeJS.ProcessEnv = { ...process.env };
  // The leak rates are tuned for the runtime's defaults.
  delete env.GOGC;
  delete env.GOMEMLIMIT;
  delete env.GODEBUG;
  const child = spawn(binary, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`memleak printed no address in 30 s\n${stdout}${stderr}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`memleak exited with ${code}\n${stderr}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const m = /memleak listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    });
  });
}

const ENDPOINTS = {
  heap: '/debug/pprof/heap',
  goroutine: '/debug/pprof/goroutine',
  'goroutine-debug1': '/debug/pprof/goroutine?debug=1',
  'goroutine-debug2': '/debug/pprof/goroutine?debug=2',
  'heap-debug1': '/debug/pprof/heap?debug=1',
} as const;
type Endpoint = keyof typeof ENDPOINTS;

/** Fetches every endpoint into `<dir>/<tag>.<endpoint>` and loads each file. */
async function capture(base: string, tag: string): Promise<Record<Endpoint, { path: string; snapshot: GoSnapshot }>> {
  const out = {} as Record<Endpoint, { path: string; snapshot: GoSnapshot }>;
  for (const [name, endpoint] of Object.entries(ENDPOINTS) as [Endpoint, string][]) {
    const response = await fetch(base + endpoint);
    expect(response.status, endpoint).toBe(200);
    const path = join(dir, `${tag}.${name}`);
    writeFileSync(path, Buffer.from(await response.arrayBuffer()));
    out[name] = { path, snapshot: await loadGoSnapshot(path, `${tag}.${name}`) };
  }
  return out;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
});

describe('two snapshots of the leaking fixture, three seconds apart', () => {
  let before: Awaited<ReturnType<typeof capture>>;
  let after: Awaited<ReturnType<typeof capture>>;

  beforeAll(async () => {
    const url = await startMemleak(['-tick', '100ms', '-buffer', String(1 << 20), '-entries', '256', '-entry-bytes', '1024', '-senders', '10']);
    await sleep(1000);
    before = await capture(url, 'before');
    await sleep(3000);
    after = await capture(url, 'after');
  });

  it('heap by function: the retained sub-slice is the top grower, the map close behind', () => {
    const diff = diffGoSnapshots(before.heap.snapshot, after.heap.snapshot, { by: 'function', sample: 'inuse_space' });
    expect(diff.rows[0]?.key).toBe('main.retainHeader');
    // About thirty 1 MiB buffers pinned in three seconds; sampling makes it an estimate.
    expect(diff.rows[0]?.delta).toBeGreaterThan(10 * 2 ** 20);
    expect(diff.rows.slice(0, 3).map((r) => r.key)).toContain('main.remember');
    expect(diff.newTotal).toBeGreaterThan(diff.baseTotal);
  });

  it('heap by stack: the top grower is the stack that ends in retainHeader', () => {
    const diff = diffGoSnapshots(before.heap.snapshot, after.heap.snapshot, { by: 'stack', sample: 'inuse_space', foldRuntime: true });
    expect(diff.rows[0]?.frames).toEqual(['main.retainHeader', 'main.main']);
  });

  it.each(['inuse_space', 'inuse_objects', 'alloc_space', 'alloc_objects'])('heap %s equals go tool pprof -top -diff_base', async (sample) => {
    const diff = diffGoSnapshots(before.heap.snapshot, after.heap.snapshot, { by: 'function', sample });
    const unit = diff.unit;
    const { rows } = await goToolPprofTop({ base: before.heap.path, profile: after.heap.path, sample, unit, cwd: dir });
    expect(rows.length).toBeGreaterThan(0);
    expect(comparePprofTop(diff.rows, rows)).toEqual([]);
  });

  it('goroutines, debug=2: the senders parked in chan send are one row, the top grower', () => {
    const diff = diffGoSnapshots(before['goroutine-debug2'].snapshot, after['goroutine-debug2'].snapshot, { by: 'goroutine' });
    expect(diff.rows[0]).toMatchObject({ key: '[chan send] main.parkSenders.func1', state: 'chan send', frames: ['main.parkSenders.func1'] });
    // Ten a tick for three seconds.
    expect(diff.rows[0]?.delta).toBeGreaterThan(150);
    const text = after['goroutine-debug2'].snapshot as GoroutineTextSnapshot;
    expect(text.goroutines.filter((g) => g.state === 'chan send')).toHaveLength(diff.rows[0]?.new ?? -1);
  });

  it('goroutines, debug=1 and protobuf: the same group on top, its count agreeing across formats', async () => {
    const text = diffGoSnapshots(before['goroutine-debug1'].snapshot, after['goroutine-debug1'].snapshot, { by: 'goroutine' });
    expect(text.rows[0]?.key).toBe('main.parkSenders.func1');
    const proto = diffGoSnapshots(before.goroutine.snapshot, after.goroutine.snapshot, { by: 'goroutine', foldRuntime: true });
    expect(proto.rows[0]?.key).toBe('main.parkSenders.func1');
    expect(proto.rows[0]?.delta).toBeGreaterThan(150);
    const byFunction = diffGoSnapshots(before.goroutine.snapshot, after.goroutine.snapshot, { by: 'function' });
    const { rows } = await goToolPprofTop({ base: before.goroutine.path, profile: after.goroutine.path, unit: 'count', cwd: dir });
    expect(comparePprofTop(byFunction.rows, rows)).toEqual([]);
    expect(rows.find((r) => r.name === 'main.parkSenders.func1')?.flat).toBe(0);
  });

  it('heap?debug=1: the same top grower, and MemStats whose pause ring became GC events', () => {
    const diff = diffGoSnapshots(before['heap-debug1'].snapshot, after['heap-debug1'].snapshot, { by: 'function', sample: 'inuse_space' });
    expect(diff.rows[0]?.key).toBe('main.retainHeader');
    const a = before['heap-debug1'].snapshot as HeapTextSnapshot;
    const b = after['heap-debug1'].snapshot as HeapTextSnapshot;
    expect(b.memStats.numGC).toBeGreaterThan(a.memStats.numGC ?? Infinity);
    expect(b.memStats.heapAlloc).toBeGreaterThan((a.memStats.heapAlloc ?? Infinity) + 10 * 2 ** 20);
    const numGC = b.memStats.numGC ?? 0;
    expect(b.gcEvents).toHaveLength(Math.min(numGC, 256));
    expect(b.gcEvents.at(-1)?.id).toBe(numGC);
    expect(b.gcEvents.every((e) => e.pauseMs > 0 && e.startSec !== null)).toBe(true);
  });
});

describe('a fixture that has collected more than 256 times', () => {
  it('keeps the last 256 pauses in GC order, once the ring has wrapped', async () => {
    const url = await startMemleak(['-tick', '1ms', '-buffer', '4096', '-entries', '0', '-senders', '0', '-garbage', String(16 << 20)]);
    let heap: HeapTextSnapshot | undefined;
    for (let attempt = 0; attempt < 60; attempt++) {
      await sleep(500);
      const path = join(dir, `wrapped-${attempt}.heap-debug1`);
      writeFileSync(path, Buffer.from(await (await fetch(`${url}/debug/pprof/heap?debug=1`)).arrayBuffer()));
      heap = (await loadGoSnapshot(path, 'wrapped')) as HeapTextSnapshot;
      if ((heap.memStats.numGC ?? 0) > 300) break;
    }
    const numGC = heap?.memStats.numGC ?? 0;
    expect(numGC).toBeGreaterThan(300);
    const events = heap?.gcEvents ?? [];
    expect(events.map((e) => e.id)).toEqual(Array.from({ length: 256 }, (_, i) => numGC - 255 + i));
    // Oldest first: each pause ended no earlier than the one before.
    for (let i = 1; i < events.length; i++) expect(events[i]!.startSec!).toBeGreaterThanOrEqual(events[i - 1]!.startSec!);
    expect(events[0]?.startSec).toBe(0);
  });
});
