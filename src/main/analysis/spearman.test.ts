import { describe, expect, it } from 'vitest';
import { ranks, spearman } from './spearman';

describe('spearman', () => {
  it('gives ties the mean of the ranks they span', () => {
    expect([...ranks([10, 20, 20, 5])]).toEqual([2, 3.5, 3.5, 1]);
  });

  it('matches the hand-worked 1 − 6Σd²/(n(n²−1)) for a series without ties', () => {
    // Ranks of y: 2 1 4 3 5 against 1 2 3 4 5: d² sums to 4, so rho = 1 − 24/120 = 0.8.
    expect(spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])).toBeCloseTo(0.8, 12);
  });

  it('is 1 for any curve that only rises and −1 for one that only falls', () => {
    const x = [0, 1, 2, 3, 4, 5];
    expect(spearman(x, x.map((v) => Math.exp(v)))).toBeCloseTo(1, 12);
    expect(spearman(x, x.map((v) => -v * v))).toBeCloseTo(-1, 12);
  });

  it('is undefined (null) for a constant series or fewer than three points', () => {
    expect(spearman([1, 2, 3], [5, 5, 5])).toBeNull();
    expect(spearman([1, 2], [1, 2])).toBeNull();
  });
});
