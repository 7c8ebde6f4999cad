import { describe, expect, it } from 'vitest';
import type { PhaseRecord } from '../../shared/gc-event';
import { PhaseCollector } from './phase-spans';

const phase = (startSec: number | null, durationMs: number, name = 'Concurrent Mark'): PhaseRecord => ({
  type: 'phase',
  collector: 'G1',
  id: 1,
  name,
  startSec,
  durationMs,
  source: { file: 'gc.log', line: 1 },
});

describe('PhaseCollector', () => {
  it('merges overlapping phases and keeps separate ones apart', () => {
    const c = new PhaseCollector();
    c.add(phase(10, 500, 'Concurrent Mark'));
    c.add(phase(10.2, 100, 'Concurrent Rebuild Remembered Sets'));
    c.add(phase(20, 1000));
    c.add(phase(null, 5));
    expect(c.spans()).toEqual([
      { startSec: 10, endSec: 10.5, names: ['Concurrent Mark', 'Concurrent Rebuild Remembered Sets'], phases: 2 },
      { startSec: 20, endSec: 21, names: ['Concurrent Mark'], phases: 1 },
    ]);
  });

  it('widens the merge gap until the spans fit', () => {
    const c = new PhaseCollector();
    for (let i = 0; i < 10_000; i++) c.add(phase(i, 100));
    const spans = c.spans(300);
    expect(spans.length).toBeLessThanOrEqual(300);
    expect(spans[0]!.startSec).toBe(0);
    expect(spans.at(-1)!.endSec).toBeCloseTo(9999.1, 9);
    expect(spans.reduce((n, s) => n + s.phases, 0)).toBe(10_000);
  });
});
