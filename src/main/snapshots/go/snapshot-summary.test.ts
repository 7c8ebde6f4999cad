import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGoSnapshot } from './go-snapshot-loader';
import { summarizeGoSnapshot } from './snapshot-summary';

const load = (name: string) => parseGoSnapshot(readFileSync(join(__dirname, 'testdata', name)), name);

describe('one snapshot summarised', () => {
  it('a heap profile: its sample types, totals, capture time and largest functions', () => {
    const summary = summarizeGoSnapshot(load('memleak-2.heap.pb.gz'), 2);
    expect(summary).toMatchObject({
      kind: 'pprof',
      file: 'memleak-2.heap.pb.gz',
      profile: 'heap',
      samples: ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space'],
      defaultSample: 'inuse_space',
      units: { alloc_objects: 'count', alloc_space: 'bytes', inuse_objects: 'count', inuse_space: 'bytes' },
      by: 'function',
    });
    expect(summary.capturedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(summary.top).toHaveLength(2);
    expect(summary.top[0]).toEqual({ key: 'main.retainHeader', base: 0, new: 14552359, delta: 14552359, cumBase: 0, cumNew: 14552359, cumDelta: 14552359 });
    expect(summary.totals.inuse_space).toBeGreaterThan(14552359);
  });

  it('a goroutine dump: groups by stack and state; the text has no capture time', () => {
    const summary = summarizeGoSnapshot(load('memleak-2.goroutine-debug2.txt'), 1);
    expect(summary).toMatchObject({ kind: 'goroutine-text', profile: 'goroutine', samples: ['goroutine'], totals: { goroutine: 58 }, capturedAt: null, by: 'goroutine' });
    expect(summary.top).toEqual([{ key: '[chan send] main.parkSenders.func1', base: 0, new: 54, delta: 54, frames: ['main.parkSenders.func1'], state: 'chan send' }]);
  });

  it('a goroutine profile summarises by goroutine too', () => {
    expect(summarizeGoSnapshot(load('memleak-2.goroutine.pb.gz'), 3).by).toBe('goroutine');
  });
});
