/**
 * Opening files: upload (serve mode), then `files:open` with progress, then
 * either the new view or an error box over the view that was there. A
 * library session opens the same way (`library:open`) into the same view.
 * The latest request wins; answers to older ones are dropped.
 */
import { useCallback, useRef, useState } from 'react';
import type { FileSource, OpenedFile, SessionSummary } from '../../../shared/contract';
import { toErrorInfo, type ErrorInfo, type Result } from '../../../shared/result';
import type { Connection } from '../transport/connection';
import { ReadProgress, type Activity } from './read-progress';
import { newRequestId } from './request-id';

/** What the view shows, and the library session it came from (null for files). */
type Shown = { file: OpenedFile; session: SessionSummary | null };

export interface FileOpener {
  opened: OpenedFile | null;
  /** The library session the opened view is of, for reports; null when it is files. */
  session: SessionSummary | null;
  error: ErrorInfo | null;
  activity: Activity | null;
  openFiles(files: File[]): void;
  openPaths(paths: string[]): void;
  openSession(sessionId: string): void;
  dismissError(): void;
}

export function useFileOpener(connection: Connection | null): FileOpener {
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [activity, setActivity] = useState<Activity | null>(null);
  const current = useRef<string | null>(null);

  const run = useCallback(
    async (
      firstActivity: Activity,
      getSources: (onUpload: (activity: Activity) => void) => Promise<FileSource[]>,
      ask: (requestId: string, sources: FileSource[]) => Promise<Result<Shown>>,
    ): Promise<void> => {
      if (!connection) return;
      const requestId = newRequestId();
      const isCurrent = (): boolean => current.current === requestId;
      current.current = requestId;
      setError(null);
      setActivity(firstActivity);

      const finish = (result: Result<Shown>): void => {
        if (!isCurrent()) return;
        current.current = null;
        setActivity(null);
        if (result.ok) setShown(result.value);
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
        finish(await ask(requestId, sources));
      } catch (err) {
        finish({ ok: false, error: toErrorInfo(err) });
      } finally {
        unsubscribe();
      }
    },
    [connection],
  );

  const askFiles = useCallback(
    async (requestId: string, sources: FileSource[]): Promise<Result<Shown>> => {
      const result = await connection!.api.openFiles({ requestId, sources });
      return result.ok ? { ok: true, value: { file: result.value, session: null } } : result;
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
        askFiles,
      );
    },
    [connection, run, askFiles],
  );

  const openPaths = useCallback(
    (paths: string[]) => {
      if (paths.length === 0) return;
      void run(
        { phase: 'reading', name: '', done: 0, total: 0 },
        async () => paths.map((path): FileSource => ({ kind: 'path', path })),
        askFiles,
      );
    },
    [run, askFiles],
  );

  const openSession = useCallback(
    (sessionId: string) => {
      void run({ phase: 'reading', name: '', done: 0, total: 0 }, async () => [], async (requestId) => {
        const result = await connection!.api.openLibrarySession({ sessionId, requestId });
        if (!result.ok) return result;
        const { file, session } = result.value;
        if (!file) return { ok: false, error: { kind: 'not-found', message: 'This session holds no GC log: its snapshots are in Compare snapshots.' } };
        return { ok: true, value: { file, session } };
      });
    },
    [connection, run],
  );

  const dismissError = useCallback(() => setError(null), []);

  return { opened: shown?.file ?? null, session: shown?.session ?? null, error, activity, openFiles, openPaths, openSession, dismissError };
}
