/**
 * The chartable columns of a GC log, kept as growable typed arrays so that a
 * million events cost tens of megabytes, not hundreds. Missing values are NaN.
 */
import type { GcEvent, GcKind } from '../../shared/gc-event';

const COLUMNS = [
  'startSec',
  'pauseMs',
  'heapBeforeBytes',
  'heapAfterBytes',
  'heapCommittedBytes',
  'liveBytes',
  'goalBytes',
  'id',
  'youngAfterBytes',
  'oldAfterBytes',
  'humongousAfterBytes',
  'metaspaceAfterBytes',
] as const;
export type SeriesColumn = (typeof COLUMNS)[number];

export class GcSeries {
  length = 0;
  private columns: Record<SeriesColumn, Float64Array>;
  private kinds: GcKind[] = [];
  maxPauseMs = 0;
  totalPauseMs = 0;
  lastGcCpuPercent: number | null = null;
  minStartSec = Number.POSITIVE_INFINITY;
  maxStartSec = Number.NEGATIVE_INFINITY;

  constructor(initialCapacity = 1024) {
    this.columns = Object.fromEntries(COLUMNS.map((name) => [name, new Float64Array(initialCapacity)])) as Record<SeriesColumn, Float64Array>;
  }

  add(event: GcEvent): void {
    if (this.length === this.columns.startSec.length) this.grow();
    const i = this.length++;
    const c = this.columns;
    c.startSec[i] = event.startSec ?? Number.NaN;
    c.pauseMs[i] = event.pauseMs;
    c.heapBeforeBytes[i] = event.heapBeforeBytes ?? Number.NaN;
    c.heapAfterBytes[i] = event.heapAfterBytes ?? Number.NaN;
    c.liveBytes[i] = event.liveBytes ?? Number.NaN;
    c.goalBytes[i] = event.goalBytes ?? Number.NaN;
    c.heapCommittedBytes[i] = event.heapCommittedBytes ?? Number.NaN;
    const spaces = event.generations;
    c.youngAfterBytes[i] = spaces?.young?.afterBytes ?? Number.NaN;
    c.oldAfterBytes[i] = spaces?.old?.afterBytes ?? Number.NaN;
    c.humongousAfterBytes[i] = spaces?.humongous?.afterBytes ?? Number.NaN;
    c.metaspaceAfterBytes[i] = spaces?.metaspace?.afterBytes ?? Number.NaN;
    c.id[i] = event.id ?? Number.NaN;
    this.kinds.push(event.kind);
    this.totalPauseMs += event.pauseMs;
    if (event.pauseMs > this.maxPauseMs) this.maxPauseMs = event.pauseMs;
    if (event.gcCpuPercent !== null) this.lastGcCpuPercent = event.gcCpuPercent;
    if (event.startSec !== null) {
      this.minStartSec = Math.min(this.minStartSec, event.startSec);
      this.maxStartSec = Math.max(this.maxStartSec, event.startSec);
    }
  }

  /** A view of one column, `length` long. */
  column(name: SeriesColumn): Float64Array {
    return this.columns[name].subarray(0, this.length);
  }

  kind(index: number): GcKind {
    return this.kinds[index]!;
  }

  /** The x value to chart: the event's time, or its position when the log has no clock. */
  x(index: number): number {
    const t = this.columns.startSec[index]!;
    return Number.isNaN(t) ? index : t;
  }

  /** True when at least one event carried a time. */
  get hasClock(): boolean {
    return this.maxStartSec >= this.minStartSec;
  }

  get spanSec(): number {
    return this.maxStartSec >= this.minStartSec ? this.maxStartSec - this.minStartSec : 0;
  }

  private grow(): void {
    for (const name of COLUMNS) {
      const bigger = new Float64Array(this.columns[name].length * 2);
      bigger.set(this.columns[name]);
      this.columns[name] = bigger;
    }
  }
}
