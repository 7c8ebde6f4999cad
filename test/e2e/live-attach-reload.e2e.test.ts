/**
 * A reload forgets no attach: Chromium attaches to the leaking gcleak fixture
 * through the real `gclens serve`, the page is reloaded while the backend
 * keeps recording, and the attach's tab comes back with its heap chart filled
 * from session:state, keeps gaining points from session:update, and detaches,
 * leaving the program running.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium';
import { running, startLeakingGcleak, type Gcleak } from '../helpers/gcleak-process';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { AppPage } from './pages/app-page';
import { LiveAttachPage } from './pages/live-attach-page';

const SCREENSHOT = resolve(__dirname, '../../test-results/e2e-live-attach-reload.png');
const FAILURE_SCREENSHOT = resolve(__dirname, '../../test-results/e2e-live-attach-reload-failure.png');

describe('live attach across a page reload', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gclens-e2e-reload-'));
  let gcleak: Gcleak | undefined;
  let serve: ServeProcess | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  const sessionsBefore = process.env.GCLENS_SESSIONS_DIR;

  beforeAll(async () => {
    // The server inherits this: its sessions go to the test's folder, not the user's.
    process.env.GCLENS_SESSIONS_DIR = join(dir, 'sessions');
    const started = await Promise.allSettled([startLeakingGcleak(join(dir, 'gcleak.stderr.log')), startServe(), launchChromium()]);
    if (started[0].status === 'fulfilled') gcleak = started[0].value;
    if (started[1].status === 'fulfilled') serve = started[1].value;
    if (started[2].status === 'fulfilled') browser = started[2].value;
    for (const outcome of started) if (outcome.status === 'rejected') throw outcome.reason;
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await serve?.stop();
    await gcleak?.kill();
    if (sessionsBefore === undefined) delete process.env.GCLENS_SESSIONS_DIR;
    else process.env.GCLENS_SESSIONS_DIR = sessionsBefore;
    rmSync(dir, { recursive: true, force: true });
  });

  it('brings the attach tab back after a reload, charts and all, still live and detachable', async () => {
    context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    const app = new AppPage(await context.newPage());
    const live = new LiveAttachPage(app);
    await app.open(serve!.url);
    try {
      await attachReloadAndDetach(app, live, gcleak!);
    } catch (err) {
      await app.screenshot(FAILURE_SCREENSHOT).catch(() => undefined);
      throw err;
    }
  }, 240_000);

  async function attachReloadAndDetach(app: AppPage, live: LiveAttachPage, target: Gcleak): Promise<void> {
    await live.showProcesses();
    await live.waitForRow(target.pid);
    const attachId = await live.attach(target.pid);
    expect(attachId).not.toBe('');
    const beforeReload = await live.waitForHeapPoints(2);

    await app.reload();
    // The new page took the attach back: one tab for it, its chart drawn at once from session:state
    // (an update carries only the points since the last one).
    await live.showAttach(attachId);
    expect(await app.page.locator('[data-testid="attach-tab"]').count()).toBe(1);
    expect(await live.status.getAttribute('data-status')).toBe('live');
    const afterReload = await live.heapPoints();
    expect(afterReload).toBeGreaterThanOrEqual(beforeReload);
    // And session:update keeps feeding it.
    const later = await live.waitForHeapPoints(afterReload + 3, 30_000);
    expect(later).toBeGreaterThan(afterReload);
    expect(await live.pausePoints()).toBeGreaterThan(0);
    await app.screenshot(SCREENSHOT);

    await live.detach();
    expect(await live.status.getAttribute('data-reason')).toBe('detached');
    expect(target.child.exitCode).toBeNull();
    expect(running(target.pid)).toBe(true);
  }
});
