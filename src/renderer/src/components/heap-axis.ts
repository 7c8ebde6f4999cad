/**
 * The y axis of a heap chart (bytes per cycle, or jstat's spaces), in round
 * ticks of the byte unit its top reads best in. Committed heap is context,
 * not the story: a JVM commits hundreds of MB at start with a few in use, and
 * fitting that would flatten the very lines that show growth. So once
 * committed passes COMMITTED_OFF_SCALE times the largest value in use, the
 * axis fits what is in use and the legend gives the committed size instead.
 */
import { niceTicks, tickFormatter } from '../format/nice-ticks';
import { byteUnitFor, formatBytes } from '../format/units';
import { AXIS_TICK } from './chart-axes';

export const COMMITTED_OFF_SCALE = 3;

export interface HeapAxis {
  /** In bytes; the last is the top. */
  ticks: number[];
  unitLabel: string;
  tick: (bytes: number) => string;
  /** The largest committed size, formatted, when its line runs above the top; else null. */
  committedAbove: string | null;
}

export function heapAxis(inUseMaxBytes: number, committedMaxBytes: number): HeapAxis {
  const offScale = inUseMaxBytes > 0 && committedMaxBytes > COMMITTED_OFF_SCALE * inUseMaxBytes;
  const max = offScale ? inUseMaxBytes : Math.max(inUseMaxBytes, committedMaxBytes);
  const unit = byteUnitFor(max);
  const inUnit = niceTicks(max / unit.divisor);
  const format = tickFormatter(inUnit);
  return {
    ticks: inUnit.map((tick) => tick * unit.divisor),
    unitLabel: unit.label,
    tick: (bytes) => format(bytes / unit.divisor),
    committedAbove: offScale ? formatBytes(committedMaxBytes) : null,
  };
}

/** The committed line's legend entry, saying so when the line runs above the chart. */
export function committedName(name: string, axis: HeapAxis): string {
  return axis.committedAbove === null ? name : `${name}: up to ${axis.committedAbove}, above the chart`;
}

/** The props of a heap chart's y axis (see xAxisProps for why props, not a component). */
export function heapYAxisProps(axis: HeapAxis) {
  return {
    domain: [0, axis.ticks[axis.ticks.length - 1] ?? 'auto'] as [number, number | 'auto'],
    allowDataOverflow: axis.committedAbove !== null,
    ticks: axis.ticks,
    tick: AXIS_TICK,
    tickFormatter: axis.tick,
    label: { value: `heap (${axis.unitLabel})`, angle: -90, position: 'insideLeft' as const, fontSize: 12 },
  };
}
