import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../shared/analysis';
import { buildTimeline } from '../analysis/timeline';
import { gctraceText, parseGctrace } from '../session/test-support';
import { chartSeries, MAX_REPORT_POINTS } from './chart-series';
import { renderChart } from './chart-svg';

const analysis = (timeRange: { fromSec: number; toSec: number }) =>
  ({ findings: [{ rule: 'memory-leak', severity: 'critical', evidence: [{ artifact: 'x', timeRange }, { artifact: 'y', timeRange }] }] }) as unknown as AnalysisResult;

describe('the report charts', () => {
  it('draw at most 1000 points a chart from 5000 cycles, and keep the longest pause', () => {
    const records = parseGctrace(gctraceText(1, 5000).replace('gc 4321 @2160.500s 2%: 0.011+1.2+0.020', 'gc 4321 @2160.500s 2%: 0.011+1.2+95.5'), 'raw/0001-gctrace');
    const timeline = buildTimeline(records);
    const series = chartSeries(timeline.events, timeline.clock, analysis({ fromSec: 100, toSec: 900 }));
    expect(series.cycles).toBe(5000);
    expect(series.heap.x.length).toBeLessThanOrEqual(MAX_REPORT_POINTS);
    expect(series.heap.x.length).toBeGreaterThan(MAX_REPORT_POINTS / 2);
    expect(series.heap.lines.map((l) => l.label)).toEqual(['heap before GC', 'heap after GC', 'live heap (marked)']);
    expect(series.pauses.ms.length).toBeLessThanOrEqual(MAX_REPORT_POINTS);
    expect(Math.max(...series.pauses.ms)).toBeCloseTo(95.511, 6);
    expect(series.xLabel).toBe('seconds since the process started');
    // The same range cited twice is one band.
    expect(series.bands).toEqual([{ finding: 1, rule: 'memory-leak', severity: 'critical', fromX: 100, toX: 900 }]);
  });

  it('render as SVG with round ticks, a unit on each axis, and the finding band labelled', () => {
    const svg = renderChart({
      id: 'chart-heap',
      title: 'Heap',
      x: [0, 50, 100],
      xLabel: 'seconds since the process started',
      yLabel: 'heap (MiB)',
      yDivisor: 1,
      lines: [{ label: 'heap after GC', values: [10, null, 30], color: '#000' }],
      bands: [{ finding: 1, rule: 'memory-leak', severity: 'critical', fromX: 20, toX: 80 }],
    }).value;
    expect([...svg.matchAll(/<text class="tick"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1])).toEqual(['0', '10', '20', '30', '0', '20', '40', '60', '80', '100']);
    expect(svg).toContain('>seconds since the process started</text>');
    expect(svg).toContain('>heap (MiB)</text>');
    expect(svg).toContain('>F1 memory-leak</text>');
    // A missing value breaks the line: two separate moves, no line through the gap.
    expect(/<path d="(M[^"L]*)"/.exec(svg)![1]!.match(/M/g)).toHaveLength(2);
  });
});
