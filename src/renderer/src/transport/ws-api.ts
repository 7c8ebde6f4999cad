/**
 * The GclensApi over serve mode's WebSocket (src/shared/wire.ts), built from
 * the contract's method maps so a new channel needs no change here. Takes any
 * WebSocket-like object, so tests drive it with a fake.
 */
import {
  eventMethods,
  invokeMethods,
  type EventChannel,
  type EventMap,
  type GclensApi,
  type InvokeChannel,
  type Unsubscribe,
} from '../../../shared/contract';
import type { ErrorInfo, Result } from '../../../shared/result';
import type { WireMessage, WireRequest } from '../../../shared/wire';

/** The part of a browser WebSocket this module uses. */
export interface SocketLike {
  send(data: string): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: () => void): void;
}

export const CONNECTION_LOST: ErrorInfo = { kind: 'io', message: 'connection to gclens lost' };

export interface WsApi {
  api: GclensApi;
  /** Called once, when the socket closes; every request still waiting has been answered by then. */
  onLost(listener: () => void): Unsubscribe;
  readonly lost: boolean;
}

type AnyListener = (payload: unknown) => void;

export function createWsApi(socket: SocketLike): WsApi {
  let nextId = 1;
  let lost = false;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<EventChannel, Set<AnyListener>>();
  const lostListeners = new Set<() => void>();

  function invoke(channel: InvokeChannel, request: unknown): Promise<Result<unknown>> {
    if (lost) return Promise.resolve({ ok: false, error: CONNECTION_LOST });
    const id = nextId++;
    const message: WireRequest = request === undefined ? { id, channel } : { id, channel, request };
    return new Promise((resolve) => {
      pending.set(id, resolve);
      try {
        socket.send(JSON.stringify(message));
      } catch {
        // A socket that is closing throws on send; its close event follows.
        pending.delete(id);
        resolve({ ok: false, error: CONNECTION_LOST });
      }
    });
  }

  function subscribe(channel: EventChannel, listener: AnyListener): Unsubscribe {
    let set = listeners.get(channel);
    if (!set) listeners.set(channel, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  socket.addEventListener('message', (event) => {
    if (typeof event.data !== 'string') return;
    let message: WireMessage;
    try {
      message = JSON.parse(event.data) as WireMessage;
    } catch {
      console.warn('gclens: ignored a WebSocket frame that is not JSON');
      return;
    }
    if (message.kind === 'response') {
      const resolve = pending.get(message.id);
      if (!resolve) return;
      pending.delete(message.id);
      resolve(message.result);
    } else if (message.kind === 'event') {
      for (const listener of listeners.get(message.channel) ?? []) listener(message.payload);
    }
  });

  socket.addEventListener('close', () => {
    if (lost) return;
    lost = true;
    // Resolve rather than reject: every caller already handles a failed Result.
    for (const resolve of pending.values()) resolve({ ok: false, error: CONNECTION_LOST });
    pending.clear();
    for (const listener of lostListeners) listener();
  });

  const api: Record<string, unknown> = {};
  for (const [channel, method] of Object.entries(invokeMethods) as [InvokeChannel, string][]) {
    api[method] = (request?: unknown) => invoke(channel, request);
  }
  for (const [channel, method] of Object.entries(eventMethods) as [EventChannel, string][]) {
    api[method] = (listener: (payload: EventMap[typeof channel]) => void) => subscribe(channel, listener as AnyListener);
  }

  return {
    api: api as GclensApi,
    onLost(listener) {
      if (lost) {
        listener();
        return () => {};
      }
      lostListeners.add(listener);
      return () => {
        lostListeners.delete(listener);
      };
    },
    get lost() {
      return lost;
    },
  };
}
