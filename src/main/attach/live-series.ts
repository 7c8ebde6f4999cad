/**
 * The chart series of one attach, kept in the same GcSeries the file view
 * uses, and handed to the UI in the same shapes (HeapSample, PauseSample,
 * downsampled by file-service's heapSamples/pauseSamples), plus the jstat
 * timeline. Updates carry only the points that arrived since the last one,
 * until those would take the UI past MAX_CHART_POINTS: then one update
 * replaces the UI's series with the whole series downsampled again. So the
 * UI holds at most about twice MAX_CHART_POINTS, and a steady update is a
 * handful of points.
 */
import { MAX_CHART_POINTS, type AttachGcTotals, type HeapSample, type JstatSample, type PauseSample } from '../../shared/contract';
import type { GcEvent } from '../../shared/gc-event';
import { lttbIndices } from '../analysis/downsample';
import { GcSeries, type SeriesColumn } from '../analysis/gc-series';
import { heapSamples, pauseSamples } from '../core/file-service';

/** More new points than this in one update is a burst (a log's history read at attach): replace instead. */
const MAX_POINTS_PER_UPDATE = 500;

export interface SeriesPayload {
  heap: HeapSample[];
  pauses: PauseSample[];
  jstat: JstatSample[];
  xAxis: 'uptime-seconds' | 'cycle-index';
}

export interface SeriesDelta extends SeriesPayload {
  replace: boolean;
}

export class LiveSeries {
  private readonly series = new GcSeries();
  private readonly jstatSamples: JstatSample[] = [];
  private sentGc = 0;
  private sentJstat = 0;
  /** Points the UI holds since the last replace (the longest of its series). */
  private held = 0;

  get events(): number {
    return this.series.length;
  }

  get jstatCount(): number {
    return this.jstatSamples.length;
  }

  addEvent(event: GcEvent): void {
    this.series.add(event);
  }

  addJstat(samples: readonly JstatSample[]): void {
    for (const sample of samples) this.jstatSamples.push(sample);
  }

  totals(): AttachGcTotals {
    const s = this.series;
    return { cycles: s.length, totalPauseMs: s.totalPauseMs, maxPauseMs: s.maxPauseMs, gcCpuPercent: s.lastGcCpuPercent };
  }

  /** Everything, downsampled: for session:state, and for a replacing update. */
  full(): SeriesPayload {
    return { heap: heapSamples(this.series), pauses: pauseSamples(this.series), jstat: this.jstatDownsampled(), xAxis: this.xAxis() };
  }

  /** What arrived since the last call; null when nothing did. */
  delta(): SeriesDelta | null {
    const newGc = this.series.length - this.sentGc;
    const newJstat = this.jstatSamples.length - this.sentJstat;
    if (newGc === 0 && newJstat === 0) return null;
    const incoming = Math.max(newGc, newJstat);
    if (incoming > MAX_POINTS_PER_UPDATE || this.held + incoming > MAX_CHART_POINTS) {
      const full = this.full();
      this.sentGc = this.series.length;
      this.sentJstat = this.jstatSamples.length;
      this.held = Math.max(full.heap.length, full.pauses.length, full.jstat.length);
      return { ...full, replace: true };
    }
    const heap: HeapSample[] = [];
    const pauses: PauseSample[] = [];
    for (let i = this.sentGc; i < this.series.length; i++) {
      const sample = this.heapSample(i);
      if (sample) heap.push(sample);
      pauses.push(this.pauseSample(i));
    }
    const jstat = this.jstatSamples.slice(this.sentJstat);
    this.sentGc = this.series.length;
    this.sentJstat = this.jstatSamples.length;
    this.held += incoming;
    return { heap, pauses, jstat, xAxis: this.xAxis(), replace: false };
  }

  /** What startSec holds: uptime, or the cycle's position for logs without a clock (Go before 1.5). */
  xAxis(): SeriesPayload['xAxis'] {
    return this.series.hasClock || this.series.length === 0 ? 'uptime-seconds' : 'cycle-index';
  }

  /** Like heapSamples' points, for one event; null when it carries no heap figure (a MemStats pause). */
  private heapSample(i: number): HeapSample | null {
    const at = (name: SeriesColumn) => {
      const v = this.series.column(name)[i]!;
      return Number.isNaN(v) ? null : v;
    };
    const heapBeforeBytes = at('heapBeforeBytes');
    const heapAfterBytes = at('heapAfterBytes');
    if (heapBeforeBytes === null && heapAfterBytes === null) return null;
    return {
      startSec: this.series.x(i),
      heapBeforeBytes,
      heapAfterBytes,
      heapCommittedBytes: at('heapCommittedBytes'),
      liveBytes: at('liveBytes'),
      goalBytes: at('goalBytes'),
      youngAfterBytes: at('youngAfterBytes'),
      oldAfterBytes: at('oldAfterBytes'),
      humongousAfterBytes: at('humongousAfterBytes'),
      metaspaceAfterBytes: at('metaspaceAfterBytes'),
    };
  }

  private pauseSample(i: number): PauseSample {
    const id = this.series.column('id')[i]!;
    return { startSec: this.series.x(i), pauseMs: this.series.column('pauseMs')[i]!, kind: this.series.kind(i), id: Number.isNaN(id) ? null : id };
  }

  /** LTTB on the heap in use (eden + survivors + old), which is what the timeline draws. */
  private jstatDownsampled(): JstatSample[] {
    const samples = this.jstatSamples;
    if (samples.length <= MAX_CHART_POINTS) return samples.slice();
    const x = Float64Array.from(samples, (s) => s.uptimeSec);
    const y = Float64Array.from(samples, (s) => (s.edenUsedBytes ?? 0) + (s.survivorUsedBytes ?? 0) + (s.oldUsedBytes ?? 0));
    return lttbIndices(x, y, MAX_CHART_POINTS).map((i) => samples[i]!);
  }
}
