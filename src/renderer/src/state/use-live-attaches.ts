/**
 * Every live attach this window started, each one a tab: connecting (the
 * session:attach request is on its way), failed, or attached and then fed
 * by session:update and session:ended events. Held by App, so switching
 * tabs keeps every attach's data; an ended attach stays until its tab is
 * closed. On connecting, the attaches the backend still records get their
 * tabs back, so reloading the page loses none.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AttachHost, AttachOptions, AttachSnapshot, AttachView, LiveSnapshotKind } from '../../../shared/contract';
import type { ProcessInfo } from '../../../shared/process-info';
import { toErrorInfo, type Result } from '../../../shared/result';
import type { Connection } from '../transport/connection';
import { addSnapshot, applyEnded, applyUpdate } from './live-attach-state';
import { adoptAttach, attachAnswered, stillRecording, type LiveTab } from './live-tab-list';
import { newRequestId } from './request-id';

export type { LiveTab } from './live-tab-list';

export interface LiveAttaches {
  tabs: LiveTab[];
  /** Opens a tab and attaches; answers the tab's id at once. */
  attach(process: ProcessInfo, options: AttachOptions, host: AttachHost): string;
  detach(tabId: string): Promise<void>;
  close(tabId: string): void;
  takeSnapshot(tabId: string, kind: LiveSnapshotKind): Promise<Result<AttachSnapshot>>;
}

function failure<T>(err: unknown): Result<T> {
  return { ok: false, error: toErrorInfo(err) };
}

/** The full view of every attach the backend still records, in the order they started; none when it cannot say. */
async function recordingViews(connection: Connection): Promise<AttachView[]> {
  const briefs = await connection.api.listSessions().catch((err: unknown) => failure<never>(err));
  if (!briefs.ok) return [];
  const states = await Promise.all(
    stillRecording(briefs.value).map((brief) => connection.api.sessionState({ attachId: brief.attachId }).catch((err: unknown) => failure<never>(err))),
  );
  return states.flatMap((state) => (state.ok ? [state.value] : []));
}

export function useLiveAttaches(connection: Connection | null): LiveAttaches {
  const [tabs, setTabs] = useState<LiveTab[]>([]);
  // Read by the callbacks, which must not change with every update.
  const tabsRef = useRef(tabs);
  tabsRef.current = tabs;

  const patch = useCallback((tabId: string, change: (tab: LiveTab) => LiveTab) => {
    setTabs((previous) => previous.map((tab) => (tab.tabId === tabId ? change(tab) : tab)));
  }, []);

  useEffect(() => {
    if (!connection) return;
    const stopUpdates = connection.api.onSessionUpdate((update) => {
      setTabs((previous) =>
        previous.some((tab) => tab.attach?.attachId === update.attachId)
          ? previous.map((tab) => (tab.attach?.attachId === update.attachId ? { ...tab, attach: applyUpdate(tab.attach, update) } : tab))
          : previous,
      );
    });
    const stopEnded = connection.api.onSessionEnded((ended) => {
      setTabs((previous) =>
        previous.map((tab) => (tab.attach?.attachId === ended.attachId ? { ...tab, attach: applyEnded(tab.attach, ended) } : tab)),
      );
    });
    // Listening before asking: an update sent after a state was taken arrives after it, and adds only newer points.
    let live = true;
    void recordingViews(connection).then((views) => {
      const adopted = views.map((view) => ({ view, tabId: newRequestId() }));
      if (live) setTabs((previous) => adopted.reduce((list, { view, tabId }) => adoptAttach(list, view, tabId), previous));
    });
    return () => {
      live = false;
      stopUpdates();
      stopEnded();
    };
  }, [connection]);

  const attach = useCallback(
    (process: ProcessInfo, options: AttachOptions, host: AttachHost): string => {
      const tabId = newRequestId();
      const tab: LiveTab = { tabId, pid: process.pid, host, runtime: process.runtime, command: process.command, attach: null, error: null, detaching: false };
      setTabs((previous) => [...previous, tab]);
      if (!connection) {
        patch(tabId, (t) => ({ ...t, error: { kind: 'cancelled', message: 'not connected to gclens' } }));
        return tabId;
      }
      connection.api.attach({ pid: process.pid, hostId: host.hostId, options }).then(
        (result) => (result.ok ? setTabs((previous) => attachAnswered(previous, tabId, result.value)) : patch(tabId, (t) => ({ ...t, error: result.error }))),
        (err: unknown) => patch(tabId, (t) => ({ ...t, error: toErrorInfo(err) })),
      );
      return tabId;
    },
    [connection, patch],
  );

  const detach = useCallback(
    async (tabId: string): Promise<void> => {
      const attachId = tabsRef.current.find((tab) => tab.tabId === tabId)?.attach?.attachId;
      if (!connection || !attachId) return;
      patch(tabId, (t) => ({ ...t, detaching: true }));
      const result = await connection.api.detach({ attachId }).catch((err: unknown) => failure<never>(err));
      patch(tabId, (t) => ({
        ...t,
        detaching: false,
        attach: t.attach && result.ok ? applyEnded(t.attach, result.value) : t.attach,
        error: result.ok ? t.error : result.error,
      }));
    },
    [connection, patch],
  );

  const close = useCallback((tabId: string) => setTabs((previous) => previous.filter((tab) => tab.tabId !== tabId)), []);

  const takeSnapshot = useCallback(
    async (tabId: string, kind: LiveSnapshotKind): Promise<Result<AttachSnapshot>> => {
      const attachId = tabsRef.current.find((tab) => tab.tabId === tabId)?.attach?.attachId;
      if (!connection || !attachId) return { ok: false, error: { kind: 'cancelled', message: 'this tab is not attached' } };
      const result = await connection.api
        .takeSnapshot({ attachId, kind, requestId: newRequestId() })
        .catch((err: unknown) => failure<AttachSnapshot>(err));
      if (result.ok) patch(tabId, (t) => (t.attach ? { ...t, attach: addSnapshot(t.attach, result.value) } : t));
      return result;
    },
    [connection, patch],
  );

  return { tabs, attach, detach, close, takeSnapshot };
}
