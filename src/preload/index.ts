/**
 * The preload: sandboxed, so it may load only 'electron' and the bundled
 * contract. It exposes one object of named functions built from the contract
 * maps. The channel of each function is fixed here; the page can never pick
 * a channel, and never sees ipcRenderer or the Electron event.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { eventMethods, invokeMethods, type EventChannel, type InvokeChannel, type Unsubscribe } from '../shared/contract';
import type { ElectronBridge } from './bridge-type';

function invoker(channel: InvokeChannel) {
  // Only the one request argument is forwarded, whatever the caller passes.
  return (request?: unknown): Promise<unknown> => ipcRenderer.invoke(channel, request);
}

function subscriber(channel: EventChannel) {
  return (listener: (payload: unknown) => void): Unsubscribe => {
    if (typeof listener !== 'function') throw new TypeError(`${eventMethods[channel]} needs a function`);
    const handler = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  };
}

const api: Record<string, unknown> = {};
for (const channel of Object.keys(invokeMethods) as InvokeChannel[]) api[invokeMethods[channel]] = invoker(channel);
for (const channel of Object.keys(eventMethods) as EventChannel[]) api[eventMethods[channel]] = subscriber(channel);
api.pathForFile = (file: File): string => webUtils.getPathForFile(file);

// The maps are keyed by the same channels as GclensApi's mapped type, so the
// object has exactly its shape; index.test.ts pins the names at run time.
contextBridge.exposeInMainWorld('gclens', api as ElectronBridge);
