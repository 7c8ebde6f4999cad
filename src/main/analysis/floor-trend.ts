/**
 * The post-GC floor: what the heap comes back down to after collections, and
 * how it moves. A leak is a floor that keeps rising; a healthy heap's floor is
 * flat however much it saws up and down in between.
 *
 * Which figure is the floor:
 *   - Go: the marked (live) heap of every cycle (`h2` of `h0->h1->h2 MB`):
 *     every Go cycle marks the whole heap, so it is the live set itself.
 *   - JVM: the heap after collections that reclaim the old generation too
 *     (full, G1 mixed, ZGC and Shenandoah cycles, degenerated), when there are
 *     at least `minWholeHeapCollections` (and `minCycles`) of them, three of
 *     them in the last third of the run;
 *   - JVM otherwise: the heap after every collection. Heap after a young
 *     collection includes old-generation garbage not yet collected, so a
 *     rise is weaker evidence (confidence scaled down; with no old
 *     collection at all in the window the leak rule says inconclusive).
 *     Each value is capped by the heap after any later whole-heap
 *     collection: leaked bytes are never freed, so whatever leaked by time t
 *     is still there at a later full collection and cannot exceed what that
 *     collection left. A young-collection floor that a final full GC wipes
 *     out was tenured garbage, not a leak.
 *
 * The trend itself is trend-fit.ts: Theil–Sen over the lower envelope on an
 * even time grid, Spearman's rho, and the second-half and last-third lines.
 */
import type { FloorSource, FloorTrend } from '../../shared/analysis';
import type { GcEvent, GcKind } from '../../shared/gc-event';
import type { Thresholds } from './thresholds';
import type { TimedEvent } from './timeline';
import { classifyTrend, fitTrend } from './trend-fit';

export interface FloorPoint {
  t: number;
  bytes: number;
  event: GcEvent;
}

export interface FloorSeries {
  source: FloorSource;
  points: FloorPoint[];
  /** Points lowered to what a later whole-heap collection left (every-collection source only). */
  capped: number;
}

/** Kinds after which the JVM heap holds (nearly) only live data. */
const WHOLE_HEAP_KINDS: ReadonlySet<GcKind> = new Set(['full', 'mixed', 'cycle', 'degenerated', 'major']);

/** One collection's post-GC figure as the floor reads it: Go's live heap, the JVM's heap after. */
export function floorValue(event: GcEvent): number | null {
  return event.runtime === 'go' ? event.liveBytes : event.heapAfterBytes;
}

/** The floor series of the run, or null when no collection gives a post-GC figure. */
export function floorSeries(timed: TimedEvent[], thresholds: Thresholds): FloorSeries | null {
  if (timed.length === 0) return null;
  const points = timed.filter(({ event }) => floorValue(event) !== null).map(({ t, event }) => ({ t, bytes: floorValue(event)!, event }));
  if (points.length === 0) return null;
  if (timed[0]!.event.runtime === 'go') return { source: 'go-live-heap', points, capped: 0 };
  const whole = points.filter((p) => WHOLE_HEAP_KINDS.has(p.event.kind));
  // Whole-heap collections alone must be enough for a verdict and reach into the last third of the run (a burst of
  // full GCs at start-up says nothing about now); otherwise they serve as caps on the every-collection floor.
  const from = timed[0]!.t;
  const lastThird = from + (2 * (timed.at(-1)!.t - from)) / 3;
  const enough = whole.length >= Math.max(thresholds.leak.minWholeHeapCollections, thresholds.leak.minCycles);
  if (enough && whole.filter((p) => p.t >= lastThird).length >= 3) return { source: 'whole-heap-collections', points: whole, capped: 0 };
  const capped = cappedByLaterWholeHeap(points);
  return { source: 'every-collection', points: capped, capped: capped.filter((p, i) => p.bytes !== points[i]!.bytes).length };
}

function cappedByLaterWholeHeap(points: FloorPoint[]): FloorPoint[] {
  const out = [...points];
  let cap = Number.POSITIVE_INFINITY;
  for (let i = out.length - 1; i >= 0; i--) {
    const p = out[i]!;
    if (WHOLE_HEAP_KINDS.has(p.event.kind)) cap = Math.min(cap, p.bytes);
    if (p.bytes > cap) out[i] = { ...p, bytes: cap };
  }
  return out;
}

/** True when some collection reclaims the old generation, or marks it (CMS and G1 remarks and cleanups). */
export function hasOldCollection(timed: TimedEvent[]): boolean {
  return timed.some(({ event }) => WHOLE_HEAP_KINDS.has(event.kind) || event.kind === 'remark' || event.kind === 'cleanup');
}

/** The trend of a floor series, or null when it has fewer than three points or no span. */
export function floorTrend(series: FloorSeries, thresholds: Thresholds): FloorTrend | null {
  const t = thresholds.leak;
  const fit = fitTrend(
    series.points.map((p) => ({ t: p.t, y: p.bytes })),
    t.maxTrendPoints,
  );
  if (!fit) return null;
  const { whole, spanSec } = fit;
  const recentSlope = fit.recent?.slope ?? whole.slope;
  return {
    source: series.source,
    collections: series.points.length,
    points: fit.envelope.length,
    window: { fromSec: fit.fromSec, toSec: fit.fromSec + spanSec },
    slopeBytesPerSec: whole.slope,
    startBytes: whole.intercept,
    endBytes: whole.intercept + whole.slope * spanSec,
    observedStartBytes: fit.observedStart,
    observedEndBytes: fit.observedEnd,
    recentSlopeBytesPerSec: recentSlope,
    currentBytes: fit.recent ? fit.recent.intercept + fit.recent.slope * spanSec : whole.intercept + whole.slope * spanSec,
    lastThirdSlopeBytesPerSec: fit.lastThird?.slope ?? recentSlope,
    r2: whole.r2,
    spearman: fit.spearman,
    shape: classifyTrend(fit, t),
  };
}
