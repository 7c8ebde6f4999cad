/**
 * The diff of the loaded pair: asked again whenever the pair or a setting
 * changes (the filter once typing pauses). The latest request wins. A bad
 * filter keeps the last good table and says why beside the filter box.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { OpenedSnapshot } from '../../../shared/contract';
import { toErrorInfo, type ErrorInfo, type Result } from '../../../shared/result';
import type { SnapshotDiff } from '../../../shared/snapshot';
import { buildDiffRequest, DEFAULT_SETTINGS, isFilterError, type DiffSettings } from '../diff/diff-request';
import type { Connection } from '../transport/connection';
import { useDebouncedValue } from './use-debounced-value';

const FILTER_DEBOUNCE_MS = 250;

export interface SnapshotDiffState {
  /** As the controls show them; the filter is sent once typing pauses. */
  settings: DiffSettings;
  change(settings: Partial<DiffSettings>): void;
  diff: SnapshotDiff | null;
  /** The settings changed or a request is on its way; `diff` is the previous answer until the new one lands. */
  busy: boolean;
  error: ErrorInfo | null;
  /** The backend's message for a filter that is not a regular expression. */
  filterError: string | null;
  dismissError(): void;
}

export function useSnapshotDiff(
  connection: Connection | null,
  base: OpenedSnapshot | null,
  next: OpenedSnapshot | null,
): SnapshotDiffState {
  const [settings, setSettings] = useState<DiffSettings>(DEFAULT_SETTINGS);
  const [diff, setDiff] = useState<SnapshotDiff | null>(null);
  // The request whose answer (table or error) is on screen, as JSON.
  const [answered, setAnswered] = useState<string | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [filterError, setFilterError] = useState<string | null>(null);
  const filter = useDebouncedValue(settings.filter, FILTER_DEBOUNCE_MS);

  const request = useMemo(
    () => (base && next ? buildDiffRequest(base.snapshotId, next.snapshotId, next.summary, { ...settings, filter }) : null),
    // settings.filter is left out on purpose: only its debounced value is sent.
    [base, next, settings.by, settings.sample, settings.foldRuntime, filter],
  );

  // What the controls ask for now, the filter as typed: until its answer lands, the table is not the one asked for.
  const wanted = base && next ? JSON.stringify(buildDiffRequest(base.snapshotId, next.snapshotId, next.summary, settings)) : null;
  const busy = wanted !== null && wanted !== answered;

  useEffect(() => {
    if (!connection || !request) return;
    let live = true;
    const finish = (result: Result<SnapshotDiff>): void => {
      if (!live) return;
      setAnswered(JSON.stringify(request));
      if (result.ok) {
        setDiff(result.value);
        setError(null);
        setFilterError(null);
      } else if (isFilterError(result.error, request.filter ?? '')) {
        setFilterError(result.error.message);
      } else {
        // A table for another pair would mislead: show only the error.
        setDiff(null);
        setError(result.error);
        setFilterError(null);
      }
    };
    connection.api.diffSnapshots(request).then(finish, (err: unknown) => finish({ ok: false, error: toErrorInfo(err) }));
    return () => {
      live = false;
    };
  }, [connection, request]);

  const change = useCallback((partial: Partial<DiffSettings>) => setSettings((previous) => ({ ...previous, ...partial })), []);
  const dismissError = useCallback(() => setError(null), []);

  return { settings, change, diff, busy, error, filterError, dismissError };
}
