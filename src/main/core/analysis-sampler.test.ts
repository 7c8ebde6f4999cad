import { describe, expect, it } from 'vitest';
import { gcEvent, goSeries, MIB } from '../analysis/synthetic-events';
import { AnalysisSampler, analyseSampled, isNotable } from './analysis-sampler';

describe('AnalysisSampler', () => {
  it('keeps everything while the log is small', () => {
    const sampler = new AnalysisSampler({ maxSampled: 100 });
    for (const e of goSeries(80, 1, () => 10 * MIB)) sampler.add(e);
    sampler.add({ type: 'unknown', text: 'hello', source: { file: 'test.log', line: 81 } });
    expect(sampler.subsampled).toBe(false);
    expect(sampler.records).toHaveLength(80);
    const result = analyseSampled(sampler, {});
    expect(result.metrics.events).toBe(80);
    expect(result.metrics.gcOverheadPercent).not.toBeNull();
    expect(result.notes.join(' ')).not.toMatch(/too many/);
  });

  it('past its bound keeps every k-th record evenly, plus every notable collection and run start', () => {
    const sampler = new AnalysisSampler({ maxSampled: 100 });
    const events = goSeries(1000, 1, (t) => 10 * MIB + t * 0.1 * MIB);
    events[333] = { ...events[333]!, forced: true };
    events.forEach((e, i) => {
      if (i === 500) sampler.add({ type: 'run-start', run: 1, source: { file: 'test.log', line: 9999 } });
      sampler.add(e);
    });
    expect(sampler.subsampled).toBe(true);
    expect(sampler.seen).toBe(1000);
    const lines = sampler.records.map((r) => r.source.line);
    // 999 thinnable events: a stride of 16 leaves 0, 16, … 992 (63 of them), then the forced one and the run start.
    expect(sampler.records.filter((r) => r.type === 'gc' && !r.forced)).toHaveLength(63);
    expect(lines).toContain(334);
    expect(lines).toContain(9999);
    // Input order is kept.
    expect(lines.indexOf(334)).toBeGreaterThan(lines.indexOf(321));
    expect(lines.indexOf(9999)).toBeLessThan(lines.indexOf(lines.find((l) => l > 501 && l !== 9999)!));

    const result = analyseSampled(sampler, {});
    expect(result.metrics.gcOverheadPercent).toBeNull();
    expect(result.metrics.allocationRate).toBeNull();
    expect(result.metrics.mmu.every((p) => p.utilisation === null)).toBe(true);
    expect(result.notes[0]).toMatch(/^The log holds 1,000 collections and safepoints, too many/);
  });

  it('names the collections rules count one by one', () => {
    expect(isNotable(gcEvent({ line: 1 }))).toBe(false);
    expect(isNotable(gcEvent({ line: 1, kind: 'full' }))).toBe(true);
    expect(isNotable(gcEvent({ line: 1, cause: 'G1 Evacuation Pause; To-space exhausted' }))).toBe(true);
    expect(isNotable(gcEvent({ line: 1, cause: 'System.gc()' }))).toBe(true);
    expect(isNotable(gcEvent({ line: 1, cause: 'G1 Evacuation Pause' }))).toBe(false);
  });
});
