import { describe, expect, it } from 'vitest';
import type { DiffRow } from '../../../shared/snapshot';
import { DEFAULT_SORT, largestChange, nextSort, sortRows, topGrowers } from './diff-sort';

const rows: DiffRow[] = [
  { key: 'main.remember', base: 524_800, new: 1_574_400, delta: 1_049_600, cumBase: 524_800, cumNew: 1_574_400, cumDelta: 1_049_600 },
  { key: 'main.main', base: 0, new: 0, delta: 0, cumBase: 6_457_271, cumNew: 16_126_759, cumDelta: 9_669_488 },
  { key: 'main.retainHeader', base: 4_850_786, new: 14_552_359, delta: 9_701_573, cumBase: 4_850_786, cumNew: 14_552_359, cumDelta: 9_701_573 },
  { key: 'main.churn', base: 1_081_685, new: 0, delta: -1_081_685, cumBase: 1_081_685, cumNew: 0, cumDelta: -1_081_685 },
  { key: 'bytes.growSlice', base: 0, new: 4096, delta: 4096 },
];

const keys = (sorted: DiffRow[]): string[] => sorted.map((row) => row.key);

describe('sortRows', () => {
  it('puts the largest growth first by default', () => {
    expect(keys(sortRows(rows, DEFAULT_SORT))).toEqual(['main.retainHeader', 'main.remember', 'bytes.growSlice', 'main.main', 'main.churn']);
  });

  it('puts the largest shrink first in ascending delta', () => {
    expect(keys(sortRows(rows, { column: 'delta', direction: 'asc' }))[0]).toBe('main.churn');
  });

  it('sorts by key', () => {
    expect(keys(sortRows(rows, { column: 'key', direction: 'asc' }))).toEqual([
      'bytes.growSlice',
      'main.churn',
      'main.main',
      'main.remember',
      'main.retainHeader',
    ]);
    expect(keys(sortRows(rows, { column: 'key', direction: 'desc' }))[0]).toBe('main.retainHeader');
  });

  it('sorts by cumulative delta, absent values as 0', () => {
    expect(keys(sortRows(rows, { column: 'cumDelta', direction: 'desc' }))).toEqual([
      'main.retainHeader',
      'main.main',
      'main.remember',
      'bytes.growSlice',
      'main.churn',
    ]);
  });

  it('sorts by delta %, with rows new in this snapshot above any finite growth', () => {
    expect(keys(sortRows(rows, { column: 'deltaPercent', direction: 'desc' }))).toEqual([
      'bytes.growSlice',
      // 14,552,359 / 4,850,786 is a hair over 3x; 1,574,400 / 524,800 is exactly 3x.
      'main.retainHeader',
      'main.remember',
      'main.main',
      'main.churn',
    ]);
  });

  it('sorts by the size of the change either way for the growth bar column', () => {
    expect(keys(sortRows(rows, { column: 'absDelta', direction: 'desc' })).slice(0, 3)).toEqual([
      'main.retainHeader',
      'main.churn',
      'main.remember',
    ]);
  });

  it('breaks ties by key in both directions', () => {
    const tied: DiffRow[] = [
      { key: 'b', base: 0, new: 1, delta: 1 },
      { key: 'a', base: 0, new: 1, delta: 1 },
    ];
    expect(keys(sortRows(tied, { column: 'delta', direction: 'desc' }))).toEqual(['a', 'b']);
    expect(keys(sortRows(tied, { column: 'delta', direction: 'asc' }))).toEqual(['a', 'b']);
  });

  it('leaves its input alone', () => {
    const before = keys(rows);
    sortRows(rows, { column: 'key', direction: 'asc' });
    expect(keys(rows)).toEqual(before);
  });
});

describe('nextSort', () => {
  it('flips the direction of the column already sorted', () => {
    expect(nextSort(DEFAULT_SORT, 'delta')).toEqual({ column: 'delta', direction: 'asc' });
    expect(nextSort({ column: 'delta', direction: 'asc' }, 'delta')).toEqual(DEFAULT_SORT);
  });

  it('starts numbers descending and keys ascending', () => {
    expect(nextSort(DEFAULT_SORT, 'new')).toEqual({ column: 'new', direction: 'desc' });
    expect(nextSort(DEFAULT_SORT, 'key')).toEqual({ column: 'key', direction: 'asc' });
  });
});

describe('topGrowers / largestChange', () => {
  it('names the rows that grew most, never a shrinking one', () => {
    expect(topGrowers(rows, 3)).toEqual(new Set(['main.retainHeader', 'main.remember', 'bytes.growSlice']));
    expect(topGrowers([{ key: 'x', base: 5, new: 1, delta: -4 }], 3).size).toBe(0);
  });

  it('is the largest change either way', () => {
    expect(largestChange(rows)).toBe(9_701_573);
    expect(largestChange([{ key: 'x', base: 5_000_000_000, new: 0, delta: -5_000_000_000 }])).toBe(5_000_000_000);
    expect(largestChange([])).toBe(0);
  });
});
