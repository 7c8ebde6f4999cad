/**
 * A reload forgets no attach: Chromium attaches to the leaking gcleak fixture
 * through the real `gclens serve`, the page is reloaded while the backend
 * keeps recording, and the attach's tab comes back with its heap chart filled
 * from session:state, keeps gaining points from session:update, and detaches,
 * leaving the program running.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { running, startLeakingGcleak, type Gcleak } from '../helpers/gcleak-process';
import type { AppPage } from './pages/app-page';
import { e2eHarness, withFailureScreenshot } from './pages/e2e-harness';
import { LiveAttachPage } from './pages/live-attach-page';

const SCREENSHOT = resolve(__dirname, '../../test-results/e2e-live-attach-reload.png');
const FAILURE_SCREENSHOT = resolve(__dirname, '../../test-results/e2e-live-attach-reload-failure.png');

describe('live attach across a page reload', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gclens-e2e-reload-'));
  const harness = e2eHarness({
    dir,
    // The server inherits this: its sessions go to the test's folder, not the user's.
    env: { GCLENS_SESSIONS_DIR: join(dir, 'sessions') },
    fixtures: { gcleak: { start: () => startLeakingGcleak(join(dir, 'gcleak.stderr.log')), stop: (gcleak: Gcleak) => gcleak.kill() } },
  });

  it('brings the attach tab back after a reload, charts and all, still live and detachable', async () => {
    const app = await harness.newApp();
    const live = new LiveAttachPage(app);
    await app.open(harness.serve.url);
    await withFailureScreenshot(app, FAILURE_SCREENSHOT, () => attachReloadAndDetach(app, live, harness.fixture('gcleak')));
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
