import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze';
import { gcEvent } from '../synthetic-events';

describe('pause rules', () => {
  // 200 young pauses of 10 ms and three long ones.
  const events = [...Array.from({ length: 200 }, (_, i) => gcEvent({ line: i + 1, startSec: i, pauseMs: 10 })), ...[1500, 6000, 300].map((pauseMs, i) => gcEvent({ line: 300 + i, startSec: 300 + i * 10, kind: 'full', pauseMs }))];

  it('long pauses: the longest and p99 with the lines of the worst', () => {
    const found = analyze({ events }).findings.find((f) => f.rule === 'long-pauses')!;
    // 203 pauses: p99 is rank ceil(200.97) = 201, the 300 ms one.
    expect(found).toMatchObject({ severity: 'critical', metrics: { maxMs: 6000, p99Ms: 300, over: 3, thresholdMs: 200 } });
    expect(found.title).toBe('The longest pause was 6.00 s (a full collection); p99 is 300 ms over 203 pauses, and 3 pauses exceed 200 ms.');
    expect(found.evidence[0]!.lines).toEqual([300, 301, 302]);
  });

  it('a pause target, when given, checks every pause against it', () => {
    const found = analyze({ events, thresholds: { pauses: { targetMs: 1000 } } }).findings.find((f) => f.rule === 'pause-target')!;
    expect(found).toMatchObject({ severity: 'info', metrics: { targetMs: 1000, violations: 2, pauses: 203 } });
    expect(analyze({ events }).findings.find((f) => f.rule === 'pause-target')).toBeUndefined();
  });
});
