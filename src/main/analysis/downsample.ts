/**
 * Picks which points of a long series to draw, so no chart gets more points
 * than it has pixels. Both return sorted indices into the input.
 */

/**
 * Largest-Triangle-Three-Buckets (Steinarsson, 2013): keeps the points that
 * shape the line. NaN values are skipped; the first and last real points stay.
 */
export function lttbIndices(x: ArrayLike<number>, y: ArrayLike<number>, threshold: number): number[] {
  const real: number[] = [];
  for (let i = 0; i < y.length; i++) if (!Number.isNaN(y[i]!) && !Number.isNaN(x[i]!)) real.push(i);
  if (real.length <= threshold || threshold < 3) return real;

  const picked = [real[0]!];
  const bucketSize = (real.length - 2) / (threshold - 2);
  let a = real[0]!;
  for (let b = 0; b < threshold - 2; b++) {
    const from = Math.floor(b * bucketSize) + 1;
    const to = Math.floor((b + 1) * bucketSize) + 1;
    // The average of the next bucket is the third corner of the triangle.
    const nextFrom = to;
    const nextTo = Math.min(Math.floor((b + 2) * bucketSize) + 1, real.length);
    let avgX = 0;
    let avgY = 0;
    for (let j = nextFrom; j < nextTo; j++) {
      avgX += x[real[j]!]!;
      avgY += y[real[j]!]!;
    }
    const n = Math.max(nextTo - nextFrom, 1);
    avgX /= n;
    avgY /= n;
    let best = real[from]!;
    let bestArea = -1;
    for (let j = from; j < to; j++) {
      const i = real[j]!;
      const area = Math.abs((x[a]! - avgX) * (y[i]! - y[a]!) - (x[a]! - x[i]!) * (avgY - y[a]!));
      if (area > bestArea) {
        bestArea = area;
        best = i;
      }
    }
    picked.push(best);
    a = best;
  }
  picked.push(real[real.length - 1]!);
  return picked;
}

/**
 * Min/max buckets: each of `threshold / 2` equal runs of points keeps its
 * smallest and its largest value, so a single spike always survives.
 */
export function minMaxIndices(y: ArrayLike<number>, threshold: number): number[] {
  const n = y.length;
  if (n <= threshold) return Array.from({ length: n }, (_, i) => i);
  const buckets = Math.max(Math.floor(threshold / 2), 1);
  const picked: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets);
    const to = Math.floor(((b + 1) * n) / buckets);
    let min = from;
    let max = from;
    for (let i = from + 1; i < to; i++) {
      if (y[i]! < y[min]!) min = i;
      if (y[i]! > y[max]!) max = i;
    }
    if (min === max) picked.push(min);
    else picked.push(Math.min(min, max), Math.max(min, max));
  }
  return picked;
}

/** Sorted union of index lists, without repeats. */
export function mergeIndices(...lists: number[][]): number[] {
  return [...new Set(lists.flat())].sort((a, b) => a - b);
}
