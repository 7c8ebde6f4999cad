import { describe, expect, it } from 'vitest';
import { highlightAttr, highlightOf, linePlan, visibleRange } from './evidence-view';

describe('highlightOf', () => {
  const evidence = { artifact: 'gctrace.log', timeRange: { fromSec: 1.2, toSec: 39.8 }, what: '' };

  it('marks the time range when charts and analysis share the uptime clock', () => {
    expect(highlightOf(evidence, 'uptime', 'uptime-seconds')).toEqual({ fromSec: 1.2, toSec: 39.8 });
    expect(highlightAttr(highlightOf(evidence, 'uptime', 'uptime-seconds'))).toBe('1.200-39.800');
  });

  it('marks nothing without a range or a shared clock', () => {
    expect(highlightOf(null, 'uptime', 'uptime-seconds')).toBeNull();
    expect(highlightOf({ artifact: 'a', what: '' }, 'uptime', 'uptime-seconds')).toBeNull();
    expect(highlightOf(evidence, 'wall-clock', 'cycle-index')).toBeNull();
    expect(highlightOf(evidence, 'uptime', 'cycle-index')).toBeNull();
    expect(highlightAttr(null)).toBeUndefined();
  });

  it('widens a range too thin to see around its middle', () => {
    expect(visibleRange({ fromSec: 50, toSec: 50.001 }, [0, 1000])).toEqual({ fromSec: 47.0005, toSec: 53.0005 });
    expect(visibleRange({ fromSec: 10, toSec: 90 }, [0, 100])).toEqual({ fromSec: 10, toSec: 90 });
  });
});

describe('linePlan', () => {
  it('reads a span page by page', () => {
    const e = { artifact: 'a', lineRange: { from: 10, to: 450 }, lines: [10, 450], what: '' };
    expect(linePlan(e, 0)).toEqual({ requests: [{ fromLine: 10, toLine: 209 }], keep: null, remaining: 241 });
    expect(linePlan(e, 2)).toEqual({ requests: [{ fromLine: 410, toLine: 450 }], keep: null, remaining: 0 });
    expect(linePlan(e, 3).requests).toEqual([]);
  });

  it('groups scattered lines into as few requests as fit', () => {
    const e = { artifact: 'a', lines: [900, 5, 7, 204, 205, 205], what: '' };
    expect(linePlan(e)).toEqual({
      requests: [
        { fromLine: 5, toLine: 204 },
        { fromLine: 205, toLine: 205 },
        { fromLine: 900, toLine: 900 },
      ],
      keep: [5, 7, 204, 205, 900],
      remaining: 0,
    });
  });

  it('asks for nothing when the evidence names no lines', () => {
    expect(linePlan({ artifact: 'a', rows: ['main.f'], what: '' }).requests).toEqual([]);
  });
});
