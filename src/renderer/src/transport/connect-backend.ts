import type { Connection } from './connection';
import { electronConnection } from './electron-connection';
import { serveConnection } from './serve-connection';

/** Electron when the preload is there, serve mode otherwise. */
export function connectBackend(): Promise<Connection> {
  if (window.gclens) return Promise.resolve(electronConnection(window.gclens));
  return serveConnection();
}
