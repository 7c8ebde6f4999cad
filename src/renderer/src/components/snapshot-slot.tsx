import { useRef, useState, type ChangeEvent, type DragEvent, type ReactNode } from 'react';
import { snapshotOriginText } from '../format/snapshot-origin';
import type { SnapshotSlot as Slot } from '../state/use-snapshot-pair';
import { ProgressBar } from './progress-bar';
import { SnapshotSummaryCard } from './snapshot-summary-card';

/**
 * One side of a comparison: a drop target with its own pick button, showing
 * the snapshot loaded there or the progress of the one being opened.
 */
export function SnapshotSlot({
  label,
  testIdPrefix,
  slot,
  disabled,
  onFiles,
  fromSession,
}: {
  label: string;
  /** `snapshot-base` or `snapshot-new`. */
  testIdPrefix: string;
  slot: Slot;
  disabled: boolean;
  onFiles: (files: File[]) => void;
  /** Another way to fill this side: a library session's snapshot. */
  fromSession?: ReactNode;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  function picked(event: ChangeEvent<HTMLInputElement>): void {
    const files = Array.from(event.target.files ?? []);
    // Clear it, so choosing the same file again still fires a change.
    event.target.value = '';
    if (files.length > 0) onFiles(files);
  }

  function dragOver(event: DragEvent): void {
    if (!Array.from(event.dataTransfer.types).includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
    setOver(true);
  }

  function dragLeave(event: DragEvent): void {
    // Leaving for one of its own children is not leaving.
    if (event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget)) return;
    setOver(false);
  }

  function drop(event: DragEvent): void {
    event.preventDefault();
    // This side takes the files; the window-wide drop zone must not open them again.
    event.stopPropagation();
    setOver(false);
    const files = Array.from(event.dataTransfer.files);
    if (!disabled && files.length > 0) onFiles(files);
  }

  return (
    <section
      className={over ? 'snapshot-slot snapshot-slot--over' : 'snapshot-slot'}
      data-testid={`${testIdPrefix}-slot`}
      data-loaded={slot.opened ? 'true' : 'false'}
      aria-label={`${label} snapshot`}
      onDragOver={dragOver}
      onDragLeave={dragLeave}
      onDrop={drop}
    >
      <header className="snapshot-slot__header">
        <h2 className="snapshot-slot__label">{label}</h2>
        <button
          type="button"
          className={slot.opened ? 'button' : 'button button--primary'}
          data-testid={`${testIdPrefix}-button`}
          disabled={disabled}
          onClick={() => input.current?.click()}
        >
          {slot.opened ? 'Replace…' : `Open ${label.toLowerCase()}…`}
        </button>
        <input ref={input} type="file" hidden data-testid={`${testIdPrefix}-input`} onChange={picked} />
      </header>
      {fromSession}
      {slot.activity && <ProgressBar activity={slot.activity} />}
      {slot.opened && 'origin' in slot.opened && (
        <p
          className="snapshot-slot__origin"
          data-testid={`${testIdPrefix}-origin`}
          data-session-id={slot.opened.origin.sessionId}
          title={slot.opened.origin.command ?? undefined}
        >
          <span className="snapshot-slot__origin-label">From session</span> {snapshotOriginText(slot.opened.origin)}
        </p>
      )}
      {slot.opened ? (
        <SnapshotSummaryCard summary={slot.opened.summary} testId={`${testIdPrefix}-summary`} />
      ) : (
        !slot.activity && (
          <p className="snapshot-slot__hint">
            Drop a pprof profile, goroutine dump, class histogram, NMT summary or heap dump here.
          </p>
        )
      )}
    </section>
  );
}
