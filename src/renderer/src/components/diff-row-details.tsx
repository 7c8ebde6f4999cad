import type { DiffRow } from '../../../shared/snapshot';

/** An opened row: its goroutine state and its frames, leaf first, one per line. */
export function DiffRowDetails({ row, height }: { row: DiffRow; height: number }) {
  const frames = row.frames ?? [];
  return (
    <div className="diff-row__details" data-testid="diff-row-details" style={{ height }} onClick={(event) => event.stopPropagation()}>
      {row.state !== undefined && (
        <div className="diff-row__state-line">
          state: <span className="diff-row__state" data-testid="diff-row-state">{row.state}</span>
        </div>
      )}
      {frames.length > 0 ? (
        <ol className="diff-row__frames" data-testid="diff-row-frames" aria-label="frames, leaf first">
          {frames.map((frame, index) => (
            <li key={index} className="diff-row__frame">
              {frame}
            </li>
          ))}
        </ol>
      ) : (
        <div className="diff-row__no-frames">no frames</div>
      )}
    </div>
  );
}
