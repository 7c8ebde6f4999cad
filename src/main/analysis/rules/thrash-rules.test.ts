import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../shared/analysis';
import { analyze } from '../analyze';
import { gcEvent, goSeries, MIB } from '../synthetic-events';

const rule = (findings: Finding[], name: string) => findings.find((f) => f.rule === name);

describe('GC thrash rules', () => {
  it('GC overhead over the whole run: 20 ms pauses every 100 ms is 20 %', () => {
    const events = Array.from({ length: 200 }, (_, i) => gcEvent({ line: i + 1, startSec: i * 0.1, pauseMs: 20 }));
    const result = analyze({ events });
    // 200 × 20 ms = 4 s over 19.9 + 0.02 = 19.92 s.
    expect(result.metrics.gcOverheadPercent!).toBeCloseTo((4 / 19.92) * 100, 9);
    expect(rule(result.findings, 'gc-overhead')).toMatchObject({ severity: 'warning', evidence: [{ lineRange: { from: 1, to: 200 } }] });
    // MMU: a 10 ms window can sit inside one pause; a 100 ms window always holds 20 ms.
    expect(result.metrics.mmu.map((p) => p.utilisation)).toEqual([0, 0, expect.closeTo(0.8, 9), expect.closeTo(0.8, 9)]);
  });

  it('GC overhead in the worst minute when the whole run looks fine', () => {
    // 300 s of 1 ms pauses each second, with one minute (100–160 s) of 300 ms pauses each second.
    const events = Array.from({ length: 300 }, (_, i) => gcEvent({ line: i + 1, startSec: i, pauseMs: i >= 100 && i < 160 ? 300 : 1 }));
    const found = rule(analyze({ events }).findings, 'gc-overhead')!;
    expect(found.severity).toBe('critical');
    expect(found.metrics['windowOverheadPercent']).toBeCloseTo(30, 9);
    expect(found.evidence[0]!.timeRange).toEqual({ fromSec: 100, toSec: 160 });
  });

  it('back-to-back full collections, and heap pinned at the limit', () => {
    const events = [
      gcEvent({ line: 1, startSec: 0, heapAfterBytes: 100 * MIB, heapCommittedBytes: 1024 * MIB }),
      ...[10, 11, 12, 13].map((t, i) => gcEvent({ line: 2 + i, startSec: t, kind: 'full', pauseMs: 800, heapAfterBytes: 1000 * MIB, heapCommittedBytes: 1024 * MIB })),
      gcEvent({ line: 6, startSec: 20, heapAfterBytes: 990 * MIB, heapCommittedBytes: 1024 * MIB }),
    ];
    const { findings } = analyze({ events });
    expect(rule(findings, 'back-to-back-full-gc')).toMatchObject({ severity: 'critical', metrics: { bursts: 1, longestBurst: 4 }, evidence: [{ lineRange: { from: 2, to: 5 } }] });
    // Five collections in a row at ≥ 90 % of the largest committed heap (1 GiB).
    expect(rule(findings, 'heap-at-limit')).toMatchObject({ metrics: { consecutiveCollections: 5, limitSource: 'max-committed' }, evidence: [{ lineRange: { from: 2, to: 6 } }] });
  });

  it('out of memory ahead: critical within the hour, a warning within the day, nothing beyond', () => {
    // A Go live heap rising 1 MiB/s from 10 MiB over 100 s: the floor is at about 110 MiB.
    const events = goSeries(201, 0.5, (t) => 10 * MIB + t * MIB);
    expect(rule(analyze({ events, limitBytes: 2 * 1024 * MIB }).findings, 'oom-ahead')).toMatchObject({ severity: 'critical' });
    expect(rule(analyze({ events, limitBytes: 20 * 1024 * MIB }).findings, 'oom-ahead')).toMatchObject({ severity: 'warning' });
    expect(rule(analyze({ events, limitBytes: 200 * 1024 * MIB }).findings, 'oom-ahead')).toBeUndefined();
    // (2048 − 110) MiB at 1 MiB/s.
    expect(analyze({ events, limitBytes: 2 * 1024 * MIB }).metrics.timeToLimitSec).toBeCloseTo(2048 - 110, 6);
  });
});
