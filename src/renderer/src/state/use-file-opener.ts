/**
 * Opening files: upload (serve mode), then `files:open` with progress, then
 * either the new view or an error box over the view that was there.
 * The latest request wins; answers to older ones are dropped.
 */
import { useCallback, useRef, useState } from 'react';
import type { FileSource, OpenedFile } from '../../../shared/contract';
import { toErrorInfo, type ErrorInfo, type Result } from '../../../shared/result';
import type { Connection } from '../transport/connection';
import { ReadProgress, type Activity } from './read-progress';
import { newRequestId } from './request-id';

export interface FileOpener {
  opened: OpenedFile | null;
  error: ErrorInfo | null;
  activity: Activity | null;
  openFiles(files: File[]): void;
  openPaths(paths: string[]): void;
  dismissError(): void;
}

export function useFileOpener(connection: Connection | null): FileOpener {
  const [opened, setOpened] = useState<OpenedFile | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [activity, setActivity] = useState<Activity | null>(null);
  const current = useRef<string | null>(null);

  const run = useCallback(
    async (
      firstActivity: Activity,
      getSources: (onUpload: (activity: Activity) => void) => Promise<FileSource[]>,
    ): Promise<void> => {
      if (!connection) return;
      const requestId = newRequestId();
      const isCurrent = (): boolean => current.current === requestId;
      current.current = requestId;
      setError(null);
      setActivity(firstActivity);

      const finish = (result: Result<OpenedFile>): void => {
        if (!isCurrent()) return;
        current.current = null;
        setActivity(null);
        if (result.ok) setOpened(result.value);
        else setError(result.error);
      };

      let sources: FileSource[];
      try {
        sources = await getSources((next) => isCurrent() && setActivity(next));
      } catch (err) {
        finish({ ok: false, error: toErrorInfo(err) });
        return;
      }
      if (!isCurrent()) return;

      const progress = new ReadProgress(requestId);
      setActivity({ phase: 'reading', name: '', done: 0, total: 0 });
      // Subscribe before asking, so no early progress event is missed.
      const unsubscribe = connection.api.onFilesProgress((event) => {
        const next = progress.add(event);
        if (next && isCurrent()) setActivity(next);
      });
      try {
        finish(await connection.api.openFiles({ requestId, sources }));
      } catch (err) {
        finish({ ok: false, error: toErrorInfo(err) });
      } finally {
        unsubscribe();
      }
    },
    [connection],
  );

  const openFiles = useCallback(
    (files: File[]) => {
      if (!connection || files.length === 0) return;
      const total = files.reduce((sum, file) => sum + file.size, 0);
      const first: Activity =
        connection.transport === 'serve'
          ? { phase: 'uploading', name: files[0]?.name ?? '', done: 0, total }
          : { phase: 'reading', name: '', done: 0, total: 0 };
      void run(first, (onUpload) =>
        connection.sourcesFor(files, (p) => onUpload({ phase: 'uploading', name: p.name, done: p.bytesSent, total: p.totalBytes })),
      );
    },
    [connection, run],
  );

  const openPaths = useCallback(
    (paths: string[]) => {
      if (paths.length === 0) return;
      void run({ phase: 'reading', name: '', done: 0, total: 0 }, async () =>
        paths.map((path): FileSource => ({ kind: 'path', path })),
      );
    },
    [run],
  );

  const dismissError = useCallback(() => setError(null), []);

  return { opened, error, activity, openFiles, openPaths, dismissError };
}
