import { describe, expect, it } from 'vitest';
import { classifyTrend, fitTrend, lowerEnvelope, type SeriesPoint } from './trend-fit';
import { lcg, MIB } from './synthetic-events';

const LIMITS = { minGrowthBytes: 4 * MIB, minGrowthFraction: 0.1, minSpearman: 0.6, persistFraction: 0.25 };

function series(count: number, everySec: number, y: (t: number, i: number) => number): SeriesPoint[] {
  return Array.from({ length: count }, (_, i) => ({ t: i * everySec, y: y(i * everySec, i) }));
}

describe('lowerEnvelope', () => {
  it('keeps the lowest point of each equal stretch of time', () => {
    // Window 0..10 s in 2 buckets of 5 s: {0, 1, 2} and {6, 10} (10 falls in the last one).
    const points = [
      { t: 0, y: 5 },
      { t: 1, y: 3 },
      { t: 2, y: 4 },
      { t: 6, y: 9 },
      { t: 10, y: 7 },
    ];
    expect(lowerEnvelope(points, 2)).toEqual([
      { t: 1, y: 3 },
      { t: 10, y: 7 },
    ]);
  });

  it('turns a burst of points into one, so it cannot outvote the rest of the window', () => {
    // 20 points in the first second, then 5 spread over an hour.
    const burst = Array.from({ length: 20 }, (_, i) => ({ t: i * 0.05, y: 100 + i }));
    const spread = [720, 1440, 2160, 2880, 3600].map((t) => ({ t, y: 100 }));
    expect(lowerEnvelope([...burst, ...spread], 25)).toHaveLength(6);
  });
});

describe('classifyTrend', () => {
  const shape = (points: SeriesPoint[]) => classifyTrend(fitTrend(points, 2000)!, LIMITS);
  const noise = lcg(7);

  it('rising: a floor that climbs 1 MiB/s with noise, to the end', () => {
    const fit = fitTrend(
      series(200, 0.5, (t) => 10 * MIB + t * MIB + (noise() - 0.5) * MIB),
      2000,
    )!;
    expect(fit.whole.slope).toBeGreaterThan(0.97 * MIB);
    expect(fit.whole.slope).toBeLessThan(1.03 * MIB);
    expect(fit.spearman).toBeGreaterThan(0.99);
    expect(classifyTrend(fit, LIMITS)).toBe('rising');
  });

  it('levelled: warm-up growth that stops (50 MiB × (1 − e^(−t/10)) over 200 s)', () => {
    expect(shape(series(200, 1, (t) => 50 * MIB * (1 - Math.exp(-t / 10))))).toBe('levelled');
  });

  it('flat: a healthy sawtooth between the same floor and ceiling', () => {
    // The heap after collection saws from 100 to 300 MiB and back, five times over.
    expect(shape(series(250, 1, (t) => 100 * MIB + ((t % 50) / 50) * 200 * MIB))).toBe('flat');
  });

  it('flat: growth under the limits (3 MiB over the window) is noise', () => {
    expect(shape(series(100, 1, (t) => 100 * MIB + t * 0.03 * MIB))).toBe('flat');
  });

  it('falling: a floor that comes down', () => {
    expect(shape(series(100, 1, (t) => 200 * MIB - t * MIB))).toBe('falling');
  });

  it('noisy: a rise the data only half supports', () => {
    const jitter = lcg(3);
    expect(shape(series(200, 1, (t) => 100 * MIB + t * 0.1 * MIB + (jitter() - 0.5) * 80 * MIB))).toBe('noisy');
  });

  it('sparse: nothing late in the window to say whether it still grows', () => {
    const points = [...series(30, 1, (t) => 10 * MIB + t * MIB), { t: 300, y: 60 * MIB }];
    expect(shape(points)).toBe('sparse');
  });
});
