import { memo, type KeyboardEvent } from 'react';
import type { DiffRow } from '../../../shared/snapshot';
import { cellText, isExpandable, type Column } from '../diff/diff-columns';
import { ROW_HEIGHT_PX } from '../diff/row-window';
import { DiffRowDetails } from './diff-row-details';
import { GrowthBar } from './growth-bar';

/** A goroutine row's key starts with its state, shown apart as a badge. */
function keyText(row: DiffRow): string {
  const prefix = row.state !== undefined ? `[${row.state}] ` : '';
  return prefix && row.key.startsWith(prefix) ? row.key.slice(prefix.length) : row.key;
}

function changeClass(value: number | undefined): string {
  return value === undefined || value === 0 ? '' : value > 0 ? ' diff-value--grew' : ' diff-value--shrank';
}

export interface DiffTableRowProps {
  row: DiffRow;
  index: number;
  columns: readonly Column[];
  template: string;
  unit: string;
  /** 1..3 for the biggest growers, else 0. */
  rank: number;
  largest: number;
  /** The opened details' height; 0 when closed. */
  details: number;
  onToggle: (key: string) => void;
}

/** One row of the diff table. All snapshot text (functions, classes, frames) is React text, never markup. */
export const DiffTableRow = memo(function DiffTableRow({
  row,
  index,
  columns,
  template,
  unit,
  rank,
  largest,
  details,
  onToggle,
}: DiffTableRowProps) {
  const expandable = isExpandable(row);
  const open = details > 0;
  const toggle = (): void => {
    if (expandable) onToggle(row.key);
  };
  const key = (event: KeyboardEvent): void => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      toggle();
    }
  };
  let className = 'diff-row';
  if (rank > 0) className += ' diff-row--top';
  if (expandable) className += ' diff-row--expandable';
  if (index % 2 === 1) className += ' diff-row--odd';
  return (
    <div
      role="row"
      className={className}
      data-testid="diff-row"
      data-key={row.key}
      data-delta={row.delta}
      data-index={index}
      data-top={rank > 0 ? rank : undefined}
      data-state={row.state}
      aria-rowindex={index + 2}
      aria-expanded={expandable ? open : undefined}
      tabIndex={expandable ? 0 : undefined}
      style={{ height: ROW_HEIGHT_PX + details }}
      onClick={toggle}
      onKeyDown={expandable ? key : undefined}
    >
      <div className="diff-row__cells" style={{ gridTemplateColumns: template, height: ROW_HEIGHT_PX }}>
        {columns.map((column) => {
          if (column.id === 'key') {
            return (
              <div key="key" role="cell" className="diff-row__cell diff-row__key" title={row.key}>
                <span className="diff-row__chevron" aria-hidden="true">
                  {expandable ? (open ? '▾' : '▸') : ''}
                </span>
                {rank > 0 && (
                  <span className="diff-row__rank" title={`grew the ${['most', '2nd most', '3rd most'][rank - 1]}`}>
                    {rank}
                  </span>
                )}
                {row.state !== undefined && <span className="diff-row__badge">{row.state}</span>}
                <span className="diff-row__key-text">{keyText(row)}</span>
              </div>
            );
          }
          if (column.id === 'absDelta') {
            return (
              <div key={column.id} role="cell" className="diff-row__cell diff-row__bar">
                <GrowthBar delta={row.delta} largest={largest} />
              </div>
            );
          }
          const changing = column.id === 'delta' || column.id === 'cumDelta' || column.id === 'deltaCount' || column.id === 'deltaPercent';
          const value = column.id === 'deltaPercent' ? row.delta : changing ? row[column.id] : undefined;
          return (
            <div key={column.id} role="cell" className={`diff-row__cell diff-row__num${changing ? changeClass(value) : ''}`}>
              {cellText(row, column.id, unit)}
            </div>
          );
        })}
      </div>
      {open && <DiffRowDetails row={row} height={details} />}
    </div>
  );
});
