import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { app, BrowserWindow, resetElectronStub } from '../../test/stubs/electron';
import {
  appUrl,
  contentSecurityPolicy,
  createMainWindow,
  devServerUrl,
  isAppUrl,
  mainWindowOptions,
  PRELOAD_PATH,
  RENDERER_HTML_PATH,
} from './window';

const savedRendererUrl = process.env.ELECTRON_RENDERER_URL;

beforeEach(() => {
  resetElectronStub();
  delete process.env.ELECTRON_RENDERER_URL;
});

afterEach(() => {
  if (savedRendererUrl === undefined) delete process.env.ELECTRON_RENDERER_URL;
  else process.env.ELECTRON_RENDERER_URL = savedRendererUrl;
});

describe('mainWindowOptions', () => {
  it('locks the renderer down and uses the given preload', () => {
    const options = mainWindowOptions('/app/out/preload/index.cjs');
    expect(options.webPreferences).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      preload: '/app/out/preload/index.cjs',
    });
    expect(options.show).toBe(false);
  });
});

describe('createMainWindow', () => {
  it('builds the window from mainWindowOptions with the built CJS preload and loads the renderer file', () => {
    const seen: unknown[] = [];
    const win = createMainWindow((created) => seen.push(created));
    const fake = BrowserWindow.instances[0]!;
    expect(BrowserWindow.instances).toHaveLength(1);
    expect(fake.options).toEqual(mainWindowOptions(PRELOAD_PATH));
    expect(PRELOAD_PATH.replace(/\\/g, '/')).toMatch(/\/preload\/index\.cjs$/);
    expect(RENDERER_HTML_PATH.replace(/\\/g, '/')).toMatch(/\/renderer\/index\.html$/);
    // The guards are installed before the first load starts.
    expect(seen).toEqual([win]);
    expect(fake.loadFile).toHaveBeenCalledWith(RENDERER_HTML_PATH);
    expect(fake.loadURL).not.toHaveBeenCalled();
    fake.emit('ready-to-show');
    expect(fake.show).toHaveBeenCalledOnce();
  });

  it('loads the dev server in development', () => {
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173';
    createMainWindow();
    const fake = BrowserWindow.instances[0]!;
    expect(fake.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
    expect(fake.loadFile).not.toHaveBeenCalled();
  });
});

describe('devServerUrl', () => {
  it('is ignored by a packaged app and when it is not http(s)', () => {
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173';
    expect(devServerUrl()).toBe('http://localhost:5173/');
    app.isPackaged = true;
    expect(devServerUrl()).toBeNull();
    app.isPackaged = false;
    process.env.ELECTRON_RENDERER_URL = 'file:///etc/passwd';
    expect(devServerUrl()).toBeNull();
    process.env.ELECTRON_RENDERER_URL = 'not a url';
    expect(devServerUrl()).toBeNull();
  });
});

describe('isAppUrl', () => {
  const fileApp = pathToFileURL('/opt/gclens/out/renderer/index.html').href;

  it('accepts only the built index.html for a file: app, whatever its hash or query', () => {
    expect(isAppUrl(fileApp, fileApp)).toBe(true);
    expect(isAppUrl(`${fileApp}#/diff`, fileApp)).toBe(true);
    expect(isAppUrl(`${fileApp}?x=1`, fileApp)).toBe(true);
    expect(isAppUrl('file:///opt/gclens/out/renderer/other.html', fileApp)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', fileApp)).toBe(false);
    expect(isAppUrl('file://evil-host/opt/gclens/out/renderer/index.html', fileApp)).toBe(false);
    expect(isAppUrl('https://example.com/', fileApp)).toBe(false);
    expect(isAppUrl('garbage', fileApp)).toBe(false);
    expect(isAppUrl('file:///opt/gclens/out/renderer/%E0%A4%A.html', fileApp)).toBe(false);
  });

  it('treats two spellings of the same file alike', () => {
    const spaced = pathToFileURL('/home/on call/gclens/out/renderer/index.html').href;
    expect(isAppUrl('file:///home/on call/gclens/out/renderer/index.html', spaced)).toBe(true);
    expect(isAppUrl('file:///home/on%20call/gclens/out/renderer/%69ndex.html', spaced)).toBe(true);
  });

  it('matches the dev server by origin', () => {
    const dev = 'http://localhost:5173/';
    expect(isAppUrl('http://localhost:5173/src/App.tsx', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', dev)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/', dev)).toBe(false);
  });

  it('appUrl is the dev server when given, else the renderer file', () => {
    expect(appUrl('http://localhost:5173/')).toBe('http://localhost:5173/');
    expect(appUrl(null)).toBe(pathToFileURL(RENDERER_HTML_PATH).href);
  });
});

describe('contentSecurityPolicy', () => {
  const directives = (policy: string): Map<string, string> =>
    new Map(policy.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values.join(' ')];
    }));

  it('is strict in production', () => {
    const csp = directives(contentSecurityPolicy(null));
    expect(Object.fromEntries(csp)).toEqual({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data:",
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
      'form-action': "'none'",
    });
  });

  it('relaxes scripts and connections only for the dev server', () => {
    const csp = directives(contentSecurityPolicy('http://localhost:5173/'));
    expect(csp.get('script-src')).toBe("'self' 'unsafe-eval' 'unsafe-inline'");
    expect(csp.get('connect-src')).toBe("'self' ws://localhost:5173");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
  });
});
