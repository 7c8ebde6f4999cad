/**
 * What the Electron preload exposes as `window.gclens`: the contract API plus
 * the one Electron-only helper. Type-only, so the renderer can import it
 * without pulling in the preload.
 */
import type { GclensApi } from '../shared/contract';

export type ElectronBridge = GclensApi & {
  /** The local path behind a dropped or picked File (Electron removed File.path). */
  pathForFile(file: File): string;
};
