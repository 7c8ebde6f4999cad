import { beforeEach, describe, expect, it, vi } from 'vitest';
import { contextBridge, ipcRenderer, resetElectronStub, webUtils } from '../../test/stubs/electron';
import { eventMethods, invokeMethods } from '../shared/contract';
import type { ElectronBridge } from './bridge-type';

/** Runs the preload afresh against the stub and returns what it exposed. */
async function loadPreload(): Promise<Map<string, unknown>> {
  resetElectronStub();
  vi.resetModules();
  await import('./index');
  return contextBridge.exposed;
}

let bridge: ElectronBridge;

beforeEach(async () => {
  const exposed = await loadPreload();
  bridge = exposed.get('gclens') as ElectronBridge;
});

describe('preload', () => {
  it('exposes exactly one key, gclens, with exactly the contract names plus pathForFile', async () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['gclens']);
    const expected = [...Object.values(invokeMethods), ...Object.values(eventMethods), 'pathForFile'].sort();
    expect(Object.keys(bridge).sort()).toEqual(expected);
    for (const name of expected) expect(typeof (bridge as unknown as Record<string, unknown>)[name]).toBe('function');
    // Never the raw power.
    expect(bridge).not.toHaveProperty('invoke');
    expect(bridge).not.toHaveProperty('ipcRenderer');
    expect(bridge).not.toHaveProperty('send');
  });

  it('each invoke function calls its own fixed channel with only the request', async () => {
    for (const [channel, method] of Object.entries(invokeMethods)) {
      ipcRenderer.invoke.mockClear();
      const fn = (bridge as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[method]!;
      const request = { requestId: 'r1', sources: [] };
      await fn(request, 'files:open', 'extra');
      expect(ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(channel, request);
    }
  });

  it('returns what main answered', async () => {
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: false, error: { kind: 'not-found', message: 'gone' } });
    await expect(bridge.openFiles({ requestId: 'r', sources: [{ kind: 'path', path: '/x' }] })).resolves.toEqual({
      ok: false,
      error: { kind: 'not-found', message: 'gone' },
    });
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith('files:open', { requestId: 'r', sources: [{ kind: 'path', path: '/x' }] });
  });

  it('on…() hands the listener only the payload and returns an unsubscribe that removes it', () => {
    for (const [channel, method] of Object.entries(eventMethods)) {
      const listener = vi.fn();
      const subscribe = (bridge as unknown as Record<string, (l: (p: unknown) => void) => () => void>)[method]!;
      const unsubscribe = subscribe(listener);
      expect(ipcRenderer.listenerCount(channel)).toBe(1);

      const payload = { paths: ['/var/log/gc.log'] };
      ipcRenderer.emit(channel, { sender: ipcRenderer, senderId: 0 }, payload);
      expect(listener).toHaveBeenCalledExactlyOnceWith(payload);

      unsubscribe();
      expect(ipcRenderer.listenerCount(channel)).toBe(0);
      ipcRenderer.emit(channel, { sender: ipcRenderer }, payload);
      expect(listener).toHaveBeenCalledOnce();
    }
  });

  it('subscriptions are independent: unsubscribing one leaves the other', () => {
    const a = vi.fn();
    const b = vi.fn();
    const offA = bridge.onFilesProgress(a);
    bridge.onFilesProgress(b);
    offA();
    const progress = { requestId: 'r', name: 'gc.log', bytesRead: 10, totalBytes: 20 };
    ipcRenderer.emit('files:progress', {}, progress);
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledExactlyOnceWith(progress);
  });

  it('refuses a listener that is not a function', () => {
    expect(() => bridge.onFilesOpenRequested('nope' as unknown as () => void)).toThrow(TypeError);
    expect(ipcRenderer.listenerCount('files:open-requested')).toBe(0);
  });

  it('pathForFile asks webUtils', () => {
    const file = { name: 'gc.log' } as unknown as File;
    expect(bridge.pathForFile(file)).toBe('/stub/dropped/gc.log');
    expect(webUtils.getPathForFile).toHaveBeenCalledExactlyOnceWith(file);
  });
});
