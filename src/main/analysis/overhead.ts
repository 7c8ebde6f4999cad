/**
 * Where the run's time went: its window on the log's clock, the share of it
 * spent in stop-the-world pauses, in safepoints, and Go's own GC CPU figure.
 */
import type { TimeRange } from '../../shared/analysis';
import type { PauseInterval } from './mmu';
import { hasKnownPause } from './pause-stats';
import type { TimedEvent } from './timeline';

/** From the first collection's start to the last pause's end; null with fewer than two timed collections or no span. */
export function runWindow(timed: TimedEvent[]): TimeRange | null {
  if (timed.length < 2) return null;
  let fromSec = Number.POSITIVE_INFINITY;
  let toSec = Number.NEGATIVE_INFINITY;
  for (const { event, t } of timed) {
    fromSec = Math.min(fromSec, t);
    toSec = Math.max(toSec, t + event.pauseMs / 1000);
  }
  return toSec > fromSec ? { fromSec, toSec } : null;
}

/** Each known pause as an interval on the clock. */
export function pauseIntervals(timed: TimedEvent[]): PauseInterval[] {
  return timed.filter(({ event }) => hasKnownPause(event)).map(({ event, t }) => ({ startSec: t, endSec: t + event.pauseMs / 1000 }));
}

/** Sum of pauses over the window, in percent; null without a window or without a single known pause. */
export function gcOverheadPercent(timed: TimedEvent[], window: TimeRange | null): number | null {
  if (!window) return null;
  const known = timed.filter(({ event }) => hasKnownPause(event));
  if (known.length === 0) return null;
  let pausedMs = 0;
  for (const { event } of known) pausedMs += event.pauseMs;
  return (pausedMs / 1000 / (window.toSec - window.fromSec)) * 100;
}

/** Time stopped at safepoints inside the window over the window, in percent; null when there are none. */
export function safepointOverheadPercent(safepoints: Array<{ record: { stoppedMs: number }; t: number }>, window: TimeRange | null): number | null {
  if (!window) return null;
  const inside = safepoints.filter((s) => s.t >= window.fromSec && s.t <= window.toSec);
  if (inside.length === 0) return null;
  let stoppedMs = 0;
  for (const s of inside) stoppedMs += s.record.stoppedMs;
  return (stoppedMs / 1000 / (window.toSec - window.fromSec)) * 100;
}

/** Go's `P%` is cumulative since the program started: the last cycle's figure covers the whole run. */
export function lastGcCpuPercent(timed: TimedEvent[]): number | null {
  for (let i = timed.length - 1; i >= 0; i--) {
    const p = timed[i]!.event.gcCpuPercent;
    if (p !== null) return p;
  }
  return null;
}
