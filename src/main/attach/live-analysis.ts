/**
 * The analysis engine run on an attach's records as they arrive: every few
 * seconds while new ones come in, on a bounded window of the most recent
 * records (a day at ten collections a second would otherwise mean close to
 * a million event objects held for it alone). A slow run spaces the next
 * one out, so analysis never takes more than a twentieth of the time.
 */
import type { AnalysisResult } from '../../shared/analysis';
import type { ParsedRecord } from '../../shared/gc-event';
import { analyze } from '../analysis/analyze';

/** Records analysed at most: the most recent ones. */
export const ANALYSIS_WINDOW_RECORDS = 50_000;
const MIN_INTERVAL_MS = 5000;
/** A run may take at most this share of the time between runs. */
const DUTY = 20;

export class LiveAnalysis {
  private window: ParsedRecord[] = [];
  private fresh = 0;
  private nextRunAt = 0;
  private last: AnalysisResult | null = null;
  private failure: string | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  get result(): AnalysisResult | null {
    return this.last;
  }

  /** The last run's error, when it threw (kept as a note; the attach goes on). */
  get error(): string | null {
    return this.failure;
  }

  add(records: readonly ParsedRecord[]): void {
    for (const record of records) {
      if (record.type !== 'gc' && record.type !== 'safepoint' && record.type !== 'run-start') continue;
      this.window.push(record);
      this.fresh++;
    }
    // Trimmed in steps, not per record: splice is O(n).
    if (this.window.length > ANALYSIS_WINDOW_RECORDS * 1.25) this.window = this.window.slice(-ANALYSIS_WINDOW_RECORDS);
  }

  /** A new result when records came in and the pause since the last run is over; else null. */
  maybeRun(options: { force?: boolean } = {}): AnalysisResult | null {
    if (this.fresh === 0 || (!options.force && this.now() < this.nextRunAt)) return null;
    const started = this.now();
    this.fresh = 0;
    try {
      this.last = analyze({ events: this.window });
      this.failure = null;
    } catch (err) {
      this.failure = err instanceof Error ? err.message : String(err);
      return null;
    } finally {
      const took = this.now() - started;
      this.nextRunAt = this.now() + Math.max(MIN_INTERVAL_MS, took * DUTY);
    }
    return this.last;
  }
}
