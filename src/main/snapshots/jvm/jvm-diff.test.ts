import { describe, expect, it } from 'vitest';
import { GclensError } from '../../../shared/result';
import { diffJvmSnapshots } from './jvm-diff';
import { BASE, dump, NEXT, nmt } from './test-snapshots';

describe('JVM snapshot diff by class', () => {
  it('gives bytes and counts per class, largest growth first', () => {
    const diff = diffJvmSnapshots(BASE, NEXT, { by: 'class' });
    expect(diff).toMatchObject({ kind: 'class-histogram', sample: 'bytes', unit: 'bytes', by: 'class', baseTotal: 7200, newTotal: 135168 });
    expect(diff.rows).toEqual([
      { key: 'LeakedRecord', base: 720, new: 72720, delta: 72000, baseCount: 10, newCount: 1010, deltaCount: 1000 },
      { key: '[B', base: 4000, new: 36000, delta: 32000, baseCount: 100, newCount: 1100, deltaCount: 1000 },
      { key: 'java.lang.String', base: 2400, new: 26400, delta: 24000, baseCount: 100, newCount: 1100, deltaCount: 1000 },
      { key: 'New', base: 0, new: 48, delta: 48, baseCount: 0, newCount: 3, deltaCount: 3 },
      { key: 'Gone', base: 80, new: 0, delta: -80, baseCount: 5, newCount: 0, deltaCount: -5 },
    ]);
  });

  it('filters by JVM or readable name, and a global RegExp filters the same every time', () => {
    expect(diffJvmSnapshots(BASE, NEXT, { filter: /^byte\[\]$/ }).rows.map((r) => r.key)).toEqual(['[B']);
    const re = /String|Leaked/g;
    expect(diffJvmSnapshots(BASE, NEXT, { filter: re }).rows.map((r) => r.key)).toEqual(['LeakedRecord', 'java.lang.String']);
  });

  it('compares a histogram with a heap dump, and two dumps as dumps', () => {
    const fromDump = dump('live.hprof', NEXT.classes);
    expect(diffJvmSnapshots(BASE, fromDump).kind).toBe('class-histogram');
    expect(diffJvmSnapshots(BASE, fromDump).rows[0]?.key).toBe('LeakedRecord');
    expect(diffJvmSnapshots(dump('a.hprof', BASE.classes), fromDump).kind).toBe('hprof');
  });

  it('refuses a class snapshot against NMT, naming both files', () => {
    const err = (() => {
      try {
        diffJvmSnapshots(BASE, nmt('nmt.txt', [['Java Heap', 1]]));
      } catch (e) {
        return e as GclensError;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(GclensError);
    expect(err?.kind).toBe('unsupported-format');
    expect(err?.message).toMatch(/^base\.txt \(class histogram\) and nmt\.txt \(NMT summary\) do not compare/);
  });

  it('refuses a grouping the kind does not have', () => {
    expect(() => diffJvmSnapshots(BASE, NEXT, { by: 'category' })).toThrow('base.txt and next.txt are class histograms: they diff by class, not by category');
  });
});

describe('JVM snapshot diff by NMT category', () => {
  const before = nmt('a.txt', [['Java Heap', 1000], ['Thread', 300], ['Code', 50]]);
  const after = nmt('b.txt', [['Java Heap', 5000], ['Thread', 200], ['GC', 70]]);

  it('gives committed bytes per category, largest growth first', () => {
    const diff = diffJvmSnapshots(before, after, { by: 'category' });
    expect(diff).toMatchObject({ kind: 'nmt', sample: 'committed', unit: 'bytes', by: 'category', baseTotal: 1350, newTotal: 5270 });
    expect(diff.rows).toEqual([
      { key: 'Java Heap', base: 1000, new: 5000, delta: 4000 },
      { key: 'GC', base: 0, new: 70, delta: 70 },
      { key: 'Code', base: 50, new: 0, delta: -50 },
      { key: 'Thread', base: 300, new: 200, delta: -100 },
    ]);
  });

  it('compares reserved bytes when asked, and filters', () => {
    const diff = diffJvmSnapshots(before, after, { sample: 'reserved', filter: /heap/i });
    expect(diff.sample).toBe('reserved');
    expect(diff.rows).toEqual([{ key: 'Java Heap', base: 2000, new: 10000, delta: 8000 }]);
  });
});
