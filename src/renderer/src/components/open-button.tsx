import { useRef, type ChangeEvent } from 'react';

export function OpenButton({ onFiles, disabled }: { onFiles: (files: File[]) => void; disabled: boolean }) {
  const input = useRef<HTMLInputElement>(null);

  function picked(event: ChangeEvent<HTMLInputElement>): void {
    const files = Array.from(event.target.files ?? []);
    // Clear it, so choosing the same file again still fires a change.
    event.target.value = '';
    if (files.length > 0) onFiles(files);
  }

  return (
    <>
      <button
        type="button"
        className="button button--primary"
        data-testid="open-button"
        disabled={disabled}
        onClick={() => input.current?.click()}
      >
        Open…
      </button>
      <input ref={input} type="file" multiple hidden data-testid="file-input" onChange={picked} />
    </>
  );
}
