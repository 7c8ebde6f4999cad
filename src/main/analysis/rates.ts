/**
 * Allocation and promotion rates.
 *
 * Allocation: between two collections the application allocated what the
 * heap held at the start of the second minus what it held after the first.
 * "After" is the heap the runtime counts from: for the JVM the heap after the
 * pause; for Go the marked (live) heap, since the runtime resets its live
 * counter to the marked bytes at mark termination, plus what was allocated
 * during the first cycle's concurrent mark (its h1 − h0). An interval whose
 * figure comes out negative had memory freed outside a pause (a CMS sweep, a
 * G1 concurrent cleanup) and is skipped, not counted as zero.
 *
 * Promotion (JVM, with generation detail): each young collection moves
 * old-after − old-before bytes into the old generation. Each young
 * collection after the first is an interval: its promoted bytes over the
 * time since the previous one (what it promoted accrued over that time).
 */
import type { RateSummary } from '../../shared/analysis';
import type { GcEvent } from '../../shared/gc-event';
import { median } from './percentile';
import type { TimedEvent } from './timeline';

function summary(bytes: number[], seconds: number[]): RateSummary | null {
  if (bytes.length === 0) return null;
  let totalBytes = 0;
  let totalSec = 0;
  for (let i = 0; i < bytes.length; i++) {
    totalBytes += bytes[i]!;
    totalSec += seconds[i]!;
  }
  if (totalSec <= 0) return null;
  return { meanBytesPerSec: totalBytes / totalSec, medianBytesPerSec: median(bytes.map((b, i) => b / seconds[i]!)), intervals: bytes.length };
}

/** What the heap counter restarts from after this collection, and what was allocated during it; null without heap numbers. */
function heapAfter(event: GcEvent): { afterBytes: number; allocatedDuringBytes: number } | null {
  if (event.runtime === 'go') {
    if (event.liveBytes === null || event.heapBeforeBytes === null || event.heapAfterBytes === null) return null;
    return { afterBytes: event.liveBytes, allocatedDuringBytes: Math.max(0, event.heapAfterBytes - event.heapBeforeBytes) };
  }
  return event.heapAfterBytes === null ? null : { afterBytes: event.heapAfterBytes, allocatedDuringBytes: 0 };
}

export function allocationRate(timed: TimedEvent[]): RateSummary | null {
  const bytes: number[] = [];
  const seconds: number[] = [];
  for (let i = 1; i < timed.length; i++) {
    const previous = heapAfter(timed[i - 1]!.event);
    const before = timed[i]!.event.heapBeforeBytes;
    const dt = timed[i]!.t - timed[i - 1]!.t;
    if (!previous || before === null || !(dt > 0)) continue;
    const allocated = before - previous.afterBytes + previous.allocatedDuringBytes;
    if (allocated < 0) continue;
    bytes.push(allocated);
    seconds.push(dt);
  }
  return summary(bytes, seconds);
}

/** Bytes this young collection moved into the old generation, or null without old-gen detail. */
export function promotedBytes(event: GcEvent): number | null {
  if (event.kind !== 'young') return null;
  const old = event.generations?.old;
  if (!old || old.beforeBytes === null || old.afterBytes === null) return null;
  return old.afterBytes - old.beforeBytes;
}

export function promotionRate(timed: TimedEvent[]): RateSummary | null {
  const youngs = timed.filter(({ event }) => promotedBytes(event) !== null);
  if (youngs.length < 2) return null;
  const bytes: number[] = [];
  const seconds: number[] = [];
  // Each interval pairs a collection with the time since the previous one: the promoted bytes accrued over it.
  for (let i = 1; i < youngs.length; i++) {
    const dt = youngs[i]!.t - youngs[i - 1]!.t;
    if (!(dt > 0)) continue;
    bytes.push(Math.max(0, promotedBytes(youngs[i]!.event)!));
    seconds.push(dt);
  }
  return summary(bytes, seconds);
}
