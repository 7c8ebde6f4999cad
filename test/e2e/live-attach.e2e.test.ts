/**
 * Live attach end to end, on real parts only: the gcleak fixture leaks with
 * gctrace going to a file and pprof on, the real `gclens serve` finds it in
 * its process list, and the machine's Chromium attaches from the Processes
 * tab, watches the heap chart grow, diffs two heap profiles taken through the
 * UI, waits for the live analysis to call the leak, and detaches, which must
 * leave the attached program running.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { running, startLeakingGcleak, type Gcleak } from '../helpers/gcleak-process';
import type { AppPage } from './pages/app-page';
import { e2eHarness, withFailureScreenshot } from './pages/e2e-harness';
import { LiveAttachPage } from './pages/live-attach-page';

const SCREENSHOT = resolve(__dirname, '../../test-results/e2e-live-attach.png');
const PROCESSES_SCREENSHOT = resolve(__dirname, '../../test-results/e2e-live-attach-processes.png');
const FAILURE_SCREENSHOT = resolve(__dirname, '../../test-results/e2e-live-attach-failure.png');
/** The analysis gives no verdict on less than 30 s of data (thresholds.leak.minSpanSec), counted from the program's start. */
const VERDICT_TIMEOUT_MS = 90_000;

describe('live attach in serve mode', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gclens-e2e-live-'));
  const harness = e2eHarness({
    dir,
    // The server inherits this: its sessions go to the test's folder, not the user's.
    env: { GCLENS_SESSIONS_DIR: join(dir, 'sessions') },
    fixtures: { gcleak: { start: () => startLeakingGcleak(join(dir, 'gcleak.stderr.log')), stop: (gcleak: Gcleak) => gcleak.kill() } },
  });

  it('attaches from the process list, charts live, diffs two heap profiles, calls the leak and detaches', async () => {
    const target = harness.fixture('gcleak');
    const app = await harness.newApp();
    const live = new LiveAttachPage(app);
    await app.open(harness.serve.url);
    await withFailureScreenshot(app, FAILURE_SCREENSHOT, () => attachAndWatch(app, live, target));
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
