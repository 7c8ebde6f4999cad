import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { SnapshotDiff } from '../../../shared/snapshot';
import { columnsFor, gridTemplate, minTableWidth, type SortColumn } from '../diff/diff-columns';
import { DEFAULT_SORT, largestChange, nextSort, sortRows, topGrowers, type SortOrder } from '../diff/diff-sort';
import { detailsHeight, ROW_HEIGHT_PX, rowOffset, visibleWindow, type OpenedRow } from '../diff/row-window';
import { DiffTableHeader } from './diff-table-header';
import { DiffTableRow } from './diff-table-row';
import './diff-table.css';

/** Rows rendered beyond each edge of the viewport. */
const OVERSCAN_ROWS = 10;
/** The sticky header covers this much of the viewport's top. */
const HEADER_HEIGHT_PX = 34;
const TOP_GROWERS = 3;

/**
 * The diff's rows, sortable by any column and virtualised: the scroll area
 * is as tall as every row together, but only the rows in view (and a few
 * either side) are in the DOM, so 100k rows scroll like 100.
 */
export function DiffTable({ diff, busy, filtered }: { diff: SnapshotDiff; busy: boolean; /** A filter is applied: an empty table means nothing matched. */ filtered: boolean }) {
  const columns = useMemo(() => columnsFor(diff.by), [diff.by]);
  const [chosenOrder, setOrder] = useState<SortOrder>(DEFAULT_SORT);
  // Cumulative and instance columns come and go with the grouping: fall back when the sorted one went.
  const order = columns.some((column) => column.id === chosenOrder.column) ? chosenOrder : DEFAULT_SORT;
  const sorted = useMemo(() => sortRows(diff.rows, order), [diff.rows, order]);
  const ranks = useMemo(() => {
    const keys = [...topGrowers(diff.rows, TOP_GROWERS)];
    const byDelta = keys
      .map((key) => diff.rows.find((row) => row.key === key))
      .filter((row) => row !== undefined)
      .sort((a, b) => b.delta - a.delta);
    return new Map(byDelta.map((row, i) => [row.key, i + 1]));
  }, [diff.rows]);
  const largest = useMemo(() => largestChange(diff.rows), [diff.rows]);
  const indexOf = useMemo(() => new Map(sorted.map((row, index) => [row.key, index])), [sorted]);

  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = useCallback((key: string) => {
    setExpanded((previous) => {
      const next = new Set(previous);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }, []);
  const opened = useMemo(() => {
    const rows: OpenedRow[] = [];
    for (const key of expanded) {
      const index = indexOf.get(key);
      const row = index === undefined ? undefined : sorted[index];
      if (index !== undefined && row) rows.push({ index, extra: detailsHeight(row.frames?.length ?? 0, row.state !== undefined) });
    }
    return rows.sort((a, b) => a.index - b.index);
  }, [expanded, indexOf, sorted]);

  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(600);
  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const measure = (): void => setViewportHeight(element.clientHeight);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  // A new order or a new answer starts at its top.
  useEffect(() => {
    if (viewport.current) viewport.current.scrollTop = 0;
    setScrollTop(0);
  }, [sorted]);

  const slice = visibleWindow({
    rowCount: sorted.length,
    rowHeight: ROW_HEIGHT_PX,
    opened,
    scrollTop,
    viewportHeight: Math.max(0, viewportHeight - HEADER_HEIGHT_PX),
    overscan: OVERSCAN_ROWS,
  });
  const template = gridTemplate(columns);
  const openedHeight = new Map(opened.map((row) => [row.index, row.extra]));

  const visible = [];
  for (let index = slice.start; index < slice.end; index++) {
    const row = sorted[index];
    if (!row) continue;
    visible.push(
      <DiffTableRow
        key={row.key}
        row={row}
        index={index}
        columns={columns}
        template={template}
        unit={diff.unit}
        rank={ranks.get(row.key) ?? 0}
        largest={largest}
        details={openedHeight.get(index) ?? 0}
        onToggle={toggle}
      />,
    );
  }

  return (
    <div
      className="diff-table"
      role="table"
      aria-label="Snapshot diff"
      aria-rowcount={sorted.length + 1}
      data-testid="diff-table"
      data-by={diff.by}
      data-sample={diff.sample}
      data-row-count={sorted.length}
      data-sort={`${order.column} ${order.direction}`}
      data-busy={busy ? 'true' : 'false'}
    >
      <div
        ref={viewport}
        className="diff-table__viewport"
        data-testid="diff-table-viewport"
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      >
        <div className="diff-table__content" style={{ minWidth: minTableWidth(columns) }}>
          <DiffTableHeader columns={columns} template={template} order={order} onSort={(column: SortColumn) => setOrder(nextSort(order, column))} />
          {sorted.length === 0 ? (
            <p className="diff-table__empty" data-testid="diff-empty">
              {filtered ? 'No rows match the filter.' : 'Neither snapshot has any rows for this sample.'}
            </p>
          ) : (
            <div className="diff-table__rows" role="rowgroup" style={{ height: slice.totalHeight }}>
              {/* The slice moves as one block; its rows lie in flow, opened ones taller. */}
              <div className="diff-table__slice" style={{ transform: `translateY(${rowOffset(slice.start, ROW_HEIGHT_PX, opened)}px)` }}>
                {visible}
              </div>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
