/**
 * Minimum mutator utilisation (Cheng and Blelloch, 2001): for a window length
 * w, the smallest share of any w-long window of the run that was left to the
 * application. MMU(10 ms) = 0.4 means some 10 ms had 6 ms of GC pauses in it.
 *
 * Pauses are intervals [start, start + pause]; overlapping ones are merged.
 * A Go cycle's two stop-the-world phases are separated by the concurrent
 * mark, but gctrace gives only their sum, so they are one interval here:
 * that makes short-window MMU slightly pessimistic, never optimistic.
 *
 * Exact: the paused time in [x, x + w] is piecewise linear in x, rising while
 * the window's end is inside a pause and falling while its start is. Its
 * maximum is where it stops rising or starts falling: with the window's end
 * on a pause end or its start on a pause start (or at the run's edges). Each
 * candidate is measured with prefix sums and a binary search: O(n log n).
 */
import type { MmuPoint } from '../../shared/analysis';

export interface PauseInterval {
  startSec: number;
  endSec: number;
}

export const MMU_WINDOWS_MS = [1, 10, 100, 1000];

/** Sorted, non-overlapping intervals covering the same time. */
export function mergeIntervals(intervals: PauseInterval[]): PauseInterval[] {
  const sorted = intervals.filter((p) => p.endSec > p.startSec).sort((a, b) => a.startSec - b.startSec);
  const out: PauseInterval[] = [];
  for (const p of sorted) {
    const last = out.at(-1);
    if (last && p.startSec <= last.endSec) last.endSec = Math.max(last.endSec, p.endSec);
    else out.push({ ...p });
  }
  return out;
}

export interface WorstWindow {
  fromSec: number;
  toSec: number;
  pausedSec: number;
}

/** Measures paused time in any [a, b] of a merged timeline. */
export class PausedTime {
  private readonly starts: number[];
  /** before[i]: paused time in every interval before i. */
  private readonly before: Float64Array;

  constructor(readonly merged: PauseInterval[]) {
    this.starts = merged.map((p) => p.startSec);
    this.before = new Float64Array(merged.length + 1);
    merged.forEach((p, i) => (this.before[i + 1] = this.before[i]! + (p.endSec - p.startSec)));
  }

  /** Paused time up to t. */
  until(t: number): number {
    // The last interval starting at or before t.
    let lo = 0;
    let hi = this.starts.length - 1;
    let k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid]! <= t) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (k < 0) return 0;
    const p = this.merged[k]!;
    return this.before[k]! + Math.min(t - p.startSec, p.endSec - p.startSec);
  }
}

/** The w-long window inside [runStartSec, runEndSec] with the most pause time; null when the run is shorter than w. */
export function worstWindow(paused: PausedTime, runStartSec: number, runEndSec: number, windowSec: number): WorstWindow | null {
  if (!(windowSec > 0) || !(runEndSec - runStartSec >= windowSec)) return null;
  const lastStart = runEndSec - windowSec;
  let best: WorstWindow = { fromSec: runStartSec, toSec: runStartSec + windowSec, pausedSec: -1 };
  const consider = (x: number) => {
    const from = Math.min(lastStart, Math.max(runStartSec, x));
    const pausedSec = paused.until(from + windowSec) - paused.until(from);
    if (pausedSec > best.pausedSec) best = { fromSec: from, toSec: from + windowSec, pausedSec };
  };
  consider(runStartSec);
  consider(lastStart);
  for (const p of paused.merged) {
    consider(p.startSec);
    consider(p.endSec - windowSec);
  }
  return best;
}

export function pausedTime(pauses: PauseInterval[]): PausedTime {
  return new PausedTime(mergeIntervals(pauses));
}

/** MMU for each window over the run [runStartSec, runEndSec]; a window longer than the run has no value (null). */
export function mmu(pauses: PauseInterval[], runStartSec: number, runEndSec: number, windowsMs: number[] = MMU_WINDOWS_MS): MmuPoint[] {
  const paused = pausedTime(pauses);
  return windowsMs.map((windowMs) => {
    const worst = worstWindow(paused, runStartSec, runEndSec, windowMs / 1000);
    return { windowMs, utilisation: worst === null ? null : Math.max(0, Math.min(1, 1 - worst.pausedSec / (windowMs / 1000))) };
  });
}
