import { describe, expect, it } from 'vitest';
import { median, medianInPlace, nearestRank, selectInPlace } from './percentile';
import { lcg } from './synthetic-events';

describe('nearestRank', () => {
  const tenPauses = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  it('takes the value at rank ceil(p/100 · n), never interpolating', () => {
    // n = 10: p50 → rank 5, p90 → rank 9, p99 → ceil(9.9) = 10, p99.9 → ceil(9.99) = 10.
    expect(nearestRank(tenPauses, 50)).toBe(5);
    expect(nearestRank(tenPauses, 90)).toBe(9);
    expect(nearestRank(tenPauses, 99)).toBe(10);
    expect(nearestRank(tenPauses, 99.9)).toBe(10);
    expect(nearestRank(tenPauses, 100)).toBe(10);
    // p0 still answers an observed value: the smallest.
    expect(nearestRank(tenPauses, 0)).toBe(1);
  });

  it('needs 1,000 values before p99.9 is not the maximum', () => {
    const thousand = Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(nearestRank(thousand, 99.9)).toBe(999);
    expect(nearestRank(thousand, 99)).toBe(990);
  });

  it('answers NaN for no values', () => {
    expect(nearestRank([], 50)).toBeNaN();
  });
});

describe('median and selection', () => {
  it('is the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
  });

  it('agrees with a full sort on every rank of a shuffled series with ties', () => {
    const next = lcg(42);
    const values = Array.from({ length: 301 }, () => Math.floor(next() * 50));
    const sorted = [...values].sort((a, b) => a - b);
    for (const k of [0, 1, 150, 299, 300]) expect(selectInPlace(Float64Array.from(values), k)).toBe(sorted[k]);
    expect(medianInPlace(Float64Array.from(values))).toBe(sorted[150]);
  });
});
