import type { Column, SortColumn } from '../diff/diff-columns';
import type { SortOrder } from '../diff/diff-sort';

/** The table's column headers: each sorts the rows; clicking the sorted one flips its direction. */
export function DiffTableHeader({
  columns,
  template,
  order,
  onSort,
}: {
  columns: readonly Column[];
  template: string;
  order: SortOrder;
  onSort: (column: SortColumn) => void;
}) {
  return (
    <div role="row" className="diff-table__header" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
      {columns.map((column) => {
        const sorted = order.column === column.id;
        const ariaSort = sorted ? (order.direction === 'asc' ? 'ascending' : 'descending') : 'none';
        const arrow = (
          <span className="diff-table__arrow" aria-hidden="true">
            {sorted ? (order.direction === 'asc' ? '▲' : '▼') : ''}
          </span>
        );
        return (
          <div
            key={column.id}
            role="columnheader"
            aria-sort={ariaSort}
            className={column.numeric ? 'diff-table__heading diff-table__heading--num' : 'diff-table__heading'}
          >
            <button
              type="button"
              className="diff-table__sort"
              data-testid={`diff-sort-${column.id}`}
              title={column.title || undefined}
              onClick={() => onSort(column.id)}
            >
              {/* Before a right-aligned label, so the label's end lines up with the numbers below. */}
              {column.numeric && arrow}
              {column.label}
              {!column.numeric && arrow}
            </button>
          </div>
        );
      })}
    </div>
  );
}
