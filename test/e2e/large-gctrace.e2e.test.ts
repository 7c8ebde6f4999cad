/**
 * A million-cycle gctrace through serve mode in real Chromium: the file
 * streams up and through the parser, progress keeps arriving while it is
 * read (the page is never frozen), and neither chart is handed more than
 * MAX_CHART_POINTS points. The expected totals are counted while the file is
 * written, not by the app.
 */
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { AppPage } from './pages/app-page';

const CYCLES = 1_000_000;
const MAX_CHART_POINTS = 2000;

async function writeMillionCycleTrace(path: string): Promise<{ totalPauseMs: number; maxPauseMs: number }> {
  const out = createWriteStream(path);
  let totalPauseMs = 0;
  let maxPauseMs = 0;
  for (let n = 1; n <= CYCLES; n++) {
    // Whole microseconds keep the expected sum exact to compare.
    const sweepTermUs = 20 + (n % 37);
    const markTermUs = n % 250_000 === 0 ? 95_000 : 30 + (n % 53);
    const pauseMs = (sweepTermUs + markTermUs) / 1000;
    totalPauseMs += pauseMs;
    maxPauseMs = Math.max(maxPauseMs, pauseMs);
    const live = 40 + ((n >> 12) % 200);
    const line =
      `gc ${n} @${(n * 0.05).toFixed(3)}s 4%: ${(sweepTermUs / 1000).toFixed(3)}+1.5+${(markTermUs / 1000).toFixed(3)} ms clock, ` +
      `0.1+0.4/1.2/2.5+0.2 ms cpu, ${live * 2}->${live * 2 + 3}->${live} MB, ${live * 2} MB goal, 1 MB stacks, 0 MB globals, 8 P\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { totalPauseMs, maxPauseMs };
}

describe('a million-cycle gctrace in serve mode', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gclens-e2e-large-'));
  const path = join(dir, 'million.gctrace.log');
  let expected: { totalPauseMs: number; maxPauseMs: number };
  let serve: ServeProcess;
  let browser: Browser;

  beforeAll(async () => {
    expected = await writeMillionCycleTrace(path);
    [serve, browser] = await Promise.all([startServe(), launchChromium()]);
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens with progress, at most MAX_CHART_POINTS per chart, and the right totals', async () => {
    const app = new AppPage(await browser.newPage());
    await app.open(serve.url);
    await app.openFile(path);

    // While the backend reads, the page keeps rendering its progress: sample it.
    const seen = new Set<string>();
    while (!(await app.byTestId('heap-chart').count())) {
      // A string, as it runs in the page (this file is type-checked without DOM types).
      const progress = await app.page.evaluate<string | null>(`(() => {
        const el = document.querySelector('[data-testid="progress"]');
        return el ? el.getAttribute('data-phase') + ':' + (el.querySelector('progress')?.getAttribute('value') ?? '') : null;
      })()`);
      if (progress?.startsWith('reading:')) seen.add(progress);
      if (await app.errorVisible()) throw new Error(await app.errorText());
      await app.page.waitForTimeout(50);
    }
    await app.waitForCharts();
    expect(seen.size, `distinct reading progress values seen: ${[...seen].join(', ')}`).toBeGreaterThan(1);

    const points = await app.chartPoints();
    expect(points.heap).toBeLessThanOrEqual(MAX_CHART_POINTS);
    expect(points.pause).toBeLessThanOrEqual(MAX_CHART_POINTS);
    expect(points.heap).toBeGreaterThan(MAX_CHART_POINTS / 4);
    expect(points.pause).toBeGreaterThan(MAX_CHART_POINTS / 4);

    const summary = await app.summary();
    expect(summary.cycles).toBe(CYCLES);
    expect(summary.unknownLines).toBe(0);
    expect(summary.maxPauseMs).toBeCloseTo(expected.maxPauseMs, 9);
    expect(Math.abs(summary.totalPauseMs - expected.totalPauseMs) / expected.totalPauseMs).toBeLessThan(1e-9);
  });
});
