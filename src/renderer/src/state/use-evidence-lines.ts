/**
 * Fetches the raw lines behind one evidence item with files:lines, a page at
 * a time for a long span. The latest evidence wins: answers for an item no
 * longer shown are dropped.
 */
import { useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { Evidence } from '../../../shared/analysis';
import type { FileLine } from '../../../shared/file-lines';
import type { ErrorInfo } from '../../../shared/result';
import { toErrorInfo } from '../../../shared/result';
import { ConnectionContext } from './connection-context';
import { linePlan } from './evidence-view';

export interface EvidenceLines {
  lines: FileLine[];
  loading: boolean;
  error: ErrorInfo | null;
  /** Lines of the span not fetched yet. */
  remaining: number;
  loadMore(): void;
}

export function useEvidenceLines(fileId: string, evidence: Evidence | null): EvidenceLines {
  const connecting = useContext(ConnectionContext);
  const [lines, setLines] = useState<FileLine[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [remaining, setRemaining] = useState(0);
  const [page, setPage] = useState(0);
  const generation = useRef(0);

  // A new item starts over at its first page.
  useEffect(() => {
    generation.current++;
    setLines([]);
    setError(null);
    setRemaining(0);
    setPage(0);
  }, [fileId, evidence]);

  useEffect(() => {
    if (!evidence) return;
    const plan = linePlan(evidence, page);
    if (plan.requests.length === 0) return;
    if (!connecting) {
      setError({ kind: 'internal', message: 'not connected to the gclens backend' });
      return;
    }
    const mine = ++generation.current;
    setLoading(true);
    void (async () => {
      try {
        const connection = await connecting;
        const fetched: FileLine[] = [];
        for (const request of plan.requests) {
          const result = await connection.api.readLines({ fileId, file: evidence.artifact, ...request });
          if (!result.ok) throw result.error;
          fetched.push(...result.value.lines);
        }
        if (generation.current !== mine) return;
        const keep = plan.keep ? new Set(plan.keep) : null;
        setLines((before) => [...before, ...fetched.filter((line) => !keep || keep.has(line.line))]);
        setRemaining(plan.remaining);
      } catch (err) {
        if (generation.current === mine) setError(isErrorInfo(err) ? err : toErrorInfo(err));
      } finally {
        if (generation.current === mine) setLoading(false);
      }
    })();
  }, [connecting, fileId, evidence, page]);

  const loadMore = useCallback(() => setPage((p) => p + 1), []);
  return { lines, loading, error, remaining, loadMore };
}

function isErrorInfo(value: unknown): value is ErrorInfo {
  return typeof value === 'object' && value !== null && 'kind' in value && 'message' in value && !(value instanceof Error);
}
