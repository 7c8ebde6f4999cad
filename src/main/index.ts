/**
 * The Electron shell: app lifecycle and the security defaults around the one
 * window. Everything else lives in the backend core, which never imports
 * Electron and runs the same under the CLI and serve mode.
 */
import { app, BrowserWindow, ipcMain, session, shell, type Session, type WebContents } from 'electron';
import { createBackend } from './core/backend';
import { createExportSaver } from './export-dialog';
import { openExternalSafely } from './external-links';
import { emitToWindow, registerIpc } from './ipc';
import { installAppMenu } from './menu';
import { appUrl, contentSecurityPolicy, createMainWindow, devServerUrl, isAppUrl } from './window';

let mainWindow: BrowserWindow | null = null;

/** gclens needs no camera, notifications, geolocation or any other browser permission. */
function denyAllPermissions(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
}

function installContentSecurityPolicy(ses: Session, policy: string): void {
  ses.webRequest.onHeadersReceived((details, callback) => {
    // Drop any policy the response carried (whatever its case) so ours is the one in force.
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [policy] } });
  });
}

/** The window shows only the app's page; every other link goes to the user's browser, if it is http(s). */
function guardNavigation(contents: WebContents, ownUrl: string): void {
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url, ownUrl)) return;
    event.preventDefault();
    openExternalSafely(event.url, (url) => shell.openExternal(url));
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url, (target) => shell.openExternal(target));
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function openMainWindow(ownUrl: string): BrowserWindow {
  const win = createMainWindow((created) => guardNavigation(created.webContents, ownUrl));
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  mainWindow = win;
  return win;
}

function focusMainWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

async function start(): Promise<void> {
  await app.whenReady();
  const devUrl = devServerUrl();
  const ownUrl = appUrl(devUrl);
  const ses = session.defaultSession;
  denyAllPermissions(ses);
  installContentSecurityPolicy(ses, contentSecurityPolicy(devUrl));

  const emit = emitToWindow(() => mainWindow);
  const backend = createBackend({ transport: 'electron', emit, exportSaver: createExportSaver(() => mainWindow) });
  registerIpc(ipcMain, backend.dispatch, (senderUrl) => isAppUrl(senderUrl, ownUrl));
  installAppMenu({ isDev: devUrl !== null, emit, getWindow: () => mainWindow });
  openMainWindow(ownUrl);

  // Attaches own timers, tails and child processes: end them all before the app goes.
  let disposed = false;
  app.on('will-quit', (event) => {
    if (disposed) return;
    disposed = true;
    event.preventDefault();
    void backend.dispose().finally(() => app.quit());
  });

  // macOS keeps the app alive with no window; the dock icon brings one back.
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openMainWindow(ownUrl);
  });
}

// Every renderer is sandboxed, whatever a window's options say.
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // Another gclens is running: it gets 'second-instance' and comes forward.
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  start().catch((err: unknown) => {
    console.error(`gclens: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    app.exit(1);
  });
}
