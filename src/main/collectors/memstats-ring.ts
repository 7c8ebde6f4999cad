/**
 * GC events from successive polls of Go's heap?debug=1, whose MemStats block
 * holds the last 256 stop-the-world pauses (PauseNs / PauseEnd, indexed by GC
 * number). Polls overlap, so a collection is taken once, by its number; a
 * gap means more than 256 collections passed between two polls and is
 * counted. Times are put on the process's clock (seconds since it started),
 * the clock gctrace and JVM logs use, from the pause end times (Unix ns).
 */
import type { GcEvent } from '../../shared/gc-event';

export interface RingTake {
  fresh: GcEvent[];
  /** Collections that fell out of the ring between the previous poll and this one. */
  missed: number;
}

export class MemStatsRing {
  private lastId = 0;
  private baseMs: number | null;

  /** `processStartMs`: the target's start time (Unix ms), or null to count from the first pause seen. */
  constructor(processStartMs: number | null) {
    this.baseMs = processStartMs;
  }

  /** The newest GC number taken so far (0 before the first). */
  get lastGcNumber(): number {
    return this.lastId;
  }

  take(events: readonly GcEvent[]): RingTake {
    const fresh: GcEvent[] = [];
    let missed = 0;
    for (const event of events) {
      if (event.id === null || event.id <= this.lastId) continue;
      if (fresh.length === 0 && this.lastId > 0 && event.id > this.lastId + 1) missed = event.id - this.lastId - 1;
      fresh.push(this.onProcessClock(event));
    }
    const newest = fresh.at(-1)?.id;
    if (newest !== undefined && newest !== null) this.lastId = newest;
    return { fresh, missed };
  }

  private onProcessClock(event: GcEvent): GcEvent {
    if (event.wallTime === null) return { ...event, startSec: null };
    const startMs = Date.parse(event.wallTime) - event.pauseMs;
    this.baseMs ??= startMs;
    return { ...event, startSec: Math.max(0, (startMs - this.baseMs) / 1000) };
  }
}
