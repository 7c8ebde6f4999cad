/**
 * The hosts the backend works on (this machine and SSH hosts), kept current
 * by hosts:state events; the one the Processes tab shows; the questions
 * logins are waiting on (hosts:prompt), oldest first; and the recent hosts
 * Add host offers. Held by App, so the prompt dialog shows whichever tab is
 * open.
 */
import { useCallback, useEffect, useState } from 'react';
import { LOCAL_HOST_ID, type HostAnswerRequest, type HostConnectRequest, type HostInfo, type HostPrompt, type RecentHost } from '../../../shared/contract';
import { toErrorInfo, type Result } from '../../../shared/result';
import type { Connection } from '../transport/connection';

export interface Hosts {
  hosts: HostInfo[];
  selected: HostInfo;
  select(hostId: string): void;
  prompts: HostPrompt[];
  connect(request: HostConnectRequest): Promise<Result<HostInfo>>;
  disconnect(hostId: string): Promise<Result<void>>;
  /** Answers a prompt and takes it off the queue, whatever the backend says (it may have ended the login meanwhile). */
  answer(request: HostAnswerRequest): void;
  /** SSH logins that succeeded lately, newest first (hosts:recent). */
  recent: RecentHost[];
  forget(destination: string): void;
}

const THIS_MACHINE: HostInfo = { hostId: LOCAL_HOST_ID, kind: 'local', label: 'this machine', destination: null, state: 'connected', message: null };

/** Questions are asked only while a login runs: once the link settles, what is still open was given up. */
const asking = (state: HostInfo['state']): boolean => state === 'connecting' || state === 'reconnecting';

function upsert(hosts: HostInfo[], info: HostInfo): HostInfo[] {
  if (info.state === 'closed') return hosts.filter((h) => h.hostId !== info.hostId);
  return hosts.some((h) => h.hostId === info.hostId) ? hosts.map((h) => (h.hostId === info.hostId ? info : h)) : [...hosts, info];
}

export function useHosts(connection: Connection | null): Hosts {
  const [hosts, setHosts] = useState<HostInfo[]>([THIS_MACHINE]);
  const [selectedId, select] = useState<string>(LOCAL_HOST_ID);
  const [prompts, setPrompts] = useState<HostPrompt[]>([]);
  const [recent, setRecent] = useState<RecentHost[]>([]);

  const listRecent = useCallback(() => {
    void connection?.api.listRecentHosts().then((result) => {
      if (result.ok) setRecent(result.value);
    });
  }, [connection]);
  useEffect(listRecent, [listRecent]);

  useEffect(() => {
    if (!connection) return;
    let live = true;
    const stopState = connection.api.onHostState((info) => {
      setHosts((previous) => upsert(previous, info));
      if (!asking(info.state)) setPrompts((previous) => previous.filter((p) => p.hostId !== info.hostId));
    });
    const stopPrompt = connection.api.onHostPrompt((prompt) => setPrompts((previous) => [...previous, prompt]));
    void connection.api.listHosts().then((result) => {
      if (live && result.ok) setHosts(result.value);
    });
    // After a reload a login may still wait on a question asked before it. The answer replaces the
    // queue: a question asked before the backend listed reached this page first (or was settled),
    // and one asked after arrives as an event after the answer.
    void connection.api.listHostPrompts().then((result) => {
      if (live && result.ok) setPrompts(result.value);
    });
    return () => {
      live = false;
      stopState();
      stopPrompt();
    };
  }, [connection]);

  const connect = useCallback(
    async (request: HostConnectRequest): Promise<Result<HostInfo>> => {
      if (!connection) return { ok: false, error: { kind: 'cancelled', message: 'not connected to gclens' } };
      const result = await connection.api.connectHost(request).catch((err: unknown): Result<HostInfo> => ({ ok: false, error: toErrorInfo(err) }));
      if (result.ok) {
        setHosts((previous) => upsert(previous, result.value));
        select(result.value.hostId);
        // The backend has filed this login among the recent hosts.
        listRecent();
      }
      return result;
    },
    [connection, listRecent],
  );

  const disconnect = useCallback(
    async (hostId: string): Promise<Result<void>> => {
      if (!connection) return { ok: false, error: { kind: 'cancelled', message: 'not connected to gclens' } };
      return connection.api.disconnectHost({ hostId }).catch((err: unknown): Result<void> => ({ ok: false, error: toErrorInfo(err) }));
    },
    [connection],
  );

  const answer = useCallback(
    (request: HostAnswerRequest): void => {
      setPrompts((previous) => previous.filter((p) => p.promptId !== request.promptId));
      void connection?.api.answerHostPrompt(request);
    },
    [connection],
  );

  const forget = useCallback(
    (destination: string): void => {
      void connection?.api.forgetRecentHost({ destination }).then((result) => {
        if (result.ok) setRecent(result.value);
      });
    },
    [connection],
  );

  // A host that went away (disconnected, here or in another window) leaves this machine selected.
  const selected = hosts.find((h) => h.hostId === selectedId) ?? hosts.find((h) => h.hostId === LOCAL_HOST_ID) ?? THIS_MACHINE;
  return { hosts, selected, select, prompts, connect, disconnect, answer, recent, forget };
}
