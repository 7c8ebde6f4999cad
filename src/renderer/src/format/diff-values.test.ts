import { describe, expect, it } from 'vitest';
import { deltaPercent, formatDelta, formatDeltaPercent, formatValue } from './diff-values';

describe('formatValue', () => {
  it('formats bytes in binary units, like the rest of gclens', () => {
    expect(formatValue(9_701_573, 'bytes')).toBe('9.25 MB');
    expect(formatValue(512, 'bytes')).toBe('512 B');
    expect(formatValue(3 * 1024 ** 3, 'bytes')).toBe('3 GB');
  });

  it('formats counts as integers with separators', () => {
    expect(formatValue(100_000, 'count')).toBe('100,000');
    expect(formatValue(33, 'count')).toBe('33');
  });

  it('formats nanoseconds (pprof contention delay) as a duration', () => {
    expect(formatValue(3_456_000, 'nanoseconds')).toBe('3.46 ms');
    expect(formatValue(2_500_000_000, 'nanoseconds')).toBe('2.5 s');
  });

  it('keeps an unknown unit as given', () => {
    expect(formatValue(1200, 'cycles')).toBe('1,200 cycles');
  });

  it('shows a dash for a missing value', () => {
    expect(formatValue(undefined, 'bytes')).toBe('—');
    expect(formatValue(Number.NaN, 'count')).toBe('—');
  });
});

describe('formatDelta', () => {
  it('signs growth and shrinkage', () => {
    expect(formatDelta(9_701_573, 'bytes')).toBe('+9.25 MB');
    expect(formatDelta(-1024, 'bytes')).toBe('-1 KB');
    expect(formatDelta(33, 'count')).toBe('+33');
    expect(formatDelta(-2_000_000, 'nanoseconds')).toBe('-2 ms');
  });

  it('leaves no change unsigned', () => {
    expect(formatDelta(0, 'count')).toBe('0');
    expect(formatDelta(0, 'bytes')).toBe('0 B');
  });
});

describe('deltaPercent / formatDeltaPercent', () => {
  it('is growth relative to the base', () => {
    expect(deltaPercent(100, 150)).toBe(50);
    expect(deltaPercent(200, 100)).toBe(-50);
    expect(formatDeltaPercent(21, 54)).toBe('+157.1 %');
    expect(formatDeltaPercent(4, 0)).toBe('-100 %');
    expect(formatDeltaPercent(144_000_000_000, 143_998_800_000)).toBe('-<0.1 %');
    expect(formatDeltaPercent(1_000_000, 1_000_001)).toBe('+<0.1 %');
  });

  it('calls something absent from the base new', () => {
    expect(deltaPercent(0, 10)).toBe(Infinity);
    expect(formatDeltaPercent(0, 10)).toBe('new');
  });

  it('is 0 when nothing changed, including absent from both', () => {
    expect(deltaPercent(0, 0)).toBe(0);
    expect(formatDeltaPercent(0, 0)).toBe('0 %');
    expect(formatDeltaPercent(7, 7)).toBe('0 %');
  });
});
