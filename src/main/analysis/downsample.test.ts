import { describe, expect, it } from 'vitest';
import { lttbIndices, mergeIndices, minMaxIndices } from './downsample';

describe('minMaxIndices', () => {
  it('keeps every point when there are few', () => {
    expect(minMaxIndices([3, 1, 2], 10)).toEqual([0, 1, 2]);
  });

  it('never loses a single spike among a million flat points', () => {
    const y = new Float64Array(1_000_000).fill(1);
    y[777_777] = 900;
    const picked = minMaxIndices(y, 2000);
    expect(picked.length).toBeLessThanOrEqual(2000);
    expect(picked).toContain(777_777);
    expect(picked).toEqual([...picked].sort((a, b) => a - b));
  });
});

describe('lttbIndices', () => {
  it('keeps the first and last points and stays under the threshold', () => {
    const n = 10_000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 50));
    const picked = lttbIndices(x, y, 500);
    expect(picked).toHaveLength(500);
    expect(picked[0]).toBe(0);
    expect(picked.at(-1)).toBe(n - 1);
  });

  it('picks the peak of a triangle, the point that shapes the line', () => {
    // 0..9 rising then falling: the apex at 5 must survive a 3-point reduction.
    const x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const y = [0, 1, 2, 3, 4, 10, 4, 3, 2, 1, 0];
    expect(lttbIndices(x, y, 3)).toEqual([0, 5, 10]);
  });

  it('skips missing (NaN) values', () => {
    expect(lttbIndices([0, 1, 2, 3], [1, Number.NaN, 2, Number.NaN], 10)).toEqual([0, 2]);
  });
});

describe('mergeIndices', () => {
  it('unions, sorts and removes repeats', () => {
    expect(mergeIndices([5, 1, 3], [3, 2, 9])).toEqual([1, 2, 3, 5, 9]);
  });
});
