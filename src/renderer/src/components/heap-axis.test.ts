import { describe, expect, it } from 'vitest';
import { committedName, heapAxis } from './heap-axis';

const MB = 1024 * 1024;

describe('heapAxis', () => {
  it('fits the committed heap when it is near what is in use', () => {
    const axis = heapAxis(180 * MB, 256 * MB);
    expect(axis.ticks.at(-1)).toBeGreaterThanOrEqual(256 * MB);
    expect(axis.unitLabel).toBe('MB');
    expect(axis.committedAbove).toBeNull();
    expect(committedName('committed', axis)).toBe('committed');
  });

  it('fits what is in use when a JVM has committed far more, and names the committed size instead', () => {
    // 30 MB in use under 375 MB committed, as a young JVM with -Xmx1g looks.
    const axis = heapAxis(30 * MB, 375 * MB);
    expect(axis.ticks.map((t) => t / MB)).toEqual([0, 10, 20, 30]);
    expect(axis.tick(20 * MB)).toBe('20');
    expect(committedName('committed', axis)).toBe('committed: up to 375 MB, above the chart');
  });

  it('draws a log without committed figures, or with nothing in use, from its own values', () => {
    expect(heapAxis(64 * MB, 0).ticks.map((t) => t / MB)).toEqual([0, 20, 40, 60, 80]);
    expect(heapAxis(0, 256 * MB).committedAbove).toBeNull();
  });
});
