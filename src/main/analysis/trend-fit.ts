/**
 * A robust trend of a series over time, shared by the post-GC floor, Go's
 * goroutine stacks and the JVM's metaspace.
 *
 * Collections bunch up in time (a burst of full GCs at start-up, then one an
 * hour), and a pairwise-slope estimator counts pairs: a bunch of 20 points in
 * 30 s would outvote three points spread over an hour. So the series is first
 * put on an even time grid: the window is cut into at most `maxPoints` equal
 * buckets and each non-empty bucket keeps its lowest point (the lower
 * envelope: what the heap came back down to in that stretch). The Theil–Sen
 * line and Spearman's rho are taken over those; then two more lines over the
 * second half (the current rate) and the last third (still growing?).
 */
import type { TrendShape } from '../../shared/analysis';
import { median } from './percentile';
import { spearman } from './spearman';
import { theilSen, type Line } from './theil-sen';

export interface SeriesPoint {
  t: number;
  y: number;
}

export interface TrendFit {
  /** The bucketed series the lines were fitted on. */
  envelope: SeriesPoint[];
  fromSec: number;
  spanSec: number;
  whole: Line;
  /** Null when the second half holds fewer than three envelope points. */
  recent: Line | null;
  /** Null when the last third holds fewer than three envelope points. */
  lastThird: Line | null;
  spearman: number | null;
  /** Median of the envelope over its first and last tenth (at least one point each): the levels a person would read off a chart. */
  observedStart: number;
  observedEnd: number;
  /** The lowest envelope points in the first and the last third: where the series came down to then and lately. */
  firstThirdLow: number;
  lastThirdLow: number;
}

export interface ShapeLimits {
  minGrowthBytes: number;
  minGrowthFraction: number;
  minSpearman: number;
  persistFraction: number;
}

/** The lowest point of each of at most `buckets` equal stretches of time, in time order. Points must be time-ordered. */
export function lowerEnvelope(points: SeriesPoint[], buckets: number): SeriesPoint[] {
  if (points.length <= 2) return points;
  const from = points[0]!.t;
  const width = (points.at(-1)!.t - from) / buckets;
  if (!(width > 0)) return points;
  const out: SeriesPoint[] = [];
  let bucket = -1;
  for (const p of points) {
    const b = Math.min(buckets - 1, Math.floor((p.t - from) / width));
    if (b !== bucket) {
      out.push(p);
      bucket = b;
    } else if (p.y < out.at(-1)!.y) {
      out[out.length - 1] = p;
    }
  }
  return out;
}

function lineOver(points: SeriesPoint[], from: number, maxPoints: number): Line | null {
  if (points.length < 3) return null;
  return theilSen(
    points.map((p) => p.t - from),
    points.map((p) => p.y),
    maxPoints,
  );
}

/** Null with fewer than three points or no time span. */
export function fitTrend(points: SeriesPoint[], maxPoints: number): TrendFit | null {
  if (points.length < 3) return null;
  const fromSec = points[0]!.t;
  const spanSec = points.at(-1)!.t - fromSec;
  if (!(spanSec > 0)) return null;
  const envelope = lowerEnvelope(points, Math.min(points.length, maxPoints));
  const whole = lineOver(envelope, fromSec, maxPoints);
  if (!whole) return null;
  const tenth = Math.max(1, Math.floor(envelope.length / 10));
  const lastThirdPoints = envelope.filter((p) => p.t - fromSec >= (2 * spanSec) / 3);
  return {
    envelope,
    fromSec,
    spanSec,
    whole,
    recent: lineOver(
      envelope.filter((p) => p.t - fromSec >= spanSec / 2),
      fromSec,
      maxPoints,
    ),
    lastThird: lineOver(lastThirdPoints, fromSec, maxPoints),
    spearman: spearman(
      envelope.map((p) => p.t),
      envelope.map((p) => p.y),
    ),
    observedStart: median(envelope.slice(0, tenth).map((p) => p.y)),
    observedEnd: median(envelope.slice(-tenth).map((p) => p.y)),
    firstThirdLow: Math.min(...envelope.filter((p) => p.t - fromSec <= spanSec / 3).map((p) => p.y)),
    lastThirdLow: Math.min(...lastThirdPoints.map((p) => p.y)),
  };
}

/**
 * flat: neither the fitted line nor the data rise by more than the limits,
 * or the series keeps coming back down to where it started (a sawtooth);
 * falling: significant and downward; sparse: too few points late in the
 * window to say whether it still grows; levelled: it grew but the last third
 * no longer does (warm-up); noisy: it grew but not steadily; rising: it
 * grows steadily and still does.
 */
export function classifyTrend(fit: TrendFit, limits: ShapeLimits): TrendShape {
  const significant = (bytes: number) => Math.abs(bytes) >= limits.minGrowthBytes && Math.abs(bytes) >= limits.minGrowthFraction * Math.max(fit.observedStart, 1);
  const growth = fit.whole.slope * fit.spanSec;
  if (!significant(growth)) {
    // The median slope is dominated by a long flat stretch; a rise before it is warm-up.
    const rise = fit.observedEnd - fit.observedStart;
    return rise > 0 && significant(rise) ? 'levelled' : 'flat';
  }
  if (growth < 0) return 'falling';
  if (!fit.lastThird) return 'sparse';
  const lowRise = fit.lastThirdLow - fit.firstThirdLow;
  if (!(lowRise > 0 && significant(lowRise))) return 'flat';
  // Checked before steadiness: a series that has stopped growing is not leaking now, however it got there.
  if (fit.lastThird.slope < limits.persistFraction * fit.whole.slope) return 'levelled';
  if ((fit.spearman ?? 0) < limits.minSpearman) return 'noisy';
  return 'rising';
}
