import { useEffect, useRef, useState, type DragEvent, type ReactNode } from 'react';

function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer.types).includes('Files');
}

/** The whole window accepts dropped files; while a drag is over it, it says so. */
export function DropZone({
  onFiles,
  enabled,
  message = 'Drop GC logs to open them',
  children,
}: {
  onFiles: (files: File[]) => void;
  enabled: boolean;
  /** What a drop here will do. */
  message?: string;
  children: ReactNode;
}) {
  const [dragging, setDragging] = useState(false);
  // dragenter/dragleave fire for every child crossed; count them to know when the drag really left.
  const depth = useRef(0);

  useEffect(() => {
    // A drop that misses the zone must not make the page navigate to the file.
    const stop = (event: globalThis.DragEvent): void => event.preventDefault();
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);

  function enter(event: DragEvent): void {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth.current += 1;
    setDragging(true);
  }

  function over(event: DragEvent): void {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = enabled ? 'copy' : 'none';
  }

  function leave(event: DragEvent): void {
    if (!carriesFiles(event)) return;
    depth.current = Math.max(0, depth.current - 1);
    if (depth.current === 0) setDragging(false);
  }

  // In the capture phase: a drop target inside (a snapshot slot) may stop the drop's bubbling, and the overlay must still go.
  function dropCapture(event: DragEvent): void {
    if (!carriesFiles(event)) return;
    depth.current = 0;
    setDragging(false);
  }

  function drop(event: DragEvent): void {
    event.preventDefault();
    depth.current = 0;
    setDragging(false);
    const files = Array.from(event.dataTransfer.files);
    if (enabled && files.length > 0) onFiles(files);
  }

  return (
    <div
      className={dragging ? 'drop-zone drop-zone--active' : 'drop-zone'}
      data-testid="drop-zone"
      data-dragging={dragging ? 'true' : 'false'}
      onDragEnter={enter}
      onDragOver={over}
      onDragLeave={leave}
      onDropCapture={dropCapture}
      onDrop={drop}
    >
      {children}
      {dragging && (
        <div className="drop-zone__overlay" aria-hidden="true">
          <div className="drop-zone__message">{enabled ? message : 'Not connected to gclens'}</div>
        </div>
      )}
    </div>
  );
}
