import { describe, expect, it } from 'vitest';
import type { SnapshotSummary } from '../../../shared/snapshot';
import type { SnapshotDiff } from '../../../shared/snapshot';
import { buildDiffRequest, choicesFor, DEFAULT_SETTINGS, isFilterError, shownChoice } from './diff-request';

function summary(partial: Partial<SnapshotSummary>): SnapshotSummary {
  return {
    kind: 'pprof',
    file: 'memleak-2.heap.pb.gz',
    profile: 'heap',
    samples: ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space'],
    defaultSample: 'inuse_space',
    totals: {},
    units: {},
    capturedAt: null,
    top: [],
    by: 'function',
    ...partial,
  };
}

describe('choicesFor', () => {
  it('offers function and stack for a heap profile, with its sample types', () => {
    expect(choicesFor(summary({}))).toEqual({
      by: ['function', 'stack'],
      samples: ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space'],
      foldRuntime: true,
    });
  });

  it('offers goroutine groups first for a goroutine dump', () => {
    const choices = choicesFor(summary({ kind: 'goroutine-text', profile: 'goroutine', samples: ['goroutine'], by: 'goroutine' }));
    expect(choices.by).toEqual(['goroutine', 'stack', 'function']);
    expect(choices.foldRuntime).toBe(true);
  });

  it('offers only classes, and no sample, for histograms and heap dumps', () => {
    for (const kind of ['class-histogram', 'hprof'] as const) {
      expect(choicesFor(summary({ kind, samples: ['bytes', 'instances'], by: 'class' }))).toEqual({
        by: ['class'],
        samples: [],
        foldRuntime: false,
      });
    }
  });

  it('offers categories and committed/reserved for NMT', () => {
    expect(choicesFor(summary({ kind: 'nmt', samples: ['committed', 'reserved'], by: 'category' }))).toEqual({
      by: ['category'],
      samples: ['committed', 'reserved'],
      foldRuntime: false,
    });
  });
});

describe('buildDiffRequest', () => {
  it('sends nothing but the ids for the defaults', () => {
    expect(buildDiffRequest('base-id-1', 'new-id-22', summary({}), DEFAULT_SETTINGS)).toEqual({ baseId: 'base-id-1', newId: 'new-id-22' });
  });

  it('sends the chosen settings the snapshot offers', () => {
    const request = buildDiffRequest('a', 'b', summary({}), { by: 'stack', sample: 'alloc_space', filter: 'main\\.', foldRuntime: true });
    expect(request).toEqual({ baseId: 'a', newId: 'b', by: 'stack', sample: 'alloc_space', filter: 'main\\.', foldRuntime: true });
  });

  it('drops settings left over from a snapshot of another kind', () => {
    const histogram = summary({ kind: 'class-histogram', samples: ['bytes', 'instances'], by: 'class' });
    const request = buildDiffRequest('a', 'b', histogram, { by: 'stack', sample: 'inuse_space', filter: '  ', foldRuntime: true });
    expect(request).toEqual({ baseId: 'a', newId: 'b' });
  });
});

describe('isFilterError', () => {
  const invalid = { kind: 'invalid-argument' as const, message: 'the filter is not a regular expression: …' };

  it('blames a filter that does not compile', () => {
    expect(isFilterError(invalid, '(')).toBe(true);
    expect(isFilterError(invalid, '[a-')).toBe(true);
  });

  it('does not blame a filter that compiles, nor an empty one', () => {
    expect(isFilterError(invalid, 'main\\.retain')).toBe(false);
    expect(isFilterError(invalid, '')).toBe(false);
  });

  it('does not blame the filter for other kinds of error', () => {
    expect(isFilterError({ kind: 'not-found', message: 'that snapshot is no longer loaded' }, '(')).toBe(false);
  });
});

describe('shownChoice', () => {
  const answer = (partial: Partial<SnapshotDiff>): SnapshotDiff => ({
    kind: 'pprof',
    sample: 'inuse_space',
    unit: 'bytes',
    by: 'function',
    baseTotal: 0,
    newTotal: 0,
    rows: [],
    ...partial,
  });

  it('shows the snapshot defaults before any answer', () => {
    expect(shownChoice(summary({}), DEFAULT_SETTINGS, null)).toEqual({ by: 'function', sample: 'inuse_space' });
  });

  it('shows what the user chose', () => {
    expect(shownChoice(summary({}), { ...DEFAULT_SETTINGS, by: 'stack', sample: 'alloc_space' }, answer({}))).toEqual({
      by: 'stack',
      sample: 'alloc_space',
    });
  });

  it('ignores choices and answers the new snapshot does not offer', () => {
    const dump = summary({ kind: 'goroutine-text', profile: 'goroutine', samples: ['goroutine'], defaultSample: 'goroutine', by: 'goroutine' });
    expect(shownChoice(dump, { ...DEFAULT_SETTINGS, by: 'class', sample: 'inuse_space' }, answer({ by: 'category' }))).toEqual({
      by: 'goroutine',
      sample: 'goroutine',
    });
  });

  it('shows the compared sample of a class histogram, which offers no choice', () => {
    const histogram = summary({ kind: 'class-histogram', samples: ['bytes', 'instances'], defaultSample: 'bytes', by: 'class' });
    expect(shownChoice(histogram, DEFAULT_SETTINGS, answer({ kind: 'class-histogram', by: 'class', sample: 'bytes' }))).toEqual({
      by: 'class',
      sample: 'bytes',
    });
  });
});
