/** Shared look of the charts' axes, so both charts read alike. */
import { niceTicksBetween, tickFormatter } from '../format/nice-ticks';
import { formatCount, formatSeconds, timeUnitFor } from '../format/units';

export const AXIS_TICK = { fontSize: 12, fill: '#4a5161' };
export const CHART_MARGIN = { top: 8, right: 24, bottom: 24, left: 16 };

/** What a sample's `startSec` holds (the summary's xAxis): the axis must say so rather than claim seconds. */
export type XKind = 'time' | 'cycle';

export interface XAxisSpec {
  label: string;
  ticks: number[];
  domain: [number, number];
  tick: (x: number) => string;
  /** The heading of a tooltip at `x`. */
  tooltip: (x: unknown) => string;
}

function range(values: number[]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  if (min > max) return [0, 0];
  if (min === max) {
    // One point: put it mid-axis.
    return max > 0 ? [0, 2 * max] : [min, min + 1];
  }
  // A log that starts with its process (as gctrace does) reads from zero.
  return min >= 0 && min <= (max - min) * 0.1 ? [0, max] : [min, max];
}

/**
 * The props of a chart's time (or cycle) axis. Recharts wants its axes as
 * direct children of the chart, so the charts share props, not a component.
 */
export function xAxisProps(dataKey: string, spec: XAxisSpec, label: string = spec.label) {
  return {
    dataKey,
    type: 'number' as const,
    domain: spec.domain,
    ticks: spec.ticks,
    tick: AXIS_TICK,
    tickFormatter: spec.tick,
    label: { value: label, position: 'insideBottom' as const, offset: -14, fontSize: 12 },
  };
}

/**
 * Round ticks in the unit the span reads best in (s, min or h). The axis ends
 * where the data ends: padding it out to the next round tick could waste a
 * fifth of the chart's width.
 */
export function xAxisFor(values: number[], kind: XKind): XAxisSpec {
  const [min, end] = range(values);
  const max = end > min ? end : min + 1;
  const unit = kind === 'cycle' ? { label: '', divisor: 1 } : timeUnitFor(max - min);
  const inUnit = niceTicksBetween(min / unit.divisor, max / unit.divisor, 6).filter(
    (t) => t * unit.divisor >= min - 1e-9 && t * unit.divisor <= max + 1e-9 && (kind === 'time' || Number.isInteger(t)),
  );
  const format = tickFormatter(inUnit);
  return {
    label: kind === 'cycle' ? 'GC cycle (this log has no timestamps)' : `time since start (${unit.label})`,
    ticks: inUnit.map((t) => t * unit.divisor),
    domain: [min, max],
    tick: (x) => format(x / unit.divisor),
    tooltip: kind === 'cycle' ? (x) => (typeof x === 'number' ? `cycle ${formatCount(x + 1)}` : '') : tooltipTime,
  };
}

const rawSeconds = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

/** The log's own figure (the `@12.345s` of a gctrace line) to find the line by, and a readable one. */
export function tooltipTime(x: unknown): string {
  if (typeof x !== 'number') return '';
  const raw = `t = ${rawSeconds.format(x)} s`;
  return Math.abs(x) < 60 ? raw : `${raw} (${formatSeconds(x)})`;
}
