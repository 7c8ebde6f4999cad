/**
 * Which rows of a long table to put in the DOM: those inside the scrolled
 * viewport plus a few either side. Rows have one fixed height; an opened row
 * adds its details' height below itself, so offsets account for the few
 * opened rows before them.
 */

export interface OpenedRow {
  index: number;
  /** Pixels the row's details add below it. */
  extra: number;
}

export interface WindowInput {
  rowCount: number;
  rowHeight: number;
  /** Opened rows, sorted by index. */
  opened: readonly OpenedRow[];
  /** How far the rows area is scrolled, in px from its top. */
  scrollTop: number;
  /** How many px of the rows area are visible. */
  viewportHeight: number;
  /** Rows rendered beyond each edge, so a fast scroll shows no blank band. */
  overscan: number;
}

export interface RowWindow {
  /** First rendered row. */
  start: number;
  /** One past the last rendered row. */
  end: number;
  /** Height of all rows: the scroll container's content, for a true scrollbar. */
  totalHeight: number;
}

export function totalHeight(rowCount: number, rowHeight: number, opened: readonly OpenedRow[]): number {
  let extra = 0;
  for (const row of opened) if (row.index < rowCount) extra += row.extra;
  return rowCount * rowHeight + extra;
}

/** The top of row `index`. */
export function rowOffset(index: number, rowHeight: number, opened: readonly OpenedRow[]): number {
  let extra = 0;
  for (const row of opened) {
    if (row.index >= index) break;
    extra += row.extra;
  }
  return index * rowHeight + extra;
}

/** The row at `y` px from the top of the rows area (clamped to the rows that exist). */
export function rowAt(y: number, rowCount: number, rowHeight: number, opened: readonly OpenedRow[]): number {
  if (rowCount === 0) return 0;
  let extraBefore = 0;
  for (const row of opened) {
    const top = row.index * rowHeight + extraBefore;
    if (y < top) break;
    if (y < top + rowHeight + row.extra) return clamp(row.index, rowCount);
    extraBefore += row.extra;
  }
  return clamp(Math.floor((y - extraBefore) / rowHeight), rowCount);
}

function clamp(index: number, rowCount: number): number {
  return Math.max(0, Math.min(rowCount - 1, index));
}

export function visibleWindow(input: WindowInput): RowWindow {
  const { rowCount, rowHeight, opened, viewportHeight, overscan } = input;
  const total = totalHeight(rowCount, rowHeight, opened);
  if (rowCount === 0) return { start: 0, end: 0, totalHeight: 0 };
  // A table that just shrank (a narrower filter) may still report the old scroll position.
  const top = Math.max(0, Math.min(input.scrollTop, total - viewportHeight));
  const first = rowAt(top, rowCount, rowHeight, opened);
  const last = rowAt(top + Math.max(0, viewportHeight - 1), rowCount, rowHeight, opened);
  return {
    start: Math.max(0, first - overscan),
    end: Math.min(rowCount, last + 1 + overscan),
    totalHeight: total,
  };
}

/** Height of one table row, closed. */
export const ROW_HEIGHT_PX = 30;
/** One frame line in an opened row. */
export const FRAME_LINE_PX = 18;
/** An opened row shows this many lines, and scrolls inside beyond them. */
export const MAX_DETAIL_LINES = 16;
const DETAIL_PADDING_PX = 14;

/** What opening a row adds below it: its state line and its frames, up to MAX_DETAIL_LINES. */
export function detailsHeight(frames: number, hasState: boolean): number {
  const lines = Math.max(1, frames) + (hasState ? 1 : 0);
  return Math.min(lines, MAX_DETAIL_LINES) * FRAME_LINE_PX + DETAIL_PADDING_PX;
}
