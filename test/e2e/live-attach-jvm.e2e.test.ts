/**
 * Live attach to a JVM end to end, on real parts only: the HeapGrowth fixture
 * piles up LeakedRecords under a unified GC log (a small young generation
 * keeps collections coming), the real `gclens serve` lists it, and the
 * machine's Chromium attaches from the Processes tab, watches the heap chart
 * (from the GC log) and the jstat chart fill, takes two class histograms
 * through the UI and diffs them, and detaches, which must leave the JVM
 * running. Screenshots go to /tmp/gclens-jvm-*.png for a person to look at.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findJdks, startJavaFixture, type JavaFixture } from '../helpers/java-fixture';
import type { AppPage } from './pages/app-page';
import { e2eHarness, withFailureScreenshot } from './pages/e2e-harness';
import { LiveAttachPage } from './pages/live-attach-page';

const SCREENSHOTS = {
  processes: '/tmp/gclens-jvm-processes.png',
  charts: '/tmp/gclens-jvm-charts.png',
  diff: '/tmp/gclens-jvm-class-diff.png',
  detached: '/tmp/gclens-jvm-detached.png',
  failure: '/tmp/gclens-jvm-failure.png',
};
/** Seconds HeapGrowth adds records for: far past the test, and little enough to stay inside -Xmx. */
const GROW_SECONDS = 300;

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('live JVM attach in serve mode', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gclens-e2e-jvm-'));
  const gcLog = join(dir, 'gc.log');

  /** 5000 records a second of ~350 bytes each: a young collection every few seconds, an old generation that only grows. */
  async function startHeapGrowth(): Promise<JavaFixture> {
    const [jdk] = await findJdks();
    const fixture = await startJavaFixture(
      jdk!,
      'HeapGrowth',
      ['-Xmx1g', '-Xmn8m', '-XX:+UseParallelGC', `-Xlog:gc*:file=${gcLog}:uptime,level,tags`],
      [String(GROW_SECONDS), '5000', '200'],
    );
    await fixture.waitFor(/^ready$/m);
    return fixture;
  }

  const harness = e2eHarness({
    dir,
    // The server inherits this: its sessions go to the test's folder, not the user's.
    env: { GCLENS_SESSIONS_DIR: join(dir, 'sessions') },
    fixtures: { jvm: { start: startHeapGrowth, stop: (jvm: JavaFixture) => jvm.stop() } },
  });

  it('attaches from the process list, charts the GC log and jstat, diffs two class histograms and detaches', async () => {
    const app = await harness.newApp();
    const live = new LiveAttachPage(app);
    await app.open(harness.serve.url);
    await withFailureScreenshot(app, SCREENSHOTS.failure, () => attachAndWatch(app, live, harness.fixture('jvm')));
  }, 300_000);

  async function attachAndWatch(app: AppPage, live: LiveAttachPage, target: JavaFixture): Promise<void> {
    await live.showProcesses();
    const rowText = await live.waitForRow(target.pid, 'gc-log');
    expect(await live.row(target.pid).getAttribute('data-runtime')).toBe('jvm');
    expect(rowText).toContain('HeapGrowth');
    expect(rowText).toContain(`GC log ${gcLog}`);
    await app.screenshot(SCREENSHOTS.processes);

    const attachId = await live.attach(target.pid);
    expect(attachId).not.toBe('');
    // A JVM's tab is named by its main class, as jps names it: every JVM's program is java.
    expect(await live.tab(attachId).innerText()).toContain(`HeapGrowth · ${target.pid}`);

    // Young collections from the tailed GC log, and jstat once a second: both charts keep gaining points.
    const heap = await live.waitForHeapPoints(0);
    expect(await live.waitForHeapPoints(heap + 2, 90_000)).toBeGreaterThan(heap);
    const jstat = await live.waitForJstatPoints(0);
    expect(await live.waitForJstatPoints(jstat + 3, 60_000)).toBeGreaterThan(jstat);
    expect(await live.pausePoints()).toBeGreaterThan(0);
    await app.screenshot(SCREENSHOTS.charts);

    // Two class histograms some seconds of growth apart: LeakedRecord is among what grew most.
    await live.takeSnapshot('class-histogram');
    await live.waitForJstatPoints((await live.jstatPoints()) + 5, 60_000);
    await live.takeSnapshot('class-histogram');
    const pair = await live.diffLastTwo('class-histogram');
    expect(await app.byTestId('live-diff').getAttribute('data-base')).toBe(pair[0]);
    expect(await app.byTestId('live-diff').getAttribute('data-new')).toBe(pair[1]);
    expect(await live.topDiffRowKeys(3)).toEqual(expect.arrayContaining([expect.stringMatching(/LeakedRecord$/)]));
    await app.byTestId('live-diff').scrollIntoViewIfNeeded();
    await app.screenshot(SCREENSHOTS.diff);

    await live.detach();
    expect(await live.status.getAttribute('data-reason')).toBe('detached');
    await app.screenshot(SCREENSHOTS.detached);
    // Detach ends the attach, never the JVM: it still runs and still answers jcmd.
    expect(running(target.pid)).toBe(true);
    expect(await target.jcmd('VM.uptime')).toMatch(/\d+\.\d+ s/);
  }
});
