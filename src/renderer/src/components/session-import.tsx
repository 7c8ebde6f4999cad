import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import type { TransportKind } from '../transport/connection';

/**
 * Bringing sessions into the library: an evidence bundle (.tar.gz) picked as
 * a file (uploaded in serve mode), or, where the backend shares this
 * machine's disk (Electron), a session folder by its path.
 */
export function SessionImport({
  transport,
  disabled,
  onBundle,
  onFolder,
}: {
  transport: TransportKind;
  disabled: boolean;
  onBundle: (file: File) => void;
  onFolder: (path: string) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [folder, setFolder] = useState('');

  function picked(event: ChangeEvent<HTMLInputElement>): void {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) onBundle(file);
  }

  function submitFolder(event: FormEvent): void {
    event.preventDefault();
    if (folder.trim() === '') return;
    onFolder(folder.trim());
    setFolder('');
  }

  return (
    <div className="session-import">
      <button type="button" className="button" data-testid="import-bundle-button" disabled={disabled} onClick={() => input.current?.click()}>
        Import bundle…
      </button>
      <input ref={input} type="file" accept=".gz,.tgz,application/gzip" hidden data-testid="import-bundle-input" onChange={picked} />
      {transport === 'electron' && (
        <form className="session-import__folder" onSubmit={submitFolder}>
          <input
            className="session-import__path"
            type="text"
            placeholder="/path/to/a/session folder"
            aria-label="Session folder to import"
            value={folder}
            onChange={(event) => setFolder(event.target.value)}
          />
          <button type="submit" className="button" disabled={disabled || folder.trim() === ''}>
            Import folder
          </button>
        </form>
      )}
    </div>
  );
}
