import { describe, expect, it } from 'vitest';
import type { DiffRow } from '../../../shared/snapshot';
import { cellText, columnsFor, gridTemplate, isExpandable, minTableWidth } from './diff-columns';

describe('columnsFor', () => {
  const ids = (by: Parameters<typeof columnsFor>[0]): string[] => columnsFor(by).map((column) => column.id);

  it('adds cumulative columns for functions', () => {
    expect(ids('function')).toEqual(['key', 'base', 'new', 'delta', 'absDelta', 'deltaPercent', 'cumBase', 'cumNew', 'cumDelta']);
  });

  it('adds instance counts for classes', () => {
    expect(ids('class')).toEqual(['key', 'base', 'new', 'delta', 'absDelta', 'deltaPercent', 'baseCount', 'newCount', 'deltaCount']);
  });

  it('has the plain columns for stacks, goroutines and NMT categories', () => {
    for (const by of ['stack', 'goroutine', 'category'] as const) {
      expect(ids(by)).toEqual(['key', 'base', 'new', 'delta', 'absDelta', 'deltaPercent']);
    }
  });

  it('gives the key column the room left, never less than its minimum', () => {
    const columns = columnsFor('stack');
    expect(gridTemplate(columns)).toBe('minmax(260px, 1fr) 100px 100px 100px 84px 90px');
    expect(minTableWidth(columns)).toBe(260 + 3 * 100 + 84 + 90);
  });
});

describe('cellText', () => {
  const klass: DiffRow = { key: 'java.util.HashMap$Node', base: 3_200, new: 1_051_200, delta: 1_048_000, baseCount: 100, newCount: 32_850, deltaCount: 32_750 };

  it('formats values in the diff unit and counts as counts', () => {
    expect(cellText(klass, 'key', 'bytes')).toBe('java.util.HashMap$Node');
    expect(cellText(klass, 'base', 'bytes')).toBe('3.13 KB');
    expect(cellText(klass, 'delta', 'bytes')).toBe('+1,023 KB');
    expect(cellText(klass, 'newCount', 'bytes')).toBe('32,850');
    expect(cellText(klass, 'deltaCount', 'bytes')).toBe('+32,750');
    expect(cellText(klass, 'deltaPercent', 'bytes')).toBe('+32,750 %');
  });

  it('shows a dash where a row has no such value', () => {
    expect(cellText(klass, 'cumDelta', 'bytes')).toBe('—');
  });
});

describe('isExpandable', () => {
  it('opens rows with frames or a state only', () => {
    expect(isExpandable({ key: 'a < b', base: 0, new: 1, delta: 1, frames: ['a', 'b'] })).toBe(true);
    expect(isExpandable({ key: '[select] (no frames)', base: 0, new: 1, delta: 1, frames: [], state: 'select' })).toBe(true);
    expect(isExpandable({ key: 'main.main', base: 0, new: 1, delta: 1 })).toBe(false);
  });
});
