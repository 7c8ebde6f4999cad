import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gcEvent } from '../parsers/gc-log-parser';
import { parseGoSnapshot, type HeapTextSnapshot } from '../snapshots/go';
import { MemStatsRing } from './memstats-ring';

const testdata = resolve(__dirname, '../snapshots/go/testdata');
const heapText = (name: string) => parseGoSnapshot(readFileSync(resolve(testdata, name)), name) as HeapTextSnapshot;

describe('MemStatsRing', () => {
  it('takes each collection once across two real polls of one process (NumGC 8, then 13)', () => {
    const first = heapText('memleak-1.heap.txt');
    const second = heapText('memleak-2.heap.txt');
    const ring = new MemStatsRing(null);
    const a = ring.take(first.gcEvents);
    expect(a.fresh.map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const b = ring.take(second.gcEvents);
    expect(b).toMatchObject({ missed: 0 });
    expect(b.fresh.map((e) => e.id)).toEqual([9, 10, 11, 12, 13]);
    expect(ring.take(second.gcEvents).fresh).toEqual([]);
    // One clock across polls: the ring's own startSec restarts at each poll's oldest slot; ours does not.
    const all = [...a.fresh, ...b.fresh];
    expect(all[0]!.startSec).toBe(0);
    for (let i = 1; i < all.length; i++) expect(all[i]!.startSec!).toBeGreaterThanOrEqual(all[i - 1]!.startSec!);
    expect(b.fresh.map((e) => e.pauseMs)).toEqual(second.gcEvents.slice(-5).map((e) => e.pauseMs));
  });

  it('puts pauses on the process clock from its start time', () => {
    const startMs = Date.parse('2026-01-01T00:00:00.000Z');
    const ring = new MemStatsRing(startMs);
    const event = gcEvent({ runtime: 'go', collector: 'go', kind: 'cycle', id: 3, pauseMs: 0.5, wallTime: '2026-01-01T00:00:12.000Z', source: { file: 'x', line: 1 } });
    expect(ring.take([event]).fresh[0]!.startSec).toBeCloseTo(11.9995, 6);
  });

  it('counts collections that fell out of the ring between polls', () => {
    const ring = new MemStatsRing(0);
    const at = (id: number) => gcEvent({ runtime: 'go', collector: 'go', kind: 'cycle', id, pauseMs: 1, wallTime: new Date(id * 1000).toISOString(), source: { file: 'x', line: 1 } });
    ring.take([at(1), at(2)]);
    expect(ring.take([at(300), at(301)])).toMatchObject({ missed: 297 });
    expect(ring.lastGcNumber).toBe(301);
  });
});
