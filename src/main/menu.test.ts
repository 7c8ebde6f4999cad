import { beforeEach, describe, expect, it, vi } from 'vitest';
import pkg from '../../package.json';
import { BrowserWindow as FakeBrowserWindow, dialog, Menu, resetElectronStub, shell } from '../../test/stubs/electron';
import type { EmitEvent } from '../shared/contract';
import { appMenuTemplate, installAppMenu, type AppMenuOptions } from './menu';

// Electron's own types stay out of tests (lint): take them from the code under test.
type MenuItemConstructorOptions = ReturnType<typeof appMenuTemplate>[number];
type WindowGetter = AppMenuOptions['getWindow'];

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function roles(items: MenuItemConstructorOptions[]): string[] {
  return flatten(items).flatMap((item) => (item.role ? [item.role] : []));
}

function item(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const found = flatten(items).find((i) => i.label?.startsWith(label));
  if (!found) throw new Error(`no menu item ${label}`);
  return found;
}

/** Menu clicks are fire-and-forget; call one the way Electron would. */
function click(menuItem: MenuItemConstructorOptions): void {
  (menuItem.click as () => void)();
}

let win: FakeBrowserWindow;
let emit: ReturnType<typeof vi.fn<EmitEvent>>;
const getWindow = (() => win) as unknown as WindowGetter;

beforeEach(() => {
  resetElectronStub();
  win = new FakeBrowserWindow();
  emit = vi.fn<EmitEvent>();
});

describe('application menu', () => {
  it('has reload and DevTools only in development', () => {
    const prod = roles(appMenuTemplate({ isDev: false, emit, getWindow, platform: 'linux' }));
    expect(prod).not.toContain('reload');
    expect(prod).not.toContain('forceReload');
    expect(prod).not.toContain('toggleDevTools');
    expect(prod).toContain('quit');

    const dev = roles(appMenuTemplate({ isDev: true, emit, getWindow, platform: 'linux' }));
    expect(dev).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
  });

  it('puts the app menu first on macOS', () => {
    const template = appMenuTemplate({ isDev: false, emit, getWindow, platform: 'darwin' });
    expect(template[0]?.role).toBe('appMenu');
    expect(roles(template)).toContain('close');
  });

  it('holds no external links', () => {
    const template = appMenuTemplate({ isDev: true, emit, getWindow, platform: 'linux' });
    for (const entry of flatten(template)) entry.click?.({} as never, undefined, {} as never);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('File → Open… picks several files and emits files:open-requested with their paths', async () => {
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/var/log/a.log', '/var/log/b.log'] });
    const open = item(appMenuTemplate({ isDev: false, emit, getWindow, platform: 'linux' }), 'Open');
    expect(open.accelerator).toBe('CmdOrCtrl+O');
    click(open);
    await vi.waitFor(() => expect(emit).toHaveBeenCalledOnce());
    expect(emit).toHaveBeenCalledWith('files:open-requested', { paths: ['/var/log/a.log', '/var/log/b.log'] });
    const [parent, options] = dialog.showOpenDialog.mock.calls[0] as [unknown, { properties: string[] }];
    expect(parent).toBe(win);
    expect(options.properties).toEqual(expect.arrayContaining(['openFile', 'multiSelections']));
  });

  it('File → Open… emits nothing when the dialog is cancelled or there is no window', async () => {
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    click(item(appMenuTemplate({ isDev: false, emit, getWindow, platform: 'linux' }), 'Open'));
    await vi.waitFor(() => expect(dialog.showOpenDialog).toHaveBeenCalledOnce());
    await Promise.resolve();
    expect(emit).not.toHaveBeenCalled();

    click(item(appMenuTemplate({ isDev: false, emit, getWindow: () => null, platform: 'linux' }), 'Open'));
    await Promise.resolve();
    expect(dialog.showOpenDialog).toHaveBeenCalledOnce();
    expect(emit).not.toHaveBeenCalled();
  });

  it('Help → About shows the app version', async () => {
    click(item(appMenuTemplate({ isDev: false, emit, getWindow, platform: 'linux' }), 'About'));
    await vi.waitFor(() => expect(dialog.showMessageBox).toHaveBeenCalledOnce());
    const [, options] = dialog.showMessageBox.mock.calls[0] as [unknown, { message: string }];
    expect(options.message).toBe(`gclens ${pkg.version}`);
  });

  it('installAppMenu sets the built menu', () => {
    installAppMenu({ isDev: false, emit, getWindow, platform: 'linux' });
    expect(Menu.setApplicationMenu).toHaveBeenCalledOnce();
    expect(Menu.applicationMenu?.template).toEqual(Menu.buildFromTemplate.mock.calls[0]?.[0]);
  });
});
