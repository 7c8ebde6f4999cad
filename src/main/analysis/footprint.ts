/**
 * How big the heap got, the limit it must stay under, and when the floor,
 * rising at its recent rate, gets there.
 *
 * The limit is the caller's (GOMEMLIMIT, -Xmx, a container limit) or else the
 * largest committed heap the log reports: the JVM may still grow to -Xmx, so
 * that projection is the cautious one and says which it used. Go's gctrace
 * reports no committed size: without a given limit there is no projection.
 */
import type { FloorTrend, Metrics } from '../../shared/analysis';
import type { TimedEvent } from './timeline';

function maxOf(values: Array<number | null>): number | null {
  let max: number | null = null;
  for (const v of values) if (v !== null && (max === null || v > max)) max = v;
  return max;
}

export function maxCommittedBytes(timed: TimedEvent[]): number | null {
  return maxOf(timed.map(({ event }) => event.heapCommittedBytes));
}

export function peakHeapBytes(timed: TimedEvent[]): number | null {
  return maxOf(timed.flatMap(({ event }) => [event.heapBeforeBytes, event.heapAfterBytes]));
}

export function heapLimit(givenBytes: number | undefined, maxCommitted: number | null): Metrics['limit'] {
  if (givenBytes !== undefined && givenBytes > 0) return { bytes: givenBytes, source: 'given' };
  return maxCommitted === null ? null : { bytes: maxCommitted, source: 'max-committed' };
}

/** Seconds from the window's end until the floor reaches the limit; 0 when it is there already; null when it is not rising. */
export function timeToLimitSec(trend: FloorTrend | null, limit: Metrics['limit']): number | null {
  if (!trend || !limit || trend.shape !== 'rising' || !(trend.recentSlopeBytesPerSec > 0)) return null;
  return Math.max(0, (limit.bytes - trend.currentBytes) / trend.recentSlopeBytesPerSec);
}
