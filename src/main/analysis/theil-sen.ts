/**
 * The Theil–Sen line: slope the median of the slopes between every pair of
 * points, intercept the median of the residuals. Up to ~29 % of the points
 * can be wild (a cache flush, a one-off batch) without moving it, where a
 * least-squares line follows them. Pairs are O(n²), so a long series is first
 * thinned to at most `maxPoints` chosen evenly by position: deterministic,
 * and it keeps the series' start and end.
 */
import { medianInPlace } from './percentile';

export interface Line {
  slope: number;
  /** y at x = 0. */
  intercept: number;
  /** 1 − SS_res/SS_tot of this line over the points used, floored at 0; null when y never moves. */
  r2: number | null;
  /** Points the line was fitted on. */
  points: number;
}

/** Indices of at most `max` points spread evenly over 0..n-1, first and last included. */
export function evenIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  if (max < 2) return [n - 1];
  const out: number[] = [];
  for (let k = 0; k < max; k++) out.push(Math.round((k * (n - 1)) / (max - 1)));
  return out;
}

/** Null with fewer than two distinct x values. */
export function theilSen(x: ArrayLike<number>, y: ArrayLike<number>, maxPoints = 2000): Line | null {
  const picked = evenIndices(Math.min(x.length, y.length), maxPoints);
  const m = picked.length;
  const px = Float64Array.from(picked, (i) => x[i]!);
  const py = Float64Array.from(picked, (i) => y[i]!);
  const slopes = new Float64Array((m * (m - 1)) / 2);
  let count = 0;
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      const dx = px[j]! - px[i]!;
      // Points at the same x say nothing about the slope.
      if (dx !== 0) slopes[count++] = (py[j]! - py[i]!) / dx;
    }
  }
  if (count === 0) return null;
  const slope = medianInPlace(slopes.subarray(0, count));
  const residuals = Float64Array.from(px, (xi, i) => py[i]! - slope * xi);
  const intercept = medianInPlace(residuals);
  return { slope, intercept, r2: rSquared(px, py, slope, intercept), points: m };
}

function rSquared(x: Float64Array, y: Float64Array, slope: number, intercept: number): number | null {
  let mean = 0;
  for (const v of y) mean += v;
  mean /= y.length;
  let ssTot = 0;
  let ssRes = 0;
  for (let i = 0; i < y.length; i++) {
    ssTot += (y[i]! - mean) ** 2;
    ssRes += (y[i]! - (slope * x[i]! + intercept)) ** 2;
  }
  if (ssTot === 0) return null;
  return Math.max(0, 1 - ssRes / ssTot);
}
