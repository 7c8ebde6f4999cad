/**
 * Electron's side of the contract: one ipcMain handler per invoke channel,
 * each refusing frames that are not the app's own page before the request
 * reaches dispatch (which validates it against its schema), and the emitter
 * that pushes contract events to the window.
 */
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { invokeChannels, type EmitEvent } from '../shared/contract';
import { fail, type Result } from '../shared/result';
import type { Dispatch } from './core/dispatch';

/** Decides from the sending frame's URL whether it is the app's own page. */
export type TrustedSenderCheck = (senderUrl: string) => boolean;

export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, dispatch: Dispatch, isTrustedSender: TrustedSenderCheck): void {
  for (const channel of invokeChannels) {
    // The preload forwards exactly one argument; anything else a caller adds is ignored.
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, request: unknown): Promise<Result<unknown>> => {
      // senderFrame is null once the frame navigated away or was destroyed.
      const url = event.senderFrame?.url;
      if (typeof url !== 'string' || !isTrustedSender(url)) {
        console.warn(`gclens: refused ${channel} from untrusted sender ${url ?? '(no frame)'}`);
        return fail('invalid-argument', 'untrusted sender');
      }
      return dispatch(channel, request);
    });
  }
}

/**
 * An EmitEvent that sends to whichever window is current. Events for a
 * window that is gone are dropped: nobody is listening and send would throw.
 */
export function emitToWindow(getWindow: () => BrowserWindow | null | undefined): EmitEvent {
  return (channel, payload) => {
    const win = getWindow();
    if (!win || win.isDestroyed() || win.webContents.isDestroyed()) return;
    win.webContents.send(channel, payload);
  };
}
