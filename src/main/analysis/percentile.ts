/**
 * Order statistics. Percentiles use the nearest-rank definition: the p-th
 * percentile of n sorted values is the value at rank ceil(p/100 · n)
 * (1-based), so it is always a value that was observed (a real pause, not
 * an interpolation between two), and p100 is the maximum.
 */

/** Nearest-rank percentile of values already sorted ascending; NaN for none. */
export function nearestRank(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  // p·n/100 in floating point can land a hair above an integer (99.9 % of 1000 is 999.0000000000001): nudge it back.
  const exact = (p * n) / 100;
  const rank = Math.min(n, Math.max(1, Math.ceil(exact - 1e-9 * Math.max(1, exact))));
  return sorted[rank - 1]!;
}

/**
 * Rearranges `a` so that a[k] is the value a full sort would put there, with
 * nothing smaller after it and nothing larger before it (Hoare's selection,
 * median-of-three pivots). O(n) on average; deterministic.
 */
export function selectInPlace(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of three as pivot keeps sorted and reversed inputs linear.
    if (a[mid]! < a[lo]!) swap(a, mid, lo);
    if (a[hi]! < a[lo]!) swap(a, hi, lo);
    if (a[hi]! < a[mid]!) swap(a, hi, mid);
    const pivot = a[mid]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) swap(a, i++, j--);
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k]!;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/** The median (mean of the two middle values for an even count); NaN for none. Reorders `values`. */
export function medianInPlace(values: Float64Array): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const upper = selectInPlace(values, n >> 1);
  if (n % 2 === 1) return upper;
  // After selection everything before n/2 is <= upper: the lower middle is their maximum.
  let lower = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n >> 1; i++) if (values[i]! > lower) lower = values[i]!;
  return (lower + upper) / 2;
}

export function median(values: ArrayLike<number>): number {
  return medianInPlace(Float64Array.from(values));
}
