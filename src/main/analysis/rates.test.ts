import { describe, expect, it } from 'vitest';
import { allocationRate, promotionRate } from './rates';
import { gcEvent, MIB } from './synthetic-events';

const timed = (events: ReturnType<typeof gcEvent>[]) => events.map((event) => ({ event, t: event.startSec! }));

describe('allocationRate', () => {
  it('JVM: heap before a collection minus heap after the previous one, over the time between', () => {
    const rate = allocationRate(
      timed([
        gcEvent({ line: 1, startSec: 0, heapBeforeBytes: 100 * MIB, heapAfterBytes: 20 * MIB }),
        // 120 − 20 = 100 MiB in 1 s.
        gcEvent({ line: 2, startSec: 1, heapBeforeBytes: 120 * MIB, heapAfterBytes: 30 * MIB }),
        // 330 − 30 = 300 MiB in 2 s: 150 MiB/s.
        gcEvent({ line: 3, startSec: 3, heapBeforeBytes: 330 * MIB, heapAfterBytes: 30 * MIB }),
      ]),
    )!;
    // 400 MiB over 3 s; per-interval rates 100 and 150, median 125.
    expect(rate.meanBytesPerSec).toBeCloseTo((400 * MIB) / 3, 6);
    expect(rate.medianBytesPerSec).toBe(125 * MIB);
    expect(rate.intervals).toBe(2);
  });

  it('Go: counts from the marked heap, plus what was allocated during the previous cycle\'s mark', () => {
    const rate = allocationRate(
      timed([
        // 4->5->2 MB: 1 MiB allocated while marking; the live counter restarts at 2 MiB.
        gcEvent({ line: 1, runtime: 'go', kind: 'cycle', startSec: 0, heapBeforeBytes: 4 * MIB, heapAfterBytes: 5 * MIB, liveBytes: 2 * MIB }),
        // 6 − 2 + 1 = 5 MiB in 0.5 s.
        gcEvent({ line: 2, runtime: 'go', kind: 'cycle', startSec: 0.5, heapBeforeBytes: 6 * MIB, heapAfterBytes: 6 * MIB, liveBytes: 3 * MIB }),
      ]),
    )!;
    expect(rate.meanBytesPerSec).toBe(10 * MIB);
  });

  it('skips an interval where memory was freed outside a pause, and is null without heap numbers', () => {
    const rate = allocationRate(
      timed([
        gcEvent({ line: 1, startSec: 0, heapBeforeBytes: 100 * MIB, heapAfterBytes: 90 * MIB }),
        // A concurrent sweep freed memory: 50 − 90 < 0, skipped.
        gcEvent({ line: 2, startSec: 1, heapBeforeBytes: 50 * MIB, heapAfterBytes: 40 * MIB }),
        gcEvent({ line: 3, startSec: 2, heapBeforeBytes: 60 * MIB, heapAfterBytes: 40 * MIB }),
      ]),
    )!;
    expect(rate.intervals).toBe(1);
    expect(rate.meanBytesPerSec).toBe(20 * MIB);
    expect(allocationRate(timed([gcEvent({ line: 1, startSec: 0 }), gcEvent({ line: 2, startSec: 1 })]))).toBeNull();
  });
});

describe('promotionRate', () => {
  const young = (line: number, startSec: number, oldBefore: number, oldAfter: number) =>
    gcEvent({ line, startSec, generations: { old: { beforeBytes: oldBefore * MIB, afterBytes: oldAfter * MIB, committedBytes: null } } });

  it('sums old-after − old-before of each young collection over the time since the previous one', () => {
    // 2 MiB promoted over 1 s, then 6 MiB over 2 s: 8 MiB over 3 s; rates 2 and 3 MiB/s.
    const rate = promotionRate(timed([young(1, 0, 10, 11), young(2, 1, 11, 13), young(3, 3, 13, 19)]))!;
    expect(rate.meanBytesPerSec).toBeCloseTo((8 * MIB) / 3, 6);
    expect(rate.medianBytesPerSec).toBe(2.5 * MIB);
  });

  it('is null without old-generation detail', () => {
    expect(promotionRate(timed([gcEvent({ line: 1, startSec: 0 }), gcEvent({ line: 2, startSec: 1 })]))).toBeNull();
  });
});
