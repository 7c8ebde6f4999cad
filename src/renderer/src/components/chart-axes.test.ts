import { describe, expect, it } from 'vitest';
import { tooltipTime, xAxisFor } from './chart-axes';

describe('xAxisFor over time', () => {
  it('starts a gctrace run at zero and ends where the data ends', () => {
    const axis = xAxisFor([0.012, 3.1, 9.75], 'time');
    expect(axis.domain).toEqual([0, 9.75]);
    expect(axis.ticks).toEqual([0, 2, 4, 6, 8]);
    expect(axis.label).toBe('time since start (s)');
    expect(axis.tick(4)).toBe('4');
  });

  it('reads hours in round hours', () => {
    const axis = xAxisFor([1, 4.38 * 3600], 'time');
    expect(axis.label).toBe('time since start (h)');
    expect(axis.ticks).toEqual([0, 3600, 7200, 10800, 14400]);
    expect(axis.tick(7200)).toBe('2');
  });

  it('keeps a log that starts late from being squeezed against zero', () => {
    const axis = xAxisFor([1000, 1100], 'time');
    expect(axis.domain).toEqual([1000, 1100]);
    expect(axis.ticks).toEqual([1000, 1020, 1040, 1060, 1080, 1100]);
  });

  it('survives one sample and none', () => {
    expect(xAxisFor([5], 'time').domain).toEqual([0, 10]);
    expect(xAxisFor([], 'time').domain).toEqual([0, 1]);
  });
});

describe('xAxisFor over cycles', () => {
  it('says the log has no timestamps and ticks whole cycles', () => {
    const axis = xAxisFor([0, 1, 2, 3, 4, 5, 6, 7], 'cycle');
    expect(axis.label).toBe('GC cycle (this log has no timestamps)');
    expect(axis.ticks.every(Number.isInteger)).toBe(true);
    expect(axis.domain).toEqual([0, 7]);
    expect(axis.tooltip(0)).toBe('cycle 1');
  });
});

describe('tooltipTime', () => {
  it("shows the log's own seconds, and a readable span once it is long", () => {
    expect(tooltipTime(4.684)).toBe('t = 4.684 s');
    expect(tooltipTime(1043.8443)).toBe('t = 1,043.844 s (17 min 23 s)');
    expect(tooltipTime('x')).toBe('');
  });
});
