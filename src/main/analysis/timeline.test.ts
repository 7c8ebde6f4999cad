import { describe, expect, it } from 'vitest';
import { buildTimeline, timedOnly } from './timeline';
import { gcEvent, runStart } from './synthetic-events';

describe('buildTimeline', () => {
  it('keeps only the last run of a log a restarted process appended to, and says so', () => {
    const timeline = buildTimeline([gcEvent({ line: 1, startSec: 50 }), gcEvent({ line: 2, startSec: 60 }), runStart(1, 3), gcEvent({ line: 3, startSec: 1 }), gcEvent({ line: 4, startSec: 2 })]);
    expect(timeline.runs).toBe(2);
    expect(timeline.events.map((e) => e.event.source.line)).toEqual([3, 4]);
    expect(timeline.notes.join(' ')).toMatch(/2 process runs; only the last, from test\.log:3/);
  });

  it('sorts collections that came out of time order, and says how many', () => {
    const timeline = buildTimeline([gcEvent({ line: 1, startSec: 1 }), gcEvent({ line: 2, startSec: 3 }), gcEvent({ line: 3, startSec: 2 })]);
    expect(timeline.events.map((e) => e.t)).toEqual([1, 2, 3]);
    expect(timeline.notes.join(' ')).toMatch(/1 collection came out of time order/);
  });

  it('falls back to wall-clock seconds from the first collection when the log has no uptime', () => {
    const timeline = buildTimeline([
      gcEvent({ line: 1, wallTime: '2024-01-01T00:00:00.000+00:00' }),
      gcEvent({ line: 2, wallTime: '2024-01-01T00:01:30.500+00:00' }),
    ]);
    expect(timeline.clock).toBe('wall-clock');
    expect(timeline.events.map((e) => e.t)).toEqual([0, 90.5]);
  });

  it('has no clock, and no timed events, for a log without times (Go before 1.5)', () => {
    const timeline = buildTimeline([gcEvent({ line: 1, runtime: 'go' }), gcEvent({ line: 2, runtime: 'go' })]);
    expect(timeline.clock).toBe('none');
    expect(timedOnly(timeline)).toEqual([]);
    expect(timeline.events).toHaveLength(2);
  });
});
