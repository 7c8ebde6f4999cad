/**
 * The columns of the diff table for each way of grouping rows. Function rows
 * carry cumulative values, class rows instance counts (src/shared/snapshot.ts).
 */
import type { DiffBy, DiffRow } from '../../../shared/snapshot';
import { formatDelta, formatDeltaPercent, formatValue } from '../format/diff-values';

/** A column of DiffRow numbers, or a derived one. */
export type SortColumn =
  | 'key'
  | 'base'
  | 'new'
  | 'delta'
  /** The growth bar's column: the size of the change either way. */
  | 'absDelta'
  | 'deltaPercent'
  | 'cumBase'
  | 'cumNew'
  | 'cumDelta'
  | 'baseCount'
  | 'newCount'
  | 'deltaCount';

export interface Column {
  id: SortColumn;
  label: string;
  /** Says what the column holds when the header alone does not. */
  title: string;
  /** Fixed width; null for the key column, which takes the room left. */
  px: number | null;
  numeric: boolean;
}

const VALUE_PX = 100;
/** "Inst. delta" and its sort arrow need a little more. */
const COUNT_PX = 110;
/** The key column never gets narrower than this; the table scrolls sideways instead. */
const KEY_MIN_PX = 260;

const KEY_NAMES: Record<DiffBy, string> = {
  function: 'Function',
  stack: 'Stack (leaf first)',
  class: 'Class',
  category: 'Category',
  goroutine: 'Goroutine state and stack',
};

function valueColumns(prefix: string): Column[] {
  return [
    { id: 'base', label: `${prefix}Base`, title: `${prefix}value in the base snapshot`, px: VALUE_PX, numeric: true },
    { id: 'new', label: `${prefix}New`, title: `${prefix}value in the new snapshot`, px: VALUE_PX, numeric: true },
    { id: 'delta', label: `${prefix}Delta`, title: 'new minus base', px: VALUE_PX, numeric: true },
  ];
}

const GROWTH: Column = {
  id: 'absDelta',
  label: 'Growth',
  title: 'the change, relative to the largest change in the table',
  px: 84,
  numeric: true,
};
const PERCENT: Column = { id: 'deltaPercent', label: 'Δ %', title: 'delta relative to the base', px: 90, numeric: true };

export function columnsFor(by: DiffBy): Column[] {
  const key: Column = { id: 'key', label: KEY_NAMES[by], title: '', px: null, numeric: false };
  const columns: Column[] = [key, ...valueColumns(by === 'function' ? 'Flat ' : ''), GROWTH, PERCENT];
  if (by === 'function') {
    columns.push(
      { id: 'cumBase', label: 'Cum base', title: 'cumulative: the function and everything it calls, base', px: VALUE_PX, numeric: true },
      { id: 'cumNew', label: 'Cum new', title: 'cumulative value in the new snapshot', px: VALUE_PX, numeric: true },
      { id: 'cumDelta', label: 'Cum delta', title: 'cumulative new minus base', px: VALUE_PX, numeric: true },
    );
  }
  if (by === 'class') {
    columns.push(
      { id: 'baseCount', label: 'Inst. base', title: 'instances in the base snapshot', px: COUNT_PX, numeric: true },
      { id: 'newCount', label: 'Inst. new', title: 'instances in the new snapshot', px: COUNT_PX, numeric: true },
      { id: 'deltaCount', label: 'Inst. delta', title: 'instances, new minus base', px: COUNT_PX, numeric: true },
    );
  }
  return columns;
}

/** The grid-template-columns every row and the header share. */
export function gridTemplate(columns: readonly Column[]): string {
  return columns.map((column) => (column.px === null ? `minmax(${KEY_MIN_PX}px, 1fr)` : `${column.px}px`)).join(' ');
}

/** The narrowest the table's rows can be. */
export function minTableWidth(columns: readonly Column[]): number {
  return columns.reduce((sum, column) => sum + (column.px ?? KEY_MIN_PX), 0);
}

/** Rows worth opening: those with frames (stacks, goroutines) or a state. */
export function isExpandable(row: DiffRow): boolean {
  return (row.frames !== undefined && row.frames.length > 0) || row.state !== undefined;
}

/** A cell's text; `unit` is the diff's (instance counts are always counts). The growth column draws a bar instead. */
export function cellText(row: DiffRow, column: SortColumn, unit: string): string {
  switch (column) {
    case 'key':
      return row.key;
    case 'base':
    case 'new':
    case 'cumBase':
    case 'cumNew':
      return formatValue(row[column], unit);
    case 'delta':
    case 'cumDelta':
      return formatDelta(row[column], unit);
    case 'baseCount':
    case 'newCount':
      return formatValue(row[column], 'count');
    case 'deltaCount':
      return formatDelta(row.deltaCount, 'count');
    case 'deltaPercent':
      return formatDeltaPercent(row.base, row.new);
    case 'absDelta':
      return '';
  }
}
