/**
 * The application menu. File → Open… only picks paths and tells the renderer
 * through the contract event; opening them goes through `files:open` like a
 * drag-and-drop would, so there is one code path for both.
 */
import { dialog, Menu, type BrowserWindow, type MenuItemConstructorOptions, type OpenDialogOptions } from 'electron';
import type { EmitEvent } from '../shared/contract';
import { APP_NAME, APP_VERSION } from './core/version';

export interface AppMenuOptions {
  /** Reload and DevTools exist only while developing. */
  isDev: boolean;
  emit: EmitEvent;
  getWindow: () => BrowserWindow | null;
  platform?: NodeJS.Platform;
}

const openDialogOptions: OpenDialogOptions = {
  title: 'Open GC logs and profiles',
  properties: ['openFile', 'multiSelections'],
};

export async function chooseFilesToOpen({ emit, getWindow }: Pick<AppMenuOptions, 'emit' | 'getWindow'>): Promise<void> {
  const win = getWindow();
  // With no window (macOS, all closed) nobody would receive the event.
  if (!win || win.isDestroyed()) return;
  const result = await dialog.showOpenDialog(win, openDialogOptions);
  if (result.canceled || result.filePaths.length === 0) return;
  emit('files:open-requested', { paths: result.filePaths });
}

export async function showAbout(getWindow: () => BrowserWindow | null): Promise<void> {
  const versions = process.versions as NodeJS.ProcessVersions & { electron?: string; chrome?: string };
  const options = {
    type: 'info' as const,
    title: `About ${APP_NAME}`,
    message: `${APP_NAME} ${APP_VERSION}`,
    detail: `Electron ${versions.electron ?? '?'}\nChromium ${versions.chrome ?? '?'}\nNode.js ${versions.node}`,
    buttons: ['OK'],
  };
  const win = getWindow();
  await (win && !win.isDestroyed() ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
}

function report(what: string): (err: unknown) => void {
  return (err) => console.error(`gclens: ${what} failed: ${err instanceof Error ? err.message : String(err)}`);
}

export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const { isDev, getWindow } = options;
  const isMac = (options.platform ?? process.platform) === 'darwin';
  const view: MenuItemConstructorOptions[] = [
    ...(isDev
      ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as const)
      : []),
    // Zoom stays in production: charts on a laptop at 3 a.m. need it.
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    {
      label: '&File',
      submenu: [
        {
          label: 'Open…',
          accelerator: 'CmdOrCtrl+O',
          click: () => void chooseFilesToOpen(options).catch(report('File → Open')),
        },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    // Copy and paste shortcuts only work on macOS when an Edit menu has these roles.
    { role: 'editMenu' },
    { label: '&View', submenu: view },
    ...(isMac ? [{ role: 'windowMenu' } as const] : []),
    {
      role: 'help',
      submenu: [{ label: `About ${APP_NAME}`, click: () => void showAbout(getWindow).catch(report('About')) }],
    },
  ];
}

export function installAppMenu(options: AppMenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(options)));
}
