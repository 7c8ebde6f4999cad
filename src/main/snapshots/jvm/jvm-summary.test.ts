import { describe, expect, it } from 'vitest';
import { summarizeJvmSnapshot } from './jvm-summary';
import { dump, NEXT, nmt } from './test-snapshots';

describe('JVM snapshot summary', () => {
  it('lists the largest classes as a diff against nothing, merging duplicate names', () => {
    const summary = summarizeJvmSnapshot(NEXT, 2);
    expect(summary).toEqual({
      kind: 'class-histogram',
      file: 'next.txt',
      profile: 'class histogram',
      samples: ['bytes', 'instances'],
      defaultSample: 'bytes',
      totals: { bytes: 135168, instances: 3213 },
      units: { bytes: 'bytes', instances: 'count' },
      capturedAt: null,
      top: [
        { key: 'LeakedRecord', base: 0, new: 72720, delta: 72720, baseCount: 0, newCount: 1010, deltaCount: 1010 },
        { key: '[B', base: 0, new: 36000, delta: 36000, baseCount: 0, newCount: 1100, deltaCount: 1100 },
      ],
      by: 'class',
    });
    expect(summarizeJvmSnapshot(NEXT, 10).top.find((r) => r.key === 'New')?.newCount).toBe(3);
    expect(summarizeJvmSnapshot(dump('d.hprof', NEXT.classes), 1)).toMatchObject({ kind: 'hprof', profile: 'heap dump', capturedAt: '2025-01-01T00:00:00.000Z' });
  });

  it('summarises NMT by committed bytes; a summary.diff carries its own baseline', () => {
    const plain = summarizeJvmSnapshot(nmt('n.txt', [['Thread', 300], ['Java Heap', 1000]]), 5);
    expect(plain).toMatchObject({ kind: 'nmt', profile: 'native memory', defaultSample: 'committed', totals: { committed: 1300, reserved: 2600 }, by: 'category' });
    expect(plain.top.map((r) => [r.key, r.base, r.new, r.delta])).toEqual([
      ['Java Heap', 0, 1000, 1000],
      ['Thread', 0, 300, 300],
    ]);
    const fromDiff = summarizeJvmSnapshot(nmt('d.txt', [['Java Heap', 1000, 400], ['Thread', 300]], true), 5);
    expect(fromDiff.profile).toBe('native memory diff');
    expect(fromDiff.top.map((r) => [r.key, r.base, r.new, r.delta])).toEqual([
      ['Java Heap', 600, 1000, 400],
      ['Thread', 300, 300, 0],
    ]);
  });
});
