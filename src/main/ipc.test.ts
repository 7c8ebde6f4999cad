import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow as FakeBrowserWindow, ipcMain, resetElectronStub } from '../../test/stubs/electron';
import { fakeHandlers } from '../../test/helpers/fake-handlers';
import { invokeChannels, type AppInfo, type InvokeHandlers } from '../shared/contract';
import { createDispatch, type Dispatch } from './core/dispatch';
import { emitToWindow, registerIpc } from './ipc';
import { isAppUrl } from './window';

const APP_URL = pathToFileURL('/opt/gclens/out/renderer/index.html').href;
const trusted = (url: string): boolean => isAppUrl(url, APP_URL);

type WindowGetter = Parameters<typeof emitToWindow>[0];

/** The part of IpcMainInvokeEvent the handler reads. */
function invokeEvent(senderUrl: string | null): { senderFrame: { url: string } | null } {
  return { senderFrame: senderUrl === null ? null : { url: senderUrl } };
}

function handlerFor(channel: string): (event: unknown, request?: unknown) => Promise<unknown> {
  const handler = ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler as (event: unknown, request?: unknown) => Promise<unknown>;
}

const info: AppInfo = { name: 'gclens', version: '0.1.0', transport: 'electron', platform: 'linux-x64', nodeVersion: '20' };

function appInfoHandlers(): InvokeHandlers {
  return fakeHandlers({ 'app:info': vi.fn(async () => info) });
}

beforeEach(() => resetElectronStub());

describe('registerIpc', () => {
  it('registers a handler for exactly the contract invoke channels', () => {
    registerIpc(ipcMain, vi.fn(), trusted);
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...invokeChannels].sort());
  });

  it.each([
    ['a frame from another site', 'https://evil.example/'],
    ['another local file', 'file:///tmp/evil.html'],
    ['a data: page', 'data:text/html,hi'],
    ['a destroyed frame', null],
  ])('refuses %s without calling dispatch', async (_what, senderUrl) => {
    const dispatch = vi.fn<Dispatch>();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    registerIpc(ipcMain, dispatch, trusted);
    for (const channel of invokeChannels) {
      const result = await handlerFor(channel)(invokeEvent(senderUrl), undefined);
      expect(result).toEqual({ ok: false, error: { kind: 'invalid-argument', message: 'untrusted sender' } });
    }
    expect(dispatch).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it('passes a request from the app page to dispatch with its channel', async () => {
    const dispatch = vi.fn<Dispatch>(async () => ({ ok: true, value: 'answer' }));
    registerIpc(ipcMain, dispatch, trusted);
    const request = { requestId: 'r1', sources: [{ kind: 'path', path: '/var/log/gc.log' }] };
    await expect(handlerFor('files:open')(invokeEvent(`${APP_URL}#/files`), request)).resolves.toEqual({ ok: true, value: 'answer' });
    expect(dispatch).toHaveBeenCalledExactlyOnceWith('files:open', request);
  });

  it('answers through the real dispatch: valid requests reach the handler, invalid ones come back as invalid-argument', async () => {
    const handlers = appInfoHandlers();
    registerIpc(ipcMain, createDispatch(handlers), trusted);
    const event = invokeEvent(APP_URL);

    await expect(handlerFor('app:info')(event, undefined)).resolves.toEqual({ ok: true, value: info });

    const bad = await handlerFor('files:open')(event, { requestId: 'r1', sources: 'not-a-list' });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    expect((bad as { error: { message: string } }).error.message).toContain('files:open');

    // Extra keys are refused too (strict schema), so nothing unexpected reaches a handler.
    const extra = await handlerFor('files:open')(event, { requestId: 'r1', sources: [{ kind: 'path', path: '/x', shell: 'rm -rf' }] });
    expect(extra).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    expect(handlers['files:open']).not.toHaveBeenCalled();
  });
});

describe('emitToWindow', () => {
  it('sends the contract event to the current window', () => {
    const win = new FakeBrowserWindow();
    const emit = emitToWindow((() => win) as unknown as WindowGetter);
    emit('files:open-requested', { paths: ['/var/log/gc.log'] });
    expect(win.webContents.send).toHaveBeenCalledExactlyOnceWith('files:open-requested', { paths: ['/var/log/gc.log'] });
  });

  it('follows the window getter and drops events when there is no live window', () => {
    let current: FakeBrowserWindow | null = null;
    const emit = emitToWindow((() => current) as unknown as WindowGetter);
    emit('files:progress', { requestId: 'r', name: 'gc.log', bytesRead: 1, totalBytes: 2 });

    const first = new FakeBrowserWindow();
    current = first;
    first.destroy();
    emit('files:progress', { requestId: 'r', name: 'gc.log', bytesRead: 1, totalBytes: 2 });
    expect(first.webContents.send).not.toHaveBeenCalled();

    const second = new FakeBrowserWindow();
    current = second;
    emit('files:progress', { requestId: 'r', name: 'gc.log', bytesRead: 2, totalBytes: 2 });
    expect(second.webContents.send).toHaveBeenCalledExactlyOnceWith('files:progress', {
      requestId: 'r',
      name: 'gc.log',
      bytesRead: 2,
      totalBytes: 2,
    });
  });
});
