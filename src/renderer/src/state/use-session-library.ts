/**
 * The Sessions tab's data: the library listed when the tab shows and after
 * every change, imports (a folder path, or a bundle file uploaded in serve
 * mode), and deletes by session id.
 */
import { useCallback, useEffect, useState } from 'react';
import type { FileSource, LibraryList } from '../../../shared/contract';
import { toErrorInfo, type ErrorInfo, type Result } from '../../../shared/result';
import type { Connection } from '../transport/connection';

export interface SessionLibraryState {
  library: LibraryList | null;
  error: ErrorInfo | null;
  busy: boolean;
  refresh(): void;
  importPath(path: string): void;
  importFile(file: File): void;
  remove(sessionId: string): void;
  dismissError(): void;
}

export function useSessionLibrary(connection: Connection | null): SessionLibraryState {
  const [library, setLibrary] = useState<LibraryList | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(() => {
    if (!connection) return;
    void connection.api.listLibrary().then((result) => {
      if (result.ok) setLibrary(result.value);
      else setError(result.error);
    });
  }, [connection]);

  useEffect(refresh, [refresh]);

  /** Runs one change, shows its error if any, and lists the library again. */
  const change = useCallback(
    (act: () => Promise<Result<unknown>>) => {
      setBusy(true);
      setError(null);
      act()
        .catch((err: unknown): Result<unknown> => ({ ok: false, error: toErrorInfo(err) }))
        .then((result) => {
          if (!result.ok) setError(result.error);
          setBusy(false);
          refresh();
        });
    },
    [refresh],
  );

  const importSource = useCallback(
    (getSource: () => Promise<FileSource>) => {
      if (!connection) return;
      change(async () => connection.api.importSession({ source: await getSource() }));
    },
    [connection, change],
  );

  return {
    library,
    error,
    busy,
    refresh,
    importPath: (path) => importSource(async () => ({ kind: 'path', path })),
    importFile: (file) => importSource(async () => (await connection!.sourcesFor([file]))[0]!),
    remove: (sessionId) => connection && change(() => connection.api.deleteSession({ sessionId })),
    dismissError: () => setError(null),
  };
}
