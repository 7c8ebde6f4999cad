/**
 * The main window: its hardened options, the one URL it may show, and the
 * Content-Security-Policy that URL is served with.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';

/** Built by electron-vite next to out/main/index.js; CJS because a sandboxed preload cannot be ESM. */
export const PRELOAD_PATH = join(__dirname, '../preload/index.cjs');
export const RENDERER_HTML_PATH = join(__dirname, '../renderer/index.html');

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 560,
    title: 'gclens',
    // Shown on ready-to-show so the user never sees a blank white frame.
    show: false,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      preload: preloadPath,
    },
  };
}

/**
 * The electron-vite dev server, when running `electron-vite dev`. A packaged
 * app ignores the variable: an environment must not be able to point the
 * window, and its preload, at some other page.
 */
export function devServerUrl(): string | null {
  const raw = process.env.ELECTRON_RENDERER_URL;
  if (!raw || app.isPackaged) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The one page the window shows: the dev server, or the built renderer on disk. */
export function appUrl(devUrl: string | null = devServerUrl()): string {
  return devUrl ?? pathToFileURL(RENDERER_HTML_PATH).href;
}

/**
 * Whether `candidate` is the app's own page. A file: URL has no origin worth
 * comparing ("null"), so there the exact file must match; the dev server is
 * matched by origin because Vite serves modules from many paths.
 */
export function isAppUrl(candidate: string, ownUrl: string): boolean {
  let url: URL;
  let own: URL;
  try {
    url = new URL(candidate);
    own = new URL(ownUrl);
  } catch {
    return false;
  }
  if (own.protocol === 'file:') {
    const path = filePathOf(url);
    return url.protocol === 'file:' && url.host === own.host && path !== null && path === filePathOf(own);
  }
  return url.origin === own.origin;
}

/** Decoded, and case-folded where the file system ignores case, so two spellings of one file agree. */
function filePathOf(url: URL): string | null {
  try {
    const path = decodeURIComponent(url.pathname);
    return process.platform === 'win32' ? path.toLowerCase() : path;
  } catch {
    return null;
  }
}

/**
 * The renderer's policy. recharts sets inline style attributes, hence
 * style-src 'unsafe-inline'. The dev server additionally needs eval and an
 * inline module script (Vite HMR and the React Refresh preamble) and a
 * WebSocket back to itself.
 */
export function contentSecurityPolicy(devUrl: string | null): string {
  const dev = devUrl ? new URL(devUrl) : null;
  const script = dev ? "script-src 'self' 'unsafe-eval' 'unsafe-inline'" : "script-src 'self'";
  const connect = dev ? `connect-src 'self' ${dev.protocol === 'https:' ? 'wss:' : 'ws:'}//${dev.host}` : "connect-src 'self'";
  return [
    "default-src 'self'",
    script,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    connect,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * `beforeLoad` runs before the first page load so navigation and window-open
 * guards are in place before any renderer code runs.
 */
export function createMainWindow(beforeLoad?: (win: BrowserWindow) => void): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(PRELOAD_PATH));
  win.once('ready-to-show', () => win.show());
  beforeLoad?.(win);
  const devUrl = devServerUrl();
  const loading = devUrl ? win.loadURL(devUrl) : win.loadFile(RENDERER_HTML_PATH);
  loading.catch((err: unknown) => {
    console.error(`gclens: could not load the window: ${err instanceof Error ? err.message : String(err)}`);
  });
  return win;
}
