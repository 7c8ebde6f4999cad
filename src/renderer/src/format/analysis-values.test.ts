import { describe, expect, it } from 'vitest';
import type { Metrics } from '../../../shared/analysis';
import { evidenceLocation, evidenceTime, findingMetrics, formatConfidence, formatMetricValue, metricLabel, metricRows } from './analysis-values';

const MIB = 1024 * 1024;

function metrics(overrides: Partial<Metrics> = {}): Metrics {
  return {
    runtime: 'go',
    collectors: ['go'],
    events: 0,
    runs: 1,
    clock: 'uptime',
    window: null,
    spanSec: null,
    gcOverheadPercent: null,
    safepointOverheadPercent: null,
    gcCpuPercent: null,
    pauses: null,
    pausesByKind: {},
    mmu: [],
    allocationRate: null,
    promotionRate: null,
    floorTrend: null,
    maxCommittedBytes: null,
    peakHeapBytes: null,
    limit: null,
    timeToLimitSec: null,
    ...overrides,
  };
}

describe('finding metrics', () => {
  it('formats by the unit the name carries', () => {
    expect(formatMetricValue('slopeBytesPerSec', MIB / 60)).toBe('1 MB/min');
    expect(formatMetricValue('observedEndBytes', 48 * MIB)).toBe('48 MB');
    expect(formatMetricValue('spanSec', 39.5)).toBe('39.5 s');
    expect(formatMetricValue('p99Ms', 3.456)).toBe('3.46 ms');
    expect(formatMetricValue('overheadPercent', 12.34)).toBe('12.3 %');
    expect(formatMetricValue('r2', 0.98765)).toBe('0.99');
    expect(formatMetricValue('points', 1234)).toBe('1,234');
    expect(formatMetricValue('source', 'go-live-heap')).toBe('go-live-heap');
    expect(formatMetricValue('forced', true)).toBe('yes');
  });

  it('shows a missing number as a dash, never 0', () => {
    expect(formatMetricValue('r2', null)).toBe('—');
    expect(formatMetricValue('spanSec', Number.NaN)).toBe('—');
  });

  it('labels names in words without their unit', () => {
    expect(metricLabel('slopeBytesPerSec')).toBe('Slope');
    expect(metricLabel('observedStartBytes')).toBe('Observed start');
    expect(metricLabel('r2')).toBe('R²');
    expect(metricLabel('spearman')).toBe('Spearman ρ');
    expect(findingMetrics({ spanSec: 40, points: 12 })).toEqual([
      { name: 'spanSec', label: 'Span', text: '40 s' },
      { name: 'points', label: 'Points', text: '12' },
    ]);
  });

  it('formats confidence as a percentage', () => {
    expect(formatConfidence(0.873)).toBe('87 %');
  });
});

describe('metricRows', () => {
  it('gives every key number, a dash where the data cannot tell', () => {
    const rows = metricRows(metrics());
    expect(rows.map((r) => r.key)).toEqual([
      'gc-overhead',
      'gc-cpu',
      'pause-p50',
      'pause-p99',
      'pause-max',
      'floor-slope',
      'floor-r2',
      'allocation-rate',
      'footprint',
      'peak-heap',
      'time-to-limit',
    ]);
    for (const row of rows) {
      expect(row.text, row.key).toBe('—');
      expect(row.value, row.key).toBeNull();
    }
  });

  it('formats what is known, MMU per window', () => {
    const rows = metricRows(
      metrics({
        gcOverheadPercent: 0.5,
        pauses: { count: 10, totalMs: 10, p50Ms: 0.25, p90Ms: 1, p99Ms: 2.5, p999Ms: 3, maxMs: 3 },
        mmu: [
          { windowMs: 10, utilisation: 0.8 },
          { windowMs: 1000, utilisation: null },
        ],
        allocationRate: { meanBytesPerSec: 300 * MIB, medianBytesPerSec: 256 * MIB, intervals: 9 },
        timeToLimitSec: 3 * 3600 + 120,
        limit: { bytes: 1024 * MIB, source: 'given' },
      }),
    );
    const text = Object.fromEntries(rows.map((r) => [r.key, r.text]));
    expect(text).toMatchObject({
      'gc-overhead': '0.5 %',
      'pause-p50': '250 µs',
      'pause-p99': '2.5 ms',
      'mmu-10': '80 %',
      'mmu-1000': '—',
      'allocation-rate': '256 MB/s',
      'time-to-limit': '3 h 2 min',
    });
    expect(rows.find((r) => r.key === 'time-to-limit')!.label).toBe('Time to limit (1 GB)');
  });
});

describe('evidence', () => {
  it('says where it points', () => {
    expect(evidenceLocation({ artifact: '/tmp/x/gctrace.log', lineRange: { from: 1, to: 412 }, lines: [1, 412], what: '' })).toBe('gctrace.log:1–412');
    expect(evidenceLocation({ artifact: 'gc.log', lines: [3, 7, 9, 11, 20], what: '' })).toBe('gc.log:3, 7, 9 +2');
    expect(evidenceLocation({ artifact: 'heap-2.pb.gz', rows: ['main.leak', 'main.grow'], what: '' })).toBe('heap-2.pb.gz: 2 rows');
    expect(evidenceTime({ artifact: 'gc.log', timeRange: { fromSec: 1.5, toSec: 90 }, what: '' })).toBe('1.5 s – 1 min 30 s');
    expect(evidenceTime({ artifact: 'gc.log', what: '' })).toBeNull();
  });
});
