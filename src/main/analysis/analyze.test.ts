import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { gcEvent, goSeries, jvmSeries, lcg, MIB, runStart } from './synthetic-events';

describe('analyze: the leak verdict on series of known shape', () => {
  it('a Go live heap climbing 1 MiB/s is a leak, with its rate, its evidence and the time to the limit', () => {
    const noise = lcg(11);
    // 200 cycles, one every 0.5 s: live = 10 MiB + 1 MiB/s · t, ±0.5 MiB.
    const events = goSeries(200, 0.5, (t) => 10 * MIB + t * MIB + (noise() - 0.5) * MIB);
    const result = analyze({ events, limitBytes: 512 * MIB });
    expect(result.verdict).toBe('leak');
    expect(result.confidence).toBeGreaterThan(0.8);
    const trend = result.metrics.floorTrend!;
    expect(trend).toMatchObject({ source: 'go-live-heap', shape: 'rising', collections: 200 });
    expect(trend.slopeBytesPerSec / MIB).toBeCloseTo(1, 1);
    // The floor ends near 10 + 99.5 = 109.5 MiB; (512 − 109.5) MiB at 1 MiB/s is about 402 s.
    expect(result.metrics.timeToLimitSec!).toBeGreaterThan(380);
    expect(result.metrics.timeToLimitSec!).toBeLessThan(425);
    expect(result.summary).toMatch(/^Leak: the live heap rises steadily at 60\.\d MiB\/min .* reaches the limit of 512 MiB in \d+ min\.$/);

    const leak = result.findings.find((f) => f.rule === 'memory-leak')!;
    expect(leak.severity).toBe('critical');
    expect(leak.evidence).toEqual([
      { artifact: 'test.log', lineRange: { from: 1, to: 200 }, lines: [1, 200], timeRange: { fromSec: 0, toSec: 99.5005 }, what: 'the 200 collections whose post-GC figure the trend is fitted on' },
    ]);
    // Under an hour to the limit: out of memory ahead, critical.
    expect(result.findings.find((f) => f.rule === 'oom-ahead')).toMatchObject({ severity: 'critical' });
  });

  it('warm-up growth that levels off is not a leak', () => {
    // Live heap 50 MiB · (1 − e^(−t/20)) over 300 s: it rises for a minute, then holds.
    const result = analyze({ events: goSeries(300, 1, (t) => 50 * MIB * (1 - Math.exp(-t / 20)) + MIB) });
    expect(result.verdict).toBe('no-leak');
    expect(result.metrics.floorTrend!.shape).toBe('levelled');
    expect(result.summary).toMatch(/^No leak: the live heap grew while warming up and then held at about 5\d\.\d MiB/);
    expect(result.findings.map((f) => f.rule)).toContain('warm-up');
    expect(result.metrics.timeToLimitSec).toBeNull();
  });

  it('a healthy JVM sawtooth is not a leak: the full collections bring the heap back to the same floor', () => {
    // Young collections every second leave 100 → 300 MiB (tenured garbage piling up);
    // every 50 s a full collection brings it back to 100 MiB. Five full collections: fewer
    // than the ten needed to follow them alone, so the floor is every collection, capped
    // by the later full collections.
    const events = jvmSeries(250, 1, 'young', (t) => 100 * MIB + ((t % 50) / 50) * 200 * MIB).map((e) =>
      (e.startSec! + 1) % 50 === 0 ? { ...e, kind: 'full' as const, heapAfterBytes: 100 * MIB } : e,
    );
    const result = analyze({ events });
    expect(result.metrics.floorTrend).toMatchObject({ source: 'every-collection', shape: 'flat' });
    expect(result.verdict).toBe('no-leak');
  });

  it('a Go heap that saws up and down around a flat live heap is not a leak', () => {
    const result = analyze({ events: goSeries(400, 0.25, () => 8 * MIB, (_t, i) => ({ heapBeforeBytes: (16 + (i % 7)) * MIB })) });
    expect(result.verdict).toBe('no-leak');
    expect(result.summary).toBe('No leak: the live heap stays at about 8.0 MiB over 100 s (400 collections).');
  });
});

describe('analyze: what it will not conclude', () => {
  it('too few collections: inconclusive, saying how many it has and needs', () => {
    const result = analyze({ events: goSeries(5, 10, (t) => t * MIB) });
    expect(result).toMatchObject({ verdict: 'inconclusive', confidence: 0 });
    expect(result.summary).toBe('Inconclusive: only 5 collections report the live heap; at least 10 are needed for a trend.');
  });

  it('too short a window: inconclusive, however steep the rise', () => {
    const result = analyze({ events: goSeries(100, 0.1, (t) => t * 100 * MIB) });
    expect(result.verdict).toBe('inconclusive');
    expect(result.summary).toMatch(/cover only 9\.9 s; at least 30 s are needed/);
  });

  it('no input at all', () => {
    const result = analyze({ events: [] });
    expect(result.summary).toBe('Inconclusive: the input holds no garbage collections.');
    expect(result.metrics).toMatchObject({ events: 0, runtime: null, window: null, pauses: null, gcOverheadPercent: null, mmu: [] });
  });

  it('ZGC logged without heap lines: the metrics that need heap numbers are absent, never zero', () => {
    const events = Array.from({ length: 40 }, (_, i) => gcEvent({ line: i + 1, collector: 'ZGC', kind: 'cycle', startSec: i * 2, pauseMs: 0.05 }));
    const result = analyze({ events });
    expect(result.verdict).toBe('inconclusive');
    expect(result.summary).toMatch(/no collection in the log reports the heap left after it/);
    expect(result.metrics).toMatchObject({ allocationRate: null, floorTrend: null, peakHeapBytes: null, maxCommittedBytes: null, limit: null, timeToLimitSec: null });
    // Pauses it does have: 40 × 0.05 ms over 78 s.
    expect(result.metrics.gcOverheadPercent!).toBeCloseTo((40 * 0.05) / 1000 / 78.00005 * 100, 9);
    expect(result.notes).toContain('No collection reports the heap after it: the allocation rate, floor trend and projection are absent.');
  });

  it('a log without timestamps: pause statistics yes, nothing over time', () => {
    const events = Array.from({ length: 30 }, (_, i) => gcEvent({ line: i + 1, runtime: 'go', collector: 'go', kind: 'cycle', pauseMs: i + 1, liveBytes: i * MIB }));
    const result = analyze({ events });
    expect(result.metrics.clock).toBe('none');
    expect(result.metrics.pauses).toMatchObject({ count: 30, maxMs: 30, p50Ms: 15 });
    expect(result.metrics).toMatchObject({ gcOverheadPercent: null, allocationRate: null, floorTrend: null, mmu: [] });
    expect(result.summary).toBe('Inconclusive: the log carries no timestamps, so growth over time cannot be measured.');
  });

  it('analyses only the last run of a restarted process', () => {
    const first = goSeries(50, 1, (t) => t * 10 * MIB);
    const second = goSeries(100, 1, () => 20 * MIB).map((e) => ({ ...e, source: { file: 'test.log', line: e.source.line + 1000 } }));
    const result = analyze({ events: [...first, runStart(1, 1000), ...second] });
    expect(result.metrics).toMatchObject({ runs: 2, events: 100 });
    expect(result.verdict).toBe('no-leak');
    expect(result.notes[0]).toMatch(/2 process runs; only the last, from test\.log:1000, is analysed/);
  });

  it('is deterministic: the same input gives the same JSON', () => {
    const noise = lcg(5);
    const events = goSeries(300, 0.5, (t) => 10 * MIB + t * 0.2 * MIB + noise() * MIB);
    expect(JSON.stringify(analyze({ events }))).toBe(JSON.stringify(analyze({ events: [...events] })));
  });
});

describe('analyze: goroutine leaks', () => {
  it('Go stacks rising while the live heap stays flat: a goroutine leak, and the verdict says so', () => {
    // gctrace `S MB stacks`: +1 MiB every 4 s over 100 s, a goroutine leak the heap barely shows.
    // Observed levels are medians of the first and last tenth (20 cycles each): 1 MiB and 23 MiB.
    const events = goSeries(200, 0.5, () => 30 * MIB, (t) => ({ stacksBytes: Math.floor(t / 4) * MIB }));
    const result = analyze({ events });
    expect(result.verdict).toBe('leak');
    expect(result.summary).toMatch(/^Leak: goroutine stacks grow steadily at 15\.\d MiB\/min \(1\.0 MiB → 23\.0 MiB over 100 s\): goroutines are started and never finish\.$/);
    expect(result.findings[0]).toMatchObject({ rule: 'goroutine-leak', severity: 'critical' });
  });
});

describe('analyze: size', () => {
  it('takes a 300,000-cycle run in one piece (no argument-spreading of whole series)', () => {
    const events = goSeries(300_000, 0.01, () => 8 * MIB, () => ({ liveBytes: 8 * MIB }));
    // Every cycle pinned at a 8 MiB limit: the longest run is the whole series.
    const result = analyze({ events, limitBytes: 8 * MIB });
    expect(result.metrics.events).toBe(300_000);
    expect(result.metrics.floorTrend!.points).toBe(2000);
    expect(result.findings.find((f) => f.rule === 'heap-at-limit')!.metrics['consecutiveCollections']).toBe(300_000);
  });
});
