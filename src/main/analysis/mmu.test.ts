import { describe, expect, it } from 'vitest';
import { mergeIntervals, mmu, pausedTime, worstWindow } from './mmu';

// A small pause timeline worked out by hand, in seconds:
//   [0, 2 ms]  [5, 6 ms]  [7, 10 ms]  [100, 101 ms]     run: 0 to 101 ms
const ms = (v: number) => v / 1000;
const PAUSES = [
  { startSec: ms(0), endSec: ms(2) },
  { startSec: ms(5), endSec: ms(6) },
  { startSec: ms(7), endSec: ms(10) },
  { startSec: ms(100), endSec: ms(101) },
];

describe('mmu', () => {
  it('matches the hand-worked utilisation for each window', () => {
    const points = mmu(PAUSES, 0, ms(101), [1, 5, 10, 100, 1000]);
    const by = Object.fromEntries(points.map((p) => [p.windowMs, p.utilisation]));
    // 1 ms fits inside the 2 ms pause: nothing left to the application.
    expect(by[1]).toBeCloseTo(0, 12);
    // 5 ms: [5, 10] holds 1 + 3 = 4 ms of pause (starting at a pause start); 1 − 4/5.
    expect(by[5]).toBeCloseTo(0.2, 12);
    // 10 ms: [0, 10] holds 2 + 1 + 3 = 6 ms; any later start loses part of the first pause.
    expect(by[10]).toBeCloseTo(0.4, 12);
    // 100 ms: [0, 100] and [1, 101] both hold 6 ms; 1 − 6/100.
    expect(by[100]).toBeCloseTo(0.94, 12);
    // 1 s is longer than the 101 ms run: no value rather than a made-up one.
    expect(by[1000]).toBeNull();
  });

  it('says where the worst window is', () => {
    const worst = worstWindow(pausedTime(PAUSES), 0, ms(101), ms(5))!;
    expect(worst.fromSec).toBeCloseTo(ms(5), 12);
    expect(worst.pausedSec).toBeCloseTo(ms(4), 12);
  });

  it('counts overlapping pauses once', () => {
    expect(mergeIntervals([{ startSec: 1, endSec: 3 }, { startSec: 0, endSec: 1.5 }, { startSec: 5, endSec: 6 }])).toEqual([
      { startSec: 0, endSec: 3 },
      { startSec: 5, endSec: 6 },
    ]);
    // Two copies of the same 2 ms pause are still 2 ms.
    const doubled = mmu([...PAUSES, PAUSES[0]!], 0, ms(101), [10]);
    expect(doubled[0]!.utilisation).toBeCloseTo(0.4, 12);
  });

  it('is 1 for a run without pauses', () => {
    expect(mmu([], 0, 10, [1000])[0]!.utilisation).toBe(1);
  });
});
