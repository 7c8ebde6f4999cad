import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../shared/analysis';
import { analyze } from '../analyze';
import { gcEvent, MIB } from '../synthetic-events';

const rule = (findings: Finding[], name: string) => findings.find((f) => f.rule === name);

describe('JVM rules', () => {
  it('evacuation failure, in unified and JDK 8 spellings, with the lines it saw', () => {
    const { findings } = analyze({
      events: [
        gcEvent({ line: 10, startSec: 1, cause: 'G1 Evacuation Pause; To-space exhausted' }),
        gcEvent({ line: 20, startSec: 2, cause: 'G1 Evacuation Pause' }),
        gcEvent({ line: 30, startSec: 3, kind: 'mixed', cause: 'to-space overflow' }),
      ],
    });
    expect(rule(findings, 'evacuation-failure')).toMatchObject({
      severity: 'warning',
      confidence: 1,
      metrics: { collections: 2 },
      evidence: [{ artifact: 'test.log', lines: [10, 30], timeRange: { fromSec: 1, toSec: 3.001 } }],
    });
  });

  it('promotion failure and concurrent mode failure (CMS)', () => {
    const { findings } = analyze({
      events: [
        gcEvent({ line: 1, startSec: 1, collector: 'legacy-CMS', kind: 'full', cause: 'Allocation Failure, promotion failed' }),
        gcEvent({ line: 2, startSec: 5, collector: 'legacy-CMS', kind: 'full', cause: 'concurrent mode failure' }),
        gcEvent({ line: 3, startSec: 9, collector: 'legacy-CMS', kind: 'full', cause: 'System, concurrent mode interrupted' }),
      ],
    });
    expect(rule(findings, 'promotion-failure')).toMatchObject({ severity: 'critical', metrics: { collections: 1 } });
    // "interrupted" is System.gc() cutting a cycle short, not a failure.
    expect(rule(findings, 'concurrent-mode-failure')).toMatchObject({ metrics: { collections: 1 }, evidence: [{ lines: [2] }] });
    // One explicit collection, but a third of all pause time: a warning.
    expect(rule(findings, 'explicit-gc')).toMatchObject({ severity: 'warning', metrics: { collections: 1, pauseShare: 1 / 3 }, evidence: [{ lines: [3] }] });
  });

  it('explicit System.gc() calls turn into a warning when they are many', () => {
    const events = Array.from({ length: 12 }, (_, i) => gcEvent({ line: i + 1, startSec: i, kind: 'full', cause: 'System.gc()', forced: true, pauseMs: 20 }));
    const found = rule(analyze({ events }).findings, 'explicit-gc')!;
    expect(found).toMatchObject({ severity: 'warning', metrics: { collections: 12, pauseMs: 240, pauseShare: 1 } });
    // They are asked for, not thrash: no back-to-back finding for them.
    expect(rule(analyze({ events }).findings, 'back-to-back-full-gc')).toBeUndefined();
  });

  it('collections a tool asked for (histograms, dumps, jcmd GC.run) are told apart from System.gc() and never called thrash', () => {
    const causes = ['Heap Inspection Initiated GC', 'Heap Dump Initiated GC', 'Diagnostic Command'];
    const events = Array.from({ length: 12 }, (_, i) => gcEvent({ line: i + 1, startSec: i, kind: 'full', cause: causes[i % 3]!, forced: i % 3 === 2, pauseMs: 20 }));
    const { findings } = analyze({ events });
    expect(rule(findings, 'explicit-gc')).toBeUndefined();
    expect(rule(findings, 'tool-induced-gc')).toMatchObject({ severity: 'info', metrics: { collections: 12, pauseMs: 240, pauseShare: 1 } });
    expect(rule(findings, 'back-to-back-full-gc')).toBeUndefined();
  });

  it('humongous allocations, ZGC allocation stalls and Shenandoah degenerated and full collections', () => {
    const { findings } = analyze({
      events: [
        gcEvent({ line: 1, startSec: 1, cause: 'G1 Humongous Allocation' }),
        gcEvent({ line: 2, startSec: 2, collector: 'ZGC', kind: 'cycle', cause: 'Allocation Stall' }),
        gcEvent({ line: 3, startSec: 3, collector: 'Shenandoah', kind: 'degenerated', pauseMs: 40 }),
        gcEvent({ line: 4, startSec: 4, collector: 'Shenandoah', kind: 'full', pauseMs: 900, cause: 'Allocation Failure' }),
      ],
      recognised: { 'zgc.log': { stall: 3 }, 'other.log': { stall: 0 } },
    });
    expect(rule(findings, 'humongous-allocation')).toMatchObject({ severity: 'warning', evidence: [{ lines: [1] }] });
    expect(findings.filter((f) => f.rule === 'allocation-stall').map((f) => f.evidence[0]!.artifact)).toEqual(['test.log', 'zgc.log']);
    expect(rule(findings, 'shenandoah-degenerated')).toMatchObject({ severity: 'warning', evidence: [{ lines: [3] }] });
    expect(rule(findings, 'shenandoah-full')).toMatchObject({ severity: 'critical', evidence: [{ lines: [4] }] });
  });

  it('metaspace that keeps growing is a class-loader leak; start-up class loading that levels off is not', () => {
    const withMetaspace = (after: (t: number) => number) =>
      Array.from({ length: 60 }, (_, i) => gcEvent({ line: i + 1, startSec: i * 2, heapAfterBytes: 50 * MIB, generations: { metaspace: { beforeBytes: null, afterBytes: after(i * 2), committedBytes: null } } }));
    const growing = analyze({ events: withMetaspace((t) => 20 * MIB + t * 0.5 * MIB) }).findings;
    expect(rule(growing, 'metaspace-growth')).toMatchObject({ severity: 'warning' });
    expect(rule(growing, 'metaspace-growth')!.title).toMatch(/^Metaspace grows steadily at 30\.0 MiB\/min/);
    const startUp = analyze({ events: withMetaspace((t) => 20 * MIB + Math.min(t, 20) * 2 * MIB) }).findings;
    expect(rule(startUp, 'metaspace-growth')).toBeUndefined();
  });

  it('says nothing about a Go log', () => {
    const { findings } = analyze({ events: [gcEvent({ line: 1, runtime: 'go', collector: 'go', kind: 'cycle', startSec: 0, forced: true })] });
    expect(findings).toEqual([]);
  });
});
