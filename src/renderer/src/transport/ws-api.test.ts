import { describe, expect, it } from 'vitest';
import type { OpenedFile } from '../../../shared/contract';
import type { WireMessage, WireRequest } from '../../../shared/wire';
import { CONNECTION_LOST, createWsApi, type SocketLike } from './ws-api';

class FakeSocket implements SocketLike {
  readonly sent: WireRequest[] = [];
  failSend = false;
  private readonly messageListeners: ((event: { data: unknown }) => void)[] = [];
  private readonly closeListeners: (() => void)[] = [];

  send(data: string): void {
    if (this.failSend) throw new Error('InvalidStateError');
    this.sent.push(JSON.parse(data) as WireRequest);
  }

  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: () => void): void;
  addEventListener(type: 'message' | 'close', listener: ((event: { data: unknown }) => void) | (() => void)): void {
    if (type === 'message') this.messageListeners.push(listener);
    else this.closeListeners.push(listener as () => void);
  }

  receive(message: WireMessage | string): void {
    const data = typeof message === 'string' ? message : JSON.stringify(message);
    for (const listener of this.messageListeners) listener({ data });
  }

  close(): void {
    for (const listener of this.closeListeners) listener();
  }
}

const opened = { fileId: 'f1', names: ['gc.log'] } as OpenedFile;

describe('createWsApi', () => {
  it('exposes one named function per contract channel', () => {
    const { api } = createWsApi(new FakeSocket());
    expect(typeof api.appInfo).toBe('function');
    expect(typeof api.openFiles).toBe('function');
    expect(typeof api.onFilesProgress).toBe('function');
    expect(typeof api.onFilesOpenRequested).toBe('function');
  });

  it('sends numbered requests and resolves each with its own envelope', async () => {
    const socket = new FakeSocket();
    const { api } = createWsApi(socket);
    const request = { requestId: 'r1', sources: [{ kind: 'upload' as const, uploadId: 'abcdefgh' }] };
    const first = api.openFiles(request);
    const second = api.appInfo();

    expect(socket.sent).toEqual([
      { id: 1, channel: 'files:open', request },
      { id: 2, channel: 'app:info' },
    ]);

    // Answers may come back out of order.
    socket.receive({ kind: 'response', id: 2, result: { ok: false, error: { kind: 'internal', message: 'boom' } } });
    socket.receive({ kind: 'response', id: 1, result: { ok: true, value: opened } });

    await expect(first).resolves.toEqual({ ok: true, value: opened });
    await expect(second).resolves.toEqual({ ok: false, error: { kind: 'internal', message: 'boom' } });
  });

  it('keeps an error kind and message from the server as they are', async () => {
    const socket = new FakeSocket();
    const { api } = createWsApi(socket);
    const pending = api.openFiles({ requestId: 'r', sources: [{ kind: 'path', path: '/x.txt' }] });
    const error = { kind: 'unsupported-format', message: 'x.txt is not a Go gctrace log' } as const;
    socket.receive({ kind: 'response', id: 1, result: { ok: false, error } });
    await expect(pending).resolves.toEqual({ ok: false, error });
  });

  it('delivers events to subscribers until they unsubscribe', () => {
    const socket = new FakeSocket();
    const { api } = createWsApi(socket);
    const progress: number[] = [];
    const requested: string[][] = [];
    const stop = api.onFilesProgress((p) => progress.push(p.bytesRead));
    api.onFilesOpenRequested((e) => requested.push(e.paths));

    const event = (bytesRead: number): WireMessage => ({
      kind: 'event',
      channel: 'files:progress',
      payload: { requestId: 'r', name: 'gc.log', bytesRead, totalBytes: 100 },
    });
    socket.receive(event(10));
    socket.receive({ kind: 'event', channel: 'files:open-requested', payload: { paths: ['/a'] } });
    stop();
    socket.receive(event(20));

    expect(progress).toEqual([10]);
    expect(requested).toEqual([['/a']]);
  });

  it('ignores frames that are not JSON or answer nothing pending', async () => {
    const socket = new FakeSocket();
    const { api } = createWsApi(socket);
    const pending = api.appInfo();
    socket.receive('not json');
    socket.receive({ kind: 'response', id: 99, result: { ok: true, value: null } });
    socket.receive({ kind: 'response', id: 1, result: { ok: true, value: 'info' } });
    await expect(pending).resolves.toEqual({ ok: true, value: 'info' });
  });

  it('answers every waiting request with "connection lost" when the socket closes', async () => {
    const socket = new FakeSocket();
    const ws = createWsApi(socket);
    let lostCalls = 0;
    ws.onLost(() => lostCalls++);
    const a = ws.api.appInfo();
    const b = ws.api.openFiles({ requestId: 'r', sources: [{ kind: 'path', path: '/p' }] });

    socket.close();
    socket.close();

    await expect(a).resolves.toEqual({ ok: false, error: CONNECTION_LOST });
    await expect(b).resolves.toEqual({ ok: false, error: CONNECTION_LOST });
    expect(lostCalls).toBe(1);
    expect(ws.lost).toBe(true);

    // After the close, requests fail at once and nothing more is sent.
    await expect(ws.api.appInfo()).resolves.toEqual({ ok: false, error: CONNECTION_LOST });
    expect(socket.sent).toHaveLength(2);

    // A late subscriber still hears about it.
    let late = false;
    ws.onLost(() => (late = true));
    expect(late).toBe(true);
  });

  it('answers "connection lost" when the socket refuses to send', async () => {
    const socket = new FakeSocket();
    socket.failSend = true;
    const { api } = createWsApi(socket);
    await expect(api.appInfo()).resolves.toEqual({ ok: false, error: CONNECTION_LOST });
  });
});
