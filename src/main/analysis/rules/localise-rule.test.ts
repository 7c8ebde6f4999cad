import { describe, expect, it } from 'vitest';
import type { SnapshotDiff } from '../../../shared/snapshot';
import { analyze } from '../analyze';
import { goSeries, MIB } from '../synthetic-events';

const heapDiff: SnapshotDiff = {
  kind: 'pprof',
  sample: 'inuse_space',
  unit: 'bytes',
  by: 'function',
  baseTotal: 50 * MIB,
  newTotal: 150 * MIB,
  rows: [
    { key: 'main.retainHeader', base: 10 * MIB, new: 90 * MIB, delta: 80 * MIB },
    { key: 'main.recordSession', base: 5 * MIB, new: 20 * MIB, delta: 15 * MIB },
    { key: 'runtime.malg', base: 1 * MIB, new: 1 * MIB, delta: 0 },
  ],
};

describe('leak localised and goroutine diffs', () => {
  const leaking = goSeries(200, 0.5, (t) => 10 * MIB + t * MIB);

  it('names the top grower, its share of the growth, joined to a rising floor', () => {
    const result = analyze({ events: leaking, diffs: [{ ...heapDiff, artifacts: { base: 'heap-1.pb.gz', new: 'heap-2.pb.gz' } }] });
    const found = result.findings.find((f) => f.rule === 'leak-localised')!;
    expect(found).toMatchObject({ severity: 'critical', confidence: 0.8, metrics: { growthBytes: 100 * MIB, topShare: 0.8 } });
    expect(found.title).toBe('main.retainHeader grew 80.0 MiB between the snapshots, 80 % of the 100 MiB growth, while the floor rises 60.0 MiB/min.');
    expect(found.evidence).toEqual([{ artifact: 'heap-2.pb.gz', rows: ['main.retainHeader', 'main.recordSession'], what: 'the 2 functions that grew most: main.retainHeader +80.0 MiB; main.recordSession +15.0 MiB' }]);
    expect(result.summary).toMatch(/; main\.retainHeader grew 80\.0 MiB between the snapshots\.$/);
  });

  it('is only a lead without a rising floor, and ignores alloc_space, which always grows', () => {
    const flat = goSeries(200, 0.5, () => 10 * MIB);
    expect(analyze({ events: flat, diffs: [heapDiff] }).findings.find((f) => f.rule === 'leak-localised')).toMatchObject({ severity: 'warning', confidence: 0.48 });
    expect(analyze({ events: leaking, diffs: [{ ...heapDiff, sample: 'alloc_space' }] }).findings.find((f) => f.rule === 'leak-localised')).toBeUndefined();
  });

  it('a goroutine diff that grows is a goroutine leak, with the stacks and what they wait on', () => {
    const goroutines: SnapshotDiff = {
      kind: 'goroutine-text',
      sample: 'goroutine',
      unit: 'count',
      by: 'goroutine',
      baseTotal: 40,
      newTotal: 1040,
      rows: [
        { key: 'main.blockOnSend', base: 10, new: 1010, delta: 1000, state: 'chan send', frames: ['main.blockOnSend', 'main.step'] },
        { key: 'net/http.(*conn).serve', base: 5, new: 5, delta: 0, state: 'IO wait' },
      ],
    };
    const result = analyze({ events: goSeries(200, 0.5, () => 10 * MIB), diffs: [goroutines] });
    expect(result.verdict).toBe('leak');
    expect(result.findings[0]).toMatchObject({
      rule: 'goroutine-leak',
      confidence: 0.9,
      title: 'Goroutines grew from 40 to 1040 between the snapshots at main.blockOnSend, 1000 of them parked in "chan send".',
      evidence: [{ artifact: 'goroutine-text snapshot diff', rows: ['main.blockOnSend'] }],
    });
    expect(result.summary).toBe('Leak: goroutines grew from 40 to 1040 between the snapshots at main.blockOnSend, 1000 of them parked in "chan send".');
  });
});
