import { describe, expect, it } from 'vitest';
import { niceTicks, niceTicksBetween, tickFormatter } from './nice-ticks';

describe('niceTicks', () => {
  it('steps by round numbers up to just above the maximum', () => {
    expect(niceTicks(248)).toEqual([0, 50, 100, 150, 200, 250]);
    expect(niceTicks(1.36)).toEqual([0, 0.5, 1, 1.5]);
    expect(niceTicks(9.75)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(12)).toEqual([0, 2.5, 5, 7.5, 10, 12.5]);
  });

  it('ends exactly on a maximum that is itself round', () => {
    expect(niceTicks(100)).toEqual([0, 20, 40, 60, 80, 100]);
  });

  it('keeps tick values free of floating-point noise', () => {
    expect(niceTicks(0.3)).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it('gives a usable axis when there is nothing to show', () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(Number.NaN)).toEqual([0, 1]);
  });
});

describe('niceTicksBetween', () => {
  it('covers a range that does not start at zero with round ticks', () => {
    expect(niceTicksBetween(4.1, 4.38)).toEqual([4.1, 4.2, 4.3, 4.4]);
    expect(niceTicksBetween(1003, 1780)).toEqual([1000, 1200, 1400, 1600, 1800]);
  });

  it('reads a span of hours in round hours', () => {
    expect(niceTicksBetween(0, 4.38)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('gives a usable axis for a single point', () => {
    expect(niceTicksBetween(7, 7)).toEqual([7, 8]);
  });
});

describe('tickFormatter', () => {
  it('gives every tick the decimals the set needs, and no more', () => {
    const small = tickFormatter([0, 0.005, 0.01, 0.015, 0.02]);
    expect([0, 0.005, 0.01].map(small)).toEqual(['0.000', '0.005', '0.010']);
    expect(tickFormatter([0, 2.5, 5])(5)).toBe('5.0');
    expect(tickFormatter([0, 50, 100])(100)).toBe('100');
    expect(tickFormatter([0, 500, 1000, 1500])(1500)).toBe('1,500');
  });
});
