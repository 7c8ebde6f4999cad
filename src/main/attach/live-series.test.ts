import { describe, expect, it } from 'vitest';
import { MAX_CHART_POINTS, type JstatSample } from '../../shared/contract';
import type { GcEvent } from '../../shared/gc-event';
import { gcEvent } from '../parsers/gc-log-parser';
import { LiveSeries } from './live-series';

const MB = 2 ** 20;

function event(id: number): GcEvent {
  return gcEvent({ runtime: 'go', collector: 'go', kind: 'cycle', id, startSec: id * 0.5, pauseMs: 0.1 * (id % 7), heapBeforeBytes: (20 + id) * MB, heapAfterBytes: (10 + id) * MB, source: { file: 'raw/0002-gctrace.log', line: id } });
}

function jstat(uptimeSec: number): JstatSample {
  return {
    uptimeSec,
    survivorCapacityBytes: null,
    survivorUsedBytes: null,
    edenCapacityBytes: null,
    edenUsedBytes: null,
    oldCapacityBytes: 8 * MB,
    oldUsedBytes: uptimeSec * MB,
    metaspaceCapacityBytes: null,
    metaspaceUsedBytes: null,
    compressedClassCapacityBytes: null,
    compressedClassUsedBytes: null,
    youngGcCount: null,
    youngGcSec: null,
    fullGcCount: null,
    fullGcSec: null,
    concurrentGcCount: 0,
    concurrentGcSec: 0,
    totalGcSec: 0,
  };
}

describe('LiveSeries', () => {
  it('sends only what is new, in the shapes of the file view', () => {
    const series = new LiveSeries();
    expect(series.delta()).toBeNull();
    for (let id = 1; id <= 3; id++) series.addEvent(event(id));
    series.addJstat([jstat(1)]);
    const first = series.delta()!;
    expect(first.replace).toBe(false);
    expect(first.heap.map((h) => [h.startSec, h.heapAfterBytes])).toEqual([
      [0.5, 11 * MB],
      [1, 12 * MB],
      [1.5, 13 * MB],
    ]);
    expect(first.pauses.map((p) => p.id)).toEqual([1, 2, 3]);
    expect(first.jstat).toEqual([jstat(1)]);
    expect(series.delta()).toBeNull();
    series.addEvent(event(4));
    expect(series.delta()!.pauses.map((p) => p.id)).toEqual([4]);
    expect(series.totals()).toMatchObject({ cycles: 4 });
  });

  it('replaces the series, downsampled, when new points would take the UI past the chart limit', () => {
    const series = new LiveSeries();
    for (let id = 1; id <= 400; id++) series.addEvent(event(id));
    expect(series.delta()!.replace).toBe(false);
    let held = 400;
    let replaced = 0;
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 400; i++) series.addEvent(event(1000 + round * 400 + i));
      const delta = series.delta()!;
      held = delta.replace ? delta.pauses.length : held + delta.pauses.length;
      if (delta.replace) replaced++;
      expect(held).toBeLessThanOrEqual(2 * MAX_CHART_POINTS);
      expect(delta.heap.length).toBeLessThanOrEqual(MAX_CHART_POINTS);
    }
    expect(replaced).toBeGreaterThan(0);
  });

  it('replaces at once after a burst (a log history read at attach)', () => {
    const series = new LiveSeries();
    for (let id = 1; id <= 5000; id++) series.addEvent(event(id));
    const delta = series.delta()!;
    expect(delta.replace).toBe(true);
    expect(delta.pauses.length).toBeLessThanOrEqual(MAX_CHART_POINTS);
    expect(delta.xAxis).toBe('uptime-seconds');
  });

  it('leaves out of the heap line the events that carry no heap figure (MemStats pauses)', () => {
    const series = new LiveSeries();
    series.addEvent(gcEvent({ runtime: 'go', collector: 'go', kind: 'cycle', id: 1, startSec: 1, pauseMs: 0.2, source: { file: 'x', line: 1 } }));
    const delta = series.delta()!;
    expect(delta.heap).toEqual([]);
    expect(delta.pauses).toHaveLength(1);
  });
});
