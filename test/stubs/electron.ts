/**
 * What vitest loads instead of `electron` (see vitest.config.ts): the real
 * binary cannot be installed here and no unit test should need it. Each fake
 * records what the code under test did with it; `resetElectronStub()` puts
 * everything back between tests. Tests import this file directly for the
 * recorders; code under test gets the same module through the alias.
 */
import { vi } from 'vitest';

type Listener = (...args: never[]) => unknown;

/** Just enough of Node's EventEmitter: on/once/off and a way for tests to fire. */
class FakeEmitter {
  private readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  addListener(event: string, listener: Listener): this {
    return this.on(event, listener);
  }

  once(event: string, listener: Listener): this {
    const wrapper = (...args: never[]): unknown => {
      this.removeListener(event, wrapper);
      return listener(...args);
    };
    return this.on(event, wrapper);
  }

  removeListener(event: string, listener: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== listener),
    );
    return this;
  }

  off(event: string, listener: Listener): this {
    return this.removeListener(event, listener);
  }

  removeAllListeners(): this {
    this.listeners.clear();
    return this;
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }

  /** Test-side: fire an event at whatever subscribed. */
  emit(event: string, ...args: unknown[]): boolean {
    const current = this.listeners.get(event) ?? [];
    for (const listener of current) (listener as (...a: unknown[]) => unknown)(...args);
    return current.length > 0;
  }
}

/** An Electron-style event whose preventDefault is observable. */
export function fakeEvent<T extends object>(fields: T): T & { preventDefault: () => void; defaultPrevented: boolean } {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault(): void {
      event.defaultPrevented = true;
    },
  };
  return event;
}

// --- app --------------------------------------------------------------------

class FakeApp extends FakeEmitter {
  isPackaged = false;
  /** What requestSingleInstanceLock answers; set false to act as a second instance. */
  hasSingleInstanceLock = true;
  readonly requestSingleInstanceLock = vi.fn(() => this.hasSingleInstanceLock);
  readonly enableSandbox = vi.fn();
  readonly quit = vi.fn();
  readonly exit = vi.fn();
  readonly whenReady = vi.fn(() => Promise.resolve());
  getVersion(): string {
    return '0.0.0-stub';
  }
  getName(): string {
    return 'gclens';
  }
  getPath(name: string): string {
    return `/tmp/gclens-stub/${name}`;
  }
  reset(): void {
    this.removeAllListeners();
    this.isPackaged = false;
    this.hasSingleInstanceLock = true;
    for (const fn of [this.requestSingleInstanceLock, this.enableSandbox, this.quit, this.exit, this.whenReady]) fn.mockClear();
  }
}

// --- windows ----------------------------------------------------------------

class FakeWebContents extends FakeEmitter {
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly send = vi.fn();
  readonly openDevTools = vi.fn();
  readonly printToPDF = vi.fn((_options: unknown) => Promise.resolve(Buffer.from('%PDF-1.4 stub')));
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

class FakeBrowserWindow extends FakeEmitter {
  static readonly instances: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((w) => !w.destroyed);
  }
  static getFocusedWindow(): FakeBrowserWindow | null {
    return FakeBrowserWindow.getAllWindows()[0] ?? null;
  }

  readonly webContents = new FakeWebContents();
  destroyed = false;
  minimized = false;
  readonly loadURL = vi.fn((_url: string) => Promise.resolve());
  readonly loadFile = vi.fn((_path: string) => Promise.resolve());
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn(() => {
    this.minimized = false;
  });

  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    FakeBrowserWindow.instances.push(this);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  /** Test-side: close the window as the user would. */
  destroy(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

// --- IPC --------------------------------------------------------------------

// `never` parameters: any real handler fits, and tests cast when they call one.
type InvokeHandler = (event: never, ...args: never[]) => unknown;

class FakeIpcMain extends FakeEmitter {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, handler: InvokeHandler): void {
    // Electron throws on a second handler for one channel; so do we.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  reset(): void {
    this.removeAllListeners();
    this.handlers.clear();
  }
}

class FakeIpcRenderer extends FakeEmitter {
  readonly invoke = vi.fn((_channel: string, ..._args: unknown[]): Promise<unknown> => Promise.resolve({ ok: true, value: null }));
  readonly send = vi.fn();
  reset(): void {
    this.removeAllListeners();
    this.invoke.mockClear();
    this.send.mockClear();
  }
}

class FakeContextBridge {
  readonly exposed = new Map<string, unknown>();
  exposeInMainWorld(key: string, api: unknown): void {
    if (this.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
    this.exposed.set(key, api);
  }
}

function createWebUtils() {
  return { getPathForFile: vi.fn((file: { name: string }) => `/stub/dropped/${file.name}`) };
}

// --- session ----------------------------------------------------------------

type HeadersListener = (
  details: { url: string; resourceType?: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]>; cancel?: boolean }) => void,
) => void;

class FakeSession {
  permissionRequestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void) | null = null;
  permissionCheckHandler: ((contents: unknown, permission: string, origin: string, details: unknown) => boolean) | null = null;
  headersListener: HeadersListener | null = null;
  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener): void => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler;
  }
  reset(): void {
    this.permissionRequestHandler = null;
    this.permissionCheckHandler = null;
    this.headersListener = null;
  }
}

// --- dialogs, shell, menu ---------------------------------------------------

function createDialog() {
  return {
    showOpenDialog: vi.fn((..._args: unknown[]) => Promise.resolve({ canceled: false, filePaths: ['/stub/gc.log'] })),
    showMessageBox: vi.fn((..._args: unknown[]) => Promise.resolve({ response: 0, checkboxChecked: false })),
    showErrorBox: vi.fn(),
    showSaveDialog: vi.fn((..._args: unknown[]) => Promise.resolve({ canceled: false, filePath: '/stub/saved' as string | undefined })),
  };
}

function createShell() {
  return { openExternal: vi.fn((_url: string) => Promise.resolve()) };
}

export interface FakeMenu {
  template: unknown[];
}

function createMenu() {
  const menu = {
    applicationMenu: null as FakeMenu | null,
    buildFromTemplate: vi.fn((template: unknown[]): FakeMenu => ({ template })),
    setApplicationMenu: vi.fn((built: FakeMenu | null) => {
      menu.applicationMenu = built;
    }),
  };
  return menu;
}

// --- the module's exports ---------------------------------------------------

function createFakes() {
  return {
    app: new FakeApp(),
    BrowserWindow: FakeBrowserWindow,
    ipcMain: new FakeIpcMain(),
    ipcRenderer: new FakeIpcRenderer(),
    contextBridge: new FakeContextBridge(),
    webUtils: createWebUtils(),
    session: { defaultSession: new FakeSession() },
    dialog: createDialog(),
    shell: createShell(),
    Menu: createMenu(),
  };
}

// One set of fakes per process, kept on globalThis: a test that calls
// vi.resetModules() and re-imports the code under test re-evaluates this file
// too, and both sides must still see the same objects.
const STUB_KEY = Symbol.for('gclens.test.electron-stub');
const holder = globalThis as { [STUB_KEY]?: ReturnType<typeof createFakes> };
const fakes = (holder[STUB_KEY] ??= createFakes());

export const app = fakes.app;
export const BrowserWindow = fakes.BrowserWindow;
export type BrowserWindow = FakeBrowserWindow;
export const ipcMain = fakes.ipcMain;
export const ipcRenderer = fakes.ipcRenderer;
export const contextBridge = fakes.contextBridge;
export const webUtils = fakes.webUtils;
export const session = fakes.session;
export const dialog = fakes.dialog;
export const shell = fakes.shell;
export const Menu = fakes.Menu;

/** Fresh state for the next test; call it in beforeEach. Modules with import-time effects must be re-imported (vi.resetModules). */
export function resetElectronStub(): void {
  app.reset();
  ipcMain.reset();
  ipcRenderer.reset();
  contextBridge.exposed.clear();
  session.defaultSession.reset();
  BrowserWindow.instances.length = 0;
  Menu.applicationMenu = null;
  for (const fn of [
    webUtils.getPathForFile,
    dialog.showOpenDialog,
    dialog.showMessageBox,
    dialog.showErrorBox,
    dialog.showSaveDialog,
    shell.openExternal,
    Menu.buildFromTemplate,
    Menu.setApplicationMenu,
  ]) {
    fn.mockClear();
  }
}
