import { describe, expect, it } from 'vitest';
import type { Finding } from '../../shared/analysis';
import { describeNumber, describeValueDifference, firstLineDifference, jsonDifferences, numberDifferences, withDerivedValues } from './report-compare';

const findings = [{ rule: 'memory-leak' }, { rule: 'leak-localised' }] as Finding[];

describe('how verify names a difference', () => {
  it('finds every differing leaf of two JSON values, by path', () => {
    const stated = { verdict: 'leak', metrics: { pauses: { p99Ms: 2 }, mmu: [1, 2] }, findings: [{ metrics: { slopeBytesPerSec: 10 } }] };
    const derived = { verdict: 'leak', metrics: { pauses: { p99Ms: 3 }, mmu: [1] }, findings: [{ metrics: { slopeBytesPerSec: 11 } }] };
    const diffs = jsonDifferences(stated, derived);
    expect(diffs.map((d) => d.path.join('.'))).toEqual(['metrics.pauses.p99Ms', 'metrics.mmu.1', 'findings.0.metrics.slopeBytesPerSec']);
    expect(diffs.map((d) => describeValueDifference(d, findings))).toEqual([
      "metrics table, pauses.p99Ms: the report's data says 2, the artifacts give 3",
      "metrics table, mmu.1: the report's data says 2, the artifacts give nothing",
      "finding F1 (memory-leak), metrics.slopeBytesPerSec: the report's data says 10, the artifacts give 11",
    ]);
  });

  it('names page values the way a reader finds them', () => {
    expect(describeNumber('f2.leak-localised.topDeltaBytes')).toBe('finding F2 (leak-localised), topDeltaBytes');
    expect(describeNumber('metrics.floorTrend.r2')).toBe('metrics table, floorTrend.r2');
    expect(describeNumber('verdict.confidence')).toBe('verdict, confidence');
    expect(describeNumber('diff1.row3.delta')).toBe('snapshot diff 1, row3.delta');
  });

  it('compares named values, and finds edits outside them', () => {
    const derived = '<p><a class="n" href="#ev-f1" data-n="f1.memory-leak.slopeBytesPerSec" title="1">6.0 MiB/min</a> <span data-n="verdict.verdict">Leak</span></p>\n<p>rest</p>';
    const stated = derived.replace('6.0 MiB/min', '9.9 MiB/min').replace('rest', 'edited');
    expect(numberDifferences(stated, derived)).toEqual(['finding F1 (memory-leak), slopeBytesPerSec: the report shows "9.9 MiB/min", the artifacts give "6.0 MiB/min"']);
    expect(numberDifferences(stated.replace(/<span[^>]*>Leak<\/span>/, ''), derived)).toContain('verdict, verdict: missing from the report, the artifacts give "Leak"');
    // With the named values put back, what remains is the other edit.
    expect(firstLineDifference(withDerivedValues(stated, derived), derived)).toBe('line 2: the report has "<p>edited</p>", the artifacts give "<p>rest</p>"');
    expect(firstLineDifference(derived, derived)).toBeNull();
  });
});
