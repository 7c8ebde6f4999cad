import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusPath, hasCorpus } from '../../../../test/helpers/corpus';
import { GclensError } from '../../../shared/result';
import type { GoSnapshot } from './go-snapshot';
import { parseGoSnapshot } from './go-snapshot-loader';
import { comparePprofTop, goToolPprofTop } from './go-tool-pprof';
import { diffGoSnapshots } from './snapshot-diff';

const testdataPath = (name: string): string => join(__dirname, 'testdata', name);
const load = (name: string): GoSnapshot => parseGoSnapshot(readFileSync(testdataPath(name)), name);
const cwd = mkdtempSync(join(tmpdir(), 'gclens-pprof-'));

function diffError(run: () => unknown): GclensError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(GclensError);
    return err as GclensError;
  }
  throw new Error('no error');
}

describe('heap diff of two fixture snapshots a second apart', () => {
  const base = load('memleak-1.heap.pb.gz');
  const next = load('memleak-2.heap.pb.gz');

  it('by function: the sub-slice leak grows most, the map leak next; equal to go tool pprof -diff_base', async () => {
    const diff = diffGoSnapshots(base, next, { by: 'function', sample: 'inuse_space' });
    expect(diff).toMatchObject({ kind: 'pprof', sample: 'inuse_space', unit: 'bytes', by: 'function' });
    expect(diff.rows[0]).toMatchObject({ key: 'main.retainHeader', base: 4850786, new: 14552359, delta: 9701573, cumDelta: 9701573 });
    expect(diff.rows[1]?.key).toBe('main.remember');
    for (let i = 1; i < diff.rows.length; i++) expect(diff.rows[i - 1]!.delta).toBeGreaterThanOrEqual(diff.rows[i]!.delta);
    const { rows } = await goToolPprofTop({ base: testdataPath('memleak-1.heap.pb.gz'), profile: testdataPath('memleak-2.heap.pb.gz'), sample: 'inuse_space', unit: 'bytes', cwd });
    expect(comparePprofTop(diff.rows, rows)).toEqual([]);
  });

  it('defaults to the profile default sample type (the last, inuse_space, for a heap profile)', () => {
    expect(diffGoSnapshots(base, next, { by: 'function' }).sample).toBe('inuse_space');
  });

  it('by stack: whole stacks, leaf first', () => {
    const diff = diffGoSnapshots(base, next, { by: 'stack', sample: 'inuse_space' });
    expect(diff.rows[0]).toMatchObject({ key: 'main.retainHeader < main.main < runtime.main', frames: ['main.retainHeader', 'main.main', 'runtime.main'], delta: 9701573 });
    expect(diff.baseTotal).toBe(diffGoSnapshots(base, next, { by: 'function', sample: 'inuse_space' }).baseTotal);
  });

  it('folds runtime frames out of stacks, and filters rows by key', () => {
    const folded = diffGoSnapshots(base, next, { by: 'stack', sample: 'inuse_space', foldRuntime: true });
    expect(folded.rows[0]?.key).toBe('main.retainHeader < main.main');
    expect(folded.rows.every((r) => r.frames?.every((f) => !f.startsWith('runtime.')) || r.frames?.every((f) => f.startsWith('runtime.')))).toBe(true);
    const filtered = diffGoSnapshots(base, next, { by: 'function', sample: 'inuse_space', filter: '^main\\.(remember|churn)$' });
    expect(filtered.rows.map((r) => r.key).sort()).toEqual(['main.churn', 'main.remember']);
    expect(filtered.newTotal).toBe(diffGoSnapshots(base, next, { by: 'function', sample: 'inuse_space' }).newTotal);
    expect(diffGoSnapshots(base, next, { by: 'function', filter: /retain/g }).rows.map((r) => r.key)).toEqual(['main.retainHeader']);
  });

  it('refuses snapshots of different kinds, incompatible samples, unknown sample types and bad filters', () => {
    const goroutines = load('memleak-2.goroutine-debug2.txt');
    const kinds = diffError(() => diffGoSnapshots(base, goroutines, { by: 'function' }));
    expect(kinds.message).toBe(
      'cannot diff memleak-1.heap.pb.gz (pprof) against memleak-2.goroutine-debug2.txt (goroutine-text): they are different kinds of snapshot',
    );
    const samples = diffError(() => diffGoSnapshots(base, load('memleak-2.goroutine.pb.gz'), { by: 'function' }));
    expect(samples.message).toMatch(/^cannot diff memleak-1\.heap\.pb\.gz \(samples alloc_objects\/count, .*\) against memleak-2\.goroutine\.pb\.gz \(samples goroutine\/count\): their sample types differ$/);
    expect(diffError(() => diffGoSnapshots(base, next, { by: 'function', sample: 'cpu' })).message).toMatch(/memleak-2\.heap\.pb\.gz has no sample type "cpu"/);
    expect(diffError(() => diffGoSnapshots(base, next, { by: 'function', filter: '(' })).kind).toBe('invalid-argument');
    expect(diffError(() => diffGoSnapshots(base, next, { by: 'class' })).message).toMatch(/by function, stack or goroutine, not by class/);
  });
});

describe('goroutine diffs of two fixture snapshots a second apart', () => {
  it('debug=2: one row per stack and state, the parked senders on top', () => {
    const diff = diffGoSnapshots(load('memleak-1.goroutine-debug2.txt'), load('memleak-2.goroutine-debug2.txt'), { by: 'goroutine' });
    expect(diff).toMatchObject({ kind: 'goroutine-text', sample: 'goroutine', unit: 'count', baseTotal: 25, newTotal: 58 });
    expect(diff.rows[0]).toEqual({ key: '[chan send] main.parkSenders.func1', base: 21, new: 54, delta: 33, frames: ['main.parkSenders.func1'], state: 'chan send' });
  });

  it('debug=1 against debug=2: no states on one side, so rows are by stack alone', () => {
    const diff = diffGoSnapshots(load('memleak-1.goroutine-debug1.txt'), load('memleak-2.goroutine-debug2.txt'), { by: 'goroutine' });
    expect(diff.rows[0]).toMatchObject({ key: 'main.parkSenders.func1', base: 21, new: 54, delta: 33 });
    expect(diff.rows[0]?.state).toBeUndefined();
  });

  it('protobuf: the runtime frames fold away to leave the sender; equal to go tool pprof -diff_base', async () => {
    const base = load('memleak-1.goroutine.pb.gz');
    const next = load('memleak-2.goroutine.pb.gz');
    const folded = diffGoSnapshots(base, next, { by: 'goroutine', foldRuntime: true });
    expect(folded.rows[0]).toMatchObject({ key: 'main.parkSenders.func1', base: 24, new: 54, delta: 30 });
    const unfolded = diffGoSnapshots(base, next, { by: 'goroutine' });
    expect(unfolded.rows[0]?.frames).toEqual(['runtime.gopark', 'runtime.chansend', 'runtime.chansend1', 'main.parkSenders.func1']);
    const byFunction = diffGoSnapshots(base, next, { by: 'function' });
    const { rows } = await goToolPprofTop({ base: testdataPath('memleak-1.goroutine.pb.gz'), profile: testdataPath('memleak-2.goroutine.pb.gz'), unit: 'count', cwd });
    expect(comparePprofTop(byFunction.rows, rows)).toEqual([]);
  });
});

describe.skipIf(!hasCorpus)('legacy text heap profiles diff like protobuf ones', () => {
  it('gobench.heap against itself: every delta zero', () => {
    const heap = parseGoSnapshot(readFileSync(corpusPath('pprof/google-pprof/legacy/gobench.heap')), 'gobench.heap');
    const diff = diffGoSnapshots(heap, heap, { by: 'stack', sample: 'inuse_space' });
    expect(diff.rows.length).toBeGreaterThan(5);
    expect(diff.rows.every((r) => r.delta === 0)).toBe(true);
    expect(diff.rows.find((r) => r.key === '(no frames)')).toMatchObject({ base: 524432, new: 524432 });
  });
});
