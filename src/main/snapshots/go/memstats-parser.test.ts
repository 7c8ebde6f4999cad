import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HeapTextSnapshot } from './go-snapshot';
import { parseGoSnapshot } from './go-snapshot-loader';
import { parseMemStats } from './memstats-parser';
import { splitLines } from './text-lines';

const heapText = readFileSync(join(__dirname, 'testdata', 'memleak-2.heap.txt'), 'utf8');

describe('runtime.MemStats from the memleak fixture heap?debug=1', () => {
  const snapshot = parseGoSnapshot(Buffer.from(heapText), 'memleak-2.heap.txt') as HeapTextSnapshot;

  it('reads every field', () => {
    const m = snapshot.memStats;
    expect(snapshot.kind).toBe('heap-text');
    expect(m.numGC).toBe(13);
    expect(m.numForcedGC).toBe(0);
    // 1795657065840921342 ns as printed, held as the nearest double.
    expect(m.lastGC).toBe(Number(1795657065840921342n));
    expect(m.gcCpuFraction).toBe(0.0017451875800111372);
    expect(m.debugGC).toBe(false);
    expect(m.pauseNs).toHaveLength(256);
    expect(m.pauseNs.slice(0, 3)).toEqual([363880, 200196, 88451]);
    for (const field of ['alloc', 'heapAlloc', 'heapInuse', 'heapSys', 'nextGC', 'stackInuse', 'stackSys', 'mSpanSys', 'mCacheInuse', 'maxRss'] as const) {
      expect(m[field], field).toBeGreaterThan(0);
    }
    expect(m.heapAlloc).toBe(m.alloc);
    expect(m.other).toEqual({});
  });

  it('turns the PauseNs/PauseEnd ring into one GC event per real slot, oldest first', () => {
    const events = snapshot.gcEvents;
    expect(events.map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(events[0]).toMatchObject({ type: 'gc', runtime: 'go', collector: 'go', kind: 'cycle', pauseMs: 0.36388, startSec: 0, gcCpuPercent: null });
    // GC 13 ended 1795657065840921342 ns, the first 1795657064195693028: exact in bigints, 1.645228314 s apart.
    expect(events[12]?.startSec).toBe(1.645228314);
    expect(events[12]?.pauseMs).toBe(0.169362);
    expect(events[12]?.wallTime).toBe(new Date(1795657065840).toISOString());
    expect(events[12]?.gcCpuPercent).toBeCloseTo(0.17451875800111372, 15);
    const pausesLine = heapText.split('\n').findIndex((l) => l.startsWith('# PauseNs')) + 1;
    expect(events[5]?.source).toEqual({ file: 'memleak-2.heap.txt', line: pausesLine });
  });

  it('follows the ring once it has wrapped: slot (NumGC + 255) % 256 is the latest', () => {
    // The same block with a ring that has wrapped: GC n paused n µs and ended n ms after a fixed time.
    const ring = (f: (n: number) => bigint): string =>
      `[${Array.from({ length: 256 }, (_, slot) => {
        // Slot s holds GC s + 1 + 256k: the largest such n ≤ 300.
        const n = slot + 1 + (slot + 1 + 256 <= 300 ? 256 : 0);
        return f(n).toString();
      }).join(' ')}]`;
    const wrapped = heapText
      .replace(/^# PauseNs = .*$/m, `# PauseNs = ${ring((n) => BigInt(n) * 1000n)}`)
      .replace(/^# PauseEnd = .*$/m, `# PauseEnd = ${ring((n) => 1795657064195693028n + BigInt(n) * 1_000_000n)}`)
      .replace(/^# NumGC = .*$/m, '# NumGC = 300');
    const source = splitLines(wrapped);
    const { gcEvents } = parseMemStats(source, source.lines.indexOf('# runtime.MemStats'), 'wrapped');
    expect(gcEvents).toHaveLength(256);
    expect(gcEvents[0]).toMatchObject({ id: 45, pauseMs: 0.045, startSec: 0 });
    expect(gcEvents[255]).toMatchObject({ id: 300, pauseMs: 0.3, startSec: 0.255 });
  });

  it('a ring of the wrong length, a field that is not a number', () => {
    const short = heapText.replace(/^# PauseNs = \[(\d+) /m, '# PauseNs = [');
    expect(() => parseGoSnapshot(Buffer.from(short), 'short')).toThrow(/short: PauseNs holds 255 numbers, not 256 at line \d+/);
    const bad = heapText.replace(/^# HeapAlloc = \d+$/m, '# HeapAlloc = lots');
    expect(() => parseGoSnapshot(Buffer.from(bad), 'bad')).toThrow(/bad: HeapAlloc is not a number at line \d+/);
  });
});
