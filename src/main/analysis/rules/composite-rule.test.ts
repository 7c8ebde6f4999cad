import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze';
import { gcEvent, MIB } from '../synthetic-events';

/** Young collections every second for `seconds`, each promoting `promotedMib` and pausing `pauseMs`. */
function youngs(seconds: number, promotedMib: (t: number) => number, pauseMs: (t: number) => number) {
  let old = 100 * MIB;
  return Array.from({ length: seconds }, (_, t) => {
    const before = old;
    old += promotedMib(t) * MIB;
    return gcEvent({ line: t + 1, startSec: t, pauseMs: pauseMs(t), generations: { old: { beforeBytes: before, afterBytes: old, committedBytes: null } } });
  });
}

describe('the composite rule: pause ratio over 8 % and old-gen growth over 12 MB/s in a 300 s window', () => {
  it('fires where both hold, and points at that window', () => {
    // From 400 s on: 100 ms pauses each second (10 %) and 15 MiB promoted each second.
    const events = youngs(
      800,
      (t) => (t >= 400 ? 15 : 1),
      (t) => (t >= 400 ? 100 : 5),
    );
    const found = analyze({ events }).findings.find((f) => f.rule === 'pause-and-old-growth')!;
    expect(found.severity).toBe('critical');
    expect(found.metrics['pauseRatio']).toBeCloseTo(0.1, 9);
    expect(found.metrics['oldGrowthBytesPerSec']).toBeCloseTo(15 * MIB, 0);
    expect(found.evidence[0]!.timeRange!.fromSec).toBeGreaterThanOrEqual(400);
  });

  it('stays quiet when only one of the two holds, or without old-generation detail', () => {
    expect(analyze({ events: youngs(800, () => 15, () => 5) }).findings.find((f) => f.rule === 'pause-and-old-growth')).toBeUndefined();
    expect(analyze({ events: youngs(800, () => 1, () => 100) }).findings.find((f) => f.rule === 'pause-and-old-growth')).toBeUndefined();
    const plain = Array.from({ length: 800 }, (_, t) => gcEvent({ line: t + 1, startSec: t, pauseMs: 100 }));
    expect(analyze({ events: plain }).findings.find((f) => f.rule === 'pause-and-old-growth')).toBeUndefined();
  });
});
