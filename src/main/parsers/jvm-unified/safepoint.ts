/**
 * Safepoint lines (`-Xlog:safepoint`), two eras:
 *
 *   JDK 9–16:  Entering safepoint region: G1CollectForAllocation
 *              Total time for which application threads were stopped: 0.0101229 seconds, Stopping threads took: 0.0000077 seconds
 *   JDK 17+:   Safepoint "G1CollectForAllocation", Time since last: 1634200 ns, Reaching safepoint: 92800 ns,
 *              [Cleanup: 1200 ns,] At safepoint: 11173200 ns, [Leaving safepoint: 1883 ns,] Total: 11266000 ns[, Threads: …]
 *
 * Each stop becomes a SafepointRecord: the time the application was stopped
 * (the total, which includes reaching the safepoint) and the time to reach
 * it. The record's start is the line's time less the stop: the line is
 * printed when the application resumes.
 */
import type { SafepointRecord } from '../../../shared/gc-event';
import { roundMicros, roundNanos } from './collection';
import type { UnifiedContext } from './context';
import { shiftIso } from './decorators';

const TOTAL_TIME = 'Total time for which application threads were stopped: ';
const STOPPING = ', Stopping threads took: ';

export class SafepointReader {
  /** The VM operation named by the last `Entering safepoint region:` line. */
  private entering: string | null = null;

  constructor(private readonly ctx: UnifiedContext) {}

  /** Reads a safepoint line at `at`; false when it is not one. */
  line(at: number): boolean {
    const { ctx } = this;
    const { text } = ctx.current;
    if (text.startsWith('Safepoint "', at)) return this.modern(at + 11);
    if (text.startsWith(TOTAL_TIME, at)) return this.classic(at + TOTAL_TIME.length);
    if (text.startsWith('Entering safepoint region: ', at)) {
      this.entering = text.slice(at + 27).trimEnd();
      ctx.recognise('safepoint-detail');
      return true;
    }
    if (text.startsWith('Leaving safepoint region', at) || text.startsWith('Application time: ', at)) {
      ctx.recognise('safepoint-detail');
      return true;
    }
    return false;
  }

  reset(): void {
    this.entering = null;
  }

  private classic(from: number): boolean {
    const s = this.ctx.scan.reset(this.ctx.current.text, from);
    const stopped = s.decimal(true);
    if (Number.isNaN(stopped) || !s.skip(' seconds')) return false;
    let reaching = Number.NaN;
    if (s.skip(STOPPING)) reaching = s.decimal(true);
    this.record(this.entering, stopped * 1000, Number.isNaN(reaching) ? null : reaching * 1000);
    this.entering = null;
    return true;
  }

  private modern(from: number): boolean {
    const { text } = this.ctx.current;
    const quote = text.indexOf('"', from);
    if (quote === -1) return false;
    const totalAt = text.indexOf(' Total: ', quote);
    if (totalAt === -1) return false;
    const s = this.ctx.scan.reset(text, totalAt + 8);
    const total = s.decimal(true);
    if (Number.isNaN(total) || !s.skip(' ns')) return false;
    let reaching: number | null = null;
    const reachingAt = text.indexOf(' Reaching safepoint: ', quote);
    if (reachingAt !== -1) {
      s.reset(text, reachingAt + 21);
      const ns = s.decimal(true);
      if (!Number.isNaN(ns) && s.skip(' ns')) reaching = ns / 1e6;
    }
    this.record(text.slice(from, quote), total / 1e6, reaching);
    return true;
  }

  private record(name: string | null, stoppedMs: number, reachingMs: number | null): void {
    const { ctx } = this;
    const sec = ctx.current.sec;
    const wall = ctx.wall();
    const record: SafepointRecord = {
      type: 'safepoint',
      name,
      startSec: sec === null ? null : Math.max(0, roundMicros(sec - stoppedMs / 1000)),
      wallTime: wall === null ? null : (shiftIso(wall, -stoppedMs) ?? wall),
      stoppedMs: roundNanos(stoppedMs),
      reachingMs: reachingMs === null ? null : roundNanos(reachingMs),
      source: ctx.source(),
    };
    ctx.emit(record);
  }
}
