/**
 * `window.gclens`, as the Electron preload exposes it. The type lives beside
 * the preload (type-only, so nothing of the preload is bundled here); the
 * renderer only says where to find it.
 */
import type { ElectronBridge } from '../../../preload/bridge-type';

export type { ElectronBridge };

declare global {
  interface Window {
    gclens?: ElectronBridge;
  }
}
