/**
 * Live attach end to end, on real parts only: the gcleak fixture leaks with
 * gctrace going to a file and pprof on, the real `gclens serve` finds it in
 * its process list, and the machine's Chromium attaches from the Processes
 * tab, watches the heap chart grow, diffs two heap profiles taken through the
 * UI, waits for the live analysis to call the leak, and detaches, which must
 * leave the attached program running.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium';
import { running, startLeakingGcleak, type Gcleak } from '../helpers/gcleak-process';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { AppPage } from './pages/app-page';
import { LiveAttachPage } from './pages/live-attach-page';

const SCREENSHOT = resolve(__dirname, '../../test-results/e2e-live-attach.png');
const PROCESSES_SCREENSHOT = resolve(__dirname, '../../test-results/e2e-live-attach-processes.png');
const FAILURE_SCREENSHOT = resolve(__dirname, '../../test-results/e2e-live-attach-failure.png');
/** The analysis gives no verdict on less than 30 s of data (thresholds.leak.minSpanSec), counted from the program's start. */
const VERDICT_TIMEOUT_MS = 90_000;

describe('live attach in serve mode', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gclens-e2e-live-'));
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

  it('attaches from the process list, charts live, diffs two heap profiles, calls the leak and detaches', async () => {
    const target = gcleak!;
    context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    const app = new AppPage(await context.newPage());
    const live = new LiveAttachPage(app);
    await app.open(serve!.url);
    try {
      await attachAndWatch(app, live, target);
    } catch (err) {
      await app.screenshot(FAILURE_SCREENSHOT).catch(() => undefined);
      throw err;
    }
  }, 240_000);

  async function attachAndWatch(app: AppPage, live: LiveAttachPage, target: Gcleak): Promise<void> {
    await live.showProcesses();
    const rowText = await live.waitForRow(target.pid);
    expect(await live.row(target.pid).getAttribute('data-runtime')).toBe('go');
    expect(rowText).toContain('gctrace on, stderr to a file');
    expect(rowText).toContain('gcleak');
    await app.screenshot(PROCESSES_SCREENSHOT);

    const attachId = await live.attach(target.pid);
    expect(attachId).not.toBe('');

    // The charts follow the gctrace as it grows: points keep coming after the first ones.
    const first = await live.waitForHeapPoints(0);
    const later = await live.waitForHeapPoints(first + 3, 30_000);
    expect(later).toBeGreaterThan(first);
    expect(await live.pausePoints()).toBeGreaterThan(0);

    // Two heap profiles a few seconds apart: the leaking function grew most.
    await live.takeSnapshot('heap');
    await app.page.waitForTimeout(4000);
    await live.takeSnapshot('heap');
    const pair = await live.diffLastTwo('heap');
    expect(await app.byTestId('live-diff').getAttribute('data-base')).toBe(pair[0]);
    expect(await app.byTestId('live-diff').getAttribute('data-new')).toBe(pair[1]);
    expect(await live.topDiffRowKey()).toBe('main.retainHeader');

    const verdict = await live.waitForVerdict('leak', VERDICT_TIMEOUT_MS);
    expect(verdict).toMatch(/Leak/);
    expect(await live.findingRules()).toContain('memory-leak');
    await app.screenshot(SCREENSHOT);

    await live.detach();
    expect(await live.status.getAttribute('data-reason')).toBe('detached');
    // The tab keeps what was recorded, and says where.
    expect(await live.heapPoints()).toBeGreaterThanOrEqual(later);
    const sessionDir = await live.sessionDir();
    expect(sessionDir.startsWith(join(dir, 'sessions'))).toBe(true);
    expect(existsSync(join(sessionDir, 'manifest.json'))).toBe(true);
    // Detach ends the attach, never an attached program.
    expect(target.child.exitCode).toBeNull();
    expect(running(target.pid)).toBe(true);
  }
});
