/**
 * The two snapshots of a comparison, Base and New: each opened by upload
 * (serve mode) or path (Electron), then `snapshot:open` with progress, or
 * taken from a library session's artifacts (`library:snapshot`), so two
 * sessions (before and after a deploy) compare like two files. Each
 * side keeps its last good snapshot when a newer file fails to open, and
 * the latest request per side wins.
 */
import { useCallback, useRef, useState } from 'react';
import type { OpenedSessionSnapshot, OpenedSnapshot } from '../../../shared/contract';
import { toErrorInfo, type ErrorInfo, type Result } from '../../../shared/result';
import type { Connection } from '../transport/connection';
import { ReadProgress, type Activity } from './read-progress';
import { newRequestId } from './request-id';

export type SlotName = 'base' | 'new';

export interface SnapshotSlot {
  /** One from a session says which (`origin`), as a file's says nothing more than its name. */
  opened: OpenedSnapshot | OpenedSessionSnapshot | null;
  /** Upload or read progress of the file being opened now. */
  activity: Activity | null;
}

export interface SnapshotPair {
  base: SnapshotSlot;
  next: SnapshotSlot;
  error: ErrorInfo | null;
  /** Opens the first of `files` as this side. */
  open(slot: SlotName, files: File[]): void;
  /** Opens a snapshot artifact of a library session as this side. */
  openFromSession(slot: SlotName, sessionId: string, artifactId: string, name: string): void;
  /** Files dropped anywhere: two fill both sides, one fills the empty side (New when neither is). */
  drop(files: File[]): void;
  /** Exchanges Base and New; does nothing while either is opening. */
  swap(): void;
  dismissError(): void;
}

const EMPTY_SLOT: SnapshotSlot = { opened: null, activity: null };

async function openSnapshotFile(
  connection: Connection,
  file: File,
  requestId: string,
  report: (activity: Activity) => void,
): Promise<Result<OpenedSnapshot>> {
  try {
    const [source] = await connection.sourcesFor([file], (p) =>
      report({ phase: 'uploading', name: p.name, done: p.bytesSent, total: p.totalBytes }),
    );
    if (!source) return { ok: false, error: { kind: 'internal', message: `${file.name}: no source to open` } };
    report({ phase: 'reading', name: file.name, done: 0, total: 0 });
    const progress = new ReadProgress(requestId);
    // Subscribe before asking, so no early progress event is missed.
    const unsubscribe = connection.api.onFilesProgress((event) => {
      const next = progress.add(event);
      if (next) report(next);
    });
    try {
      return await connection.api.openSnapshot({ requestId, source });
    } finally {
      unsubscribe();
    }
  } catch (err) {
    return { ok: false, error: toErrorInfo(err) };
  }
}

export function useSnapshotPair(connection: Connection | null): SnapshotPair {
  const [slots, setSlots] = useState<Record<SlotName, SnapshotSlot>>({ base: EMPTY_SLOT, new: EMPTY_SLOT });
  const [error, setError] = useState<ErrorInfo | null>(null);
  const current = useRef<Record<SlotName, string | null>>({ base: null, new: null });
  // drop() decides by what is loaded now, without being rebuilt on every change.
  const latest = useRef(slots);
  latest.current = slots;

  const update = useCallback((slot: SlotName, change: Partial<SnapshotSlot>) => {
    setSlots((previous) => ({ ...previous, [slot]: { ...previous[slot], ...change } }));
  }, []);

  /** One side's load: the latest request per side wins, a failure keeps what was there. */
  const load = useCallback(
    (
      slot: SlotName,
      first: Activity,
      ask: (requestId: string, report: (activity: Activity) => void) => Promise<Result<OpenedSnapshot | OpenedSessionSnapshot>>,
    ) => {
      const requestId = newRequestId();
      current.current[slot] = requestId;
      const isCurrent = (): boolean => current.current[slot] === requestId;
      setError(null);
      update(slot, { activity: first });
      void ask(requestId, (activity) => isCurrent() && update(slot, { activity })).then((result) => {
        if (!isCurrent()) return;
        current.current[slot] = null;
        if (result.ok) {
          update(slot, { opened: result.value, activity: null });
        } else {
          update(slot, { activity: null });
          setError(result.error);
        }
      });
    },
    [update],
  );

  const open = useCallback(
    (slot: SlotName, files: File[]) => {
      const file = files[0];
      if (!connection || !file) return;
      const first: Activity =
        connection.transport === 'serve'
          ? { phase: 'uploading', name: file.name, done: 0, total: file.size }
          : { phase: 'reading', name: file.name, done: 0, total: 0 };
      load(slot, first, (requestId, report) => openSnapshotFile(connection, file, requestId, report));
    },
    [connection, load],
  );

  const openFromSession = useCallback(
    (slot: SlotName, sessionId: string, artifactId: string, name: string) => {
      if (!connection) return;
      load(slot, { phase: 'reading', name, done: 0, total: 0 }, (requestId, report) => {
        const progress = new ReadProgress(requestId);
        const unsubscribe = connection.api.onFilesProgress((event) => {
          const next = progress.add(event);
          if (next) report(next);
        });
        return connection.api
          .openLibrarySnapshot({ sessionId, artifactId, requestId })
          .catch((err: unknown): Result<OpenedSessionSnapshot> => ({ ok: false, error: toErrorInfo(err) }))
          .finally(unsubscribe);
      });
    },
    [connection, load],
  );

  const drop = useCallback(
    (files: File[]) => {
      const [first, second] = files;
      if (!first) return;
      if (second) {
        open('base', [first]);
        open('new', [second]);
        return;
      }
      const base = latest.current.base;
      open(base.opened || base.activity ? 'new' : 'base', [first]);
    },
    [open],
  );

  const swap = useCallback(() => {
    // An answer on its way would land on the side it was asked for: swap only when none is.
    if (current.current.base !== null || current.current.new !== null) return;
    setSlots((previous) => ({ base: previous.new, new: previous.base }));
  }, []);

  const dismissError = useCallback(() => setError(null), []);

  return { base: slots.base, next: slots.new, error, open, openFromSession, drop, swap, dismissError };
}
