/**
 * The shell's wiring, run against the Electron stub with the backend mocked
 * out: index.ts does its work at import time, so each test re-imports it.
 */
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  app,
  BrowserWindow,
  fakeEvent,
  ipcMain,
  Menu,
  resetElectronStub,
  session,
  shell,
} from '../../test/stubs/electron';
import { invokeChannels, type EmitEvent } from '../shared/contract';
import type { BackendOptions } from './core/backend';
import { RENDERER_HTML_PATH } from './window';

const backend = vi.hoisted(() => ({
  options: [] as unknown[],
  dispatch: null as null | ((channel: string, request: unknown) => Promise<unknown>),
  dispose: null as null | (() => Promise<void>),
}));

vi.mock('./core/backend', () => ({
  createBackend: (options: unknown) => {
    backend.options.push(options);
    backend.dispatch = vi.fn(async () => ({ ok: true, value: 'dispatched' }));
    backend.dispose = vi.fn(async () => {});
    return { handlers: {}, dispatch: backend.dispatch, dispose: backend.dispose };
  },
}));

const APP_URL = pathToFileURL(RENDERER_HTML_PATH).href;
const savedRendererUrl = process.env.ELECTRON_RENDERER_URL;

async function startShell(): Promise<void> {
  vi.resetModules();
  await import('./index');
}

async function startedWindow(): Promise<InstanceType<typeof BrowserWindow>> {
  await startShell();
  await vi.waitFor(() => expect(BrowserWindow.instances).toHaveLength(1));
  return BrowserWindow.instances[0]!;
}

function headersFor(responseHeaders: Record<string, string[]>): Record<string, string[]> {
  let answered: Record<string, string[]> | undefined;
  session.defaultSession.headersListener!({ url: APP_URL, responseHeaders }, (response) => {
    answered = response.responseHeaders;
  });
  return answered!;
}

beforeEach(() => {
  resetElectronStub();
  backend.options.length = 0;
  backend.dispatch = null;
  delete process.env.ELECTRON_RENDERER_URL;
});

afterEach(() => {
  if (savedRendererUrl === undefined) delete process.env.ELECTRON_RENDERER_URL;
  else process.env.ELECTRON_RENDERER_URL = savedRendererUrl;
});

describe('the Electron shell', () => {
  it('takes the single-instance lock, sandboxes every renderer and opens one window', async () => {
    const win = await startedWindow();
    expect(app.requestSingleInstanceLock).toHaveBeenCalledOnce();
    expect(app.enableSandbox).toHaveBeenCalledOnce();
    expect(app.quit).not.toHaveBeenCalled();
    expect(win.loadFile).toHaveBeenCalledWith(RENDERER_HTML_PATH);
    expect((win.options.webPreferences as { preload: string }).preload).toMatch(/preload[\\/]index\.cjs$/);
    expect(Menu.setApplicationMenu).toHaveBeenCalledOnce();
  });

  it('quits at once when another instance holds the lock', async () => {
    app.hasSingleInstanceLock = false;
    await startShell();
    await Promise.resolve();
    expect(app.quit).toHaveBeenCalledOnce();
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(BrowserWindow.instances).toHaveLength(0);
  });

  it('brings the existing window forward when a second instance starts', async () => {
    const win = await startedWindow();
    win.minimized = true;
    app.emit('second-instance', {}, ['gclens'], '/');
    expect(win.restore).toHaveBeenCalledOnce();
    expect(win.focus).toHaveBeenCalledOnce();
  });

  it('denies every permission request and check', async () => {
    await startedWindow();
    const ses = session.defaultSession;
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      ses.permissionRequestHandler!({}, permission, callback, {});
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
      expect(ses.permissionCheckHandler!({}, permission, 'file://', {})).toBe(false);
    }
  });

  it('serves the strict Content-Security-Policy and replaces any the response carried', async () => {
    await startedWindow();
    const headers = headersFor({ 'content-security-policy': ["default-src *"], 'X-Other': ['kept'] });
    expect(headers['X-Other']).toEqual(['kept']);
    expect(headers['content-security-policy']).toBeUndefined();
    const policy = headers['Content-Security-Policy']?.[0] ?? '';
    expect(policy).toContain("script-src 'self';");
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).toContain("object-src 'none'");
  });

  it('relaxes the policy and shows developer menus only under the dev server', async () => {
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173';
    const win = await startedWindow();
    expect(win.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
    const policy = headersFor({})['Content-Security-Policy']?.[0] ?? '';
    expect(policy).toContain("'unsafe-eval'");
    expect(policy).toContain('ws://localhost:5173');
    expect(JSON.stringify(Menu.applicationMenu?.template)).toContain('toggleDevTools');
  });

  it('keeps the window on the app page and sends only http(s) links to the browser', async () => {
    const contents = (await startedWindow()).webContents;

    const own = fakeEvent({ url: `${APP_URL}#/diff` });
    contents.emit('will-navigate', own);
    expect(own.defaultPrevented).toBe(false);

    const web = fakeEvent({ url: 'https://go.dev/doc/gc-guide' });
    contents.emit('will-navigate', web);
    expect(web.defaultPrevented).toBe(true);
    expect(shell.openExternal).toHaveBeenLastCalledWith('https://go.dev/doc/gc-guide');

    const local = fakeEvent({ url: 'file:///etc/passwd' });
    contents.emit('will-navigate', local);
    expect(local.defaultPrevented).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledOnce();

    expect(contents.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledTimes(2);

    const webview = fakeEvent({});
    contents.emit('will-attach-webview', webview);
    expect(webview.defaultPrevented).toBe(true);
  });

  it('creates the backend for Electron and routes IPC from the app page only', async () => {
    const win = await startedWindow();
    expect(backend.options).toHaveLength(1);
    expect(backend.options[0]).toMatchObject({ transport: 'electron' });
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...invokeChannels].sort());

    const handler = ipcMain.handlers.get('app:info') as (event: unknown, request: unknown) => Promise<unknown>;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await expect(handler({ senderFrame: { url: 'https://evil.example/' } }, undefined)).resolves.toMatchObject({ ok: false });
    warn.mockRestore();
    expect(backend.dispatch).not.toHaveBeenCalled();
    await expect(handler({ senderFrame: { url: APP_URL } }, undefined)).resolves.toEqual({ ok: true, value: 'dispatched' });
    expect(backend.dispatch).toHaveBeenCalledExactlyOnceWith('app:info', undefined);

    // Backend events reach the window that is open now.
    const emit = (backend.options[0] as BackendOptions).emit as EmitEvent;
    emit('files:open-requested', { paths: ['/x'] });
    expect(win.webContents.send).toHaveBeenCalledExactlyOnceWith('files:open-requested', { paths: ['/x'] });
  });

  it('ends every attach before quitting, then quits', async () => {
    await startedWindow();
    const event = { preventDefault: vi.fn() };
    app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalledOnce();
    expect(backend.dispose).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledOnce());
    app.emit('will-quit', { preventDefault: vi.fn() });
    expect(backend.dispose).toHaveBeenCalledOnce();
  });

  it('quits when the last window closes, except on macOS', async () => {
    const win = await startedWindow();
    win.destroy();
    app.emit('window-all-closed');
    if (process.platform === 'darwin') expect(app.quit).not.toHaveBeenCalled();
    else expect(app.quit).toHaveBeenCalledOnce();
  });
});
