/**
 * One host's Go and JVM processes, asked again every few seconds
 * while the list is on screen (the hook lives only as long as the list).
 * JVMs are described once each (jcmd: GC log outputs, NMT), since the cheap
 * list cannot tell whether they log GC.
 */
import { useEffect, useState } from 'react';
import type { ProcessInfo } from '../../../shared/process-info';
import { toErrorInfo, type ErrorInfo } from '../../../shared/result';
import type { Connection } from '../transport/connection';

export const REFRESH_MS = 3000;

export interface ProcessListState {
  processes: ProcessInfo[] | null;
  error: ErrorInfo | null;
  /** When the list was last answered (ms since the epoch). */
  refreshedAt: number | null;
}

/** The listed process, with the JVM details a describe call found for the same process. */
function withDetails(process: ProcessInfo, described: Map<string, ProcessInfo>): ProcessInfo {
  const detail = described.get(keyOf(process));
  if (!detail || detail.runtime !== 'jvm' || process.runtime !== 'jvm') return process;
  return { ...process, offers: { ...process.offers, gcLogs: detail.offers.gcLogs, nmt: detail.offers.nmt } };
}

/** pid and start time: a reused pid is another process. */
function keyOf(process: ProcessInfo): string {
  return `${process.pid}@${process.startedAt}`;
}

export function useProcessList(connection: Connection | null, hostId: string): ProcessListState {
  const [state, setState] = useState<ProcessListState>({ processes: null, error: null, refreshedAt: null });

  useEffect(() => {
    if (!connection) return;
    let live = true;
    // Another host: nothing of the last one's list stays on screen.
    setState({ processes: null, error: null, refreshedAt: null });
    let timer: ReturnType<typeof setTimeout> | null = null;
    const described = new Map<string, ProcessInfo>();
    const asked = new Set<string>();

    const describe = (process: ProcessInfo): void => {
      const key = keyOf(process);
      if (asked.has(key)) return;
      asked.add(key);
      void connection.api.describeTarget({ pid: process.pid, hostId }).then((result) => {
        if (!live || !result.ok) return;
        described.set(key, result.value);
        setState((previous) => ({ ...previous, processes: previous.processes?.map((p) => withDetails(p, described)) ?? null }));
      });
    };

    const refresh = async (): Promise<void> => {
      try {
        const result = await connection.api.listTargets({ hostId });
        if (!live) return;
        if (result.ok) {
          setState({ processes: result.value.map((p) => withDetails(p, described)), error: null, refreshedAt: Date.now() });
          for (const process of result.value) if (process.runtime === 'jvm') describe(process);
        } else {
          setState((previous) => ({ ...previous, error: result.error }));
        }
      } catch (err) {
        if (live) setState((previous) => ({ ...previous, error: toErrorInfo(err) }));
      }
      // The next ask waits for this answer: a slow host never piles requests up.
      if (live) timer = setTimeout(() => void refresh(), REFRESH_MS);
    };
    void refresh();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [connection, hostId]);

  return state;
}
