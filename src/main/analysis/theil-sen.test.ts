import { describe, expect, it } from 'vitest';
import { evenIndices, theilSen } from './theil-sen';

describe('theilSen', () => {
  it('ignores a wild point that drags a least-squares line far off', () => {
    // (0,0) (1,1) (2,2) (3,3) and an outlier (4,100). Pairwise slopes: six 1s among
    // the first four, then 100/4 = 25, 99/3 = 33, 98/2 = 49, 97/1 = 97. The median
    // of those ten is the mean of the 5th and 6th, both 1. Residuals y − x are
    // 0 0 0 0 96: intercept 0. Least squares would give a slope of 20.6.
    const line = theilSen([0, 1, 2, 3, 4], [0, 1, 2, 3, 100])!;
    expect(line.slope).toBe(1);
    expect(line.intercept).toBe(0);
    expect(line.points).toBe(5);
  });

  it('keeps its slope with two outliers out of nine, one on each side', () => {
    // y = 2x + 5 with (2, −50) and (6, 300) replaced.
    const x = [0, 1, 2, 3, 4, 5, 6, 7, 8];
    const y = x.map((v) => 2 * v + 5);
    y[2] = -50;
    y[6] = 300;
    const line = theilSen(x, y)!;
    expect(line.slope).toBe(2);
    expect(line.intercept).toBe(5);
  });

  it('has R² 1 for points on a line, and null when y never moves', () => {
    expect(theilSen([0, 1, 2], [1, 3, 5])!.r2).toBe(1);
    expect(theilSen([0, 1, 2], [4, 4, 4])!.r2).toBeNull();
  });

  it('skips pairs at the same x, and has no line without two distinct x', () => {
    // (1,0)-(1,2) says nothing; the other five slopes are 1, 1, −1, 0, 1: median 1.
    expect(theilSen([1, 1, 2, 3], [0, 2, 1, 2])!.slope).toBe(1);
    expect(theilSen([3, 3, 3], [1, 2, 3])).toBeNull();
  });

  it('thins a long series evenly by position, keeping both ends', () => {
    expect(evenIndices(5, 10)).toEqual([0, 1, 2, 3, 4]);
    expect(evenIndices(101, 5)).toEqual([0, 25, 50, 75, 100]);
    const n = 50_000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const line = theilSen(x, Float64Array.from(x, (v) => 3 * v + 7), 500)!;
    expect(line.points).toBe(500);
    expect(line.slope).toBeCloseTo(3, 12);
    expect(line.intercept).toBeCloseTo(7, 6);
  });
});
