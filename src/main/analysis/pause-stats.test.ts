import { describe, expect, it } from 'vitest';
import { pauseStatsByKind } from './pause-stats';
import { gcEvent } from './synthetic-events';

describe('pauseStatsByKind', () => {
  it('gives nearest-rank percentiles overall and for each kind', () => {
    const events = [
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((pauseMs, i) => gcEvent({ line: i + 1, pauseMs })),
      gcEvent({ line: 11, kind: 'full', pauseMs: 500 }),
    ];
    const { overall, byKind } = pauseStatsByKind(events);
    // Eleven pauses: p50 is rank ceil(5.5) = 6, p90 rank ceil(9.9) = 10, p99 rank 11.
    expect(overall).toEqual({ count: 11, totalMs: 555, p50Ms: 6, p90Ms: 10, p99Ms: 500, p999Ms: 500, maxMs: 500 });
    expect(byKind['young']).toMatchObject({ count: 10, p50Ms: 5, p90Ms: 9, maxMs: 10 });
    expect(byKind['full']).toMatchObject({ count: 1, p50Ms: 500 });
  });

  it('leaves out collections whose pause the log does not give, rather than counting 0 ms', () => {
    const events = [
      // ZGC with -Xlog:gc only: the cycle line has no pause.
      gcEvent({ line: 1, collector: 'ZGC', kind: 'cycle', pauseMs: 0 }),
      // CMS counts this young pause inside the enclosing remark.
      gcEvent({ line: 2, collector: 'CMS', kind: 'young', pauseMs: 0, cause: 'CMS Final Remark; pause counted in the enclosing Pause Remark' }),
      // Go rounds short pauses to 0: those are real.
      gcEvent({ line: 3, runtime: 'go', collector: 'go', kind: 'cycle', pauseMs: 0 }),
    ];
    const { overall, byKind } = pauseStatsByKind(events);
    expect(overall).toMatchObject({ count: 1, maxMs: 0 });
    expect(Object.keys(byKind)).toEqual(['cycle']);
  });

  it('is null without pauses', () => {
    expect(pauseStatsByKind([]).overall).toBeNull();
  });
});
