/**
 * The verdict and findings in the app, on real parts: the gcleak Go fixture
 * runs 40 s leaking and 40 s healthy (the leak rule wants 30 s at least),
 * the real `gclens serve` serves the built renderer, and the machine's
 * Chromium opens each gctrace. Clicking the leak's evidence must mark its
 * time on both charts and show the exact lines of the file, read here by the
 * test itself.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium';
import { runGctraceFixture, type GctraceRun } from '../helpers/go-fixture';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { AppPage } from './pages/app-page';
import { FindingsPage } from './pages/findings-page';

const SCREENSHOT = resolve(__dirname, '../../test-results/e2e-findings.png');
const HEALTHY_SCREENSHOT = resolve(__dirname, '../../test-results/e2e-findings-healthy.png');
const DURATION_MS = 40_000;

/** The `@T` seconds of a gctrace line (runtime/mgc.go: `gc N @Ts P%: …`). */
function startOf(line: string): number {
  const m = /^gc \d+ @([\d.]+)s /.exec(line);
  if (!m) throw new Error(`not a gctrace cycle line: ${line}`);
  return Number(m[1]);
}

describe('verdict and findings of real gctraces in serve mode', () => {
  let leak: GctraceRun;
  let healthy: GctraceRun;
  let serve: ServeProcess | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let app: AppPage;
  let findings: FindingsPage;

  beforeAll(async () => {
    // Both fixture runs, the server and the browser start together: the runs take the 40 s.
    const runs = Promise.all([
      runGctraceFixture({ mode: 'leak', durationMs: DURATION_MS }),
      runGctraceFixture({ mode: 'healthy', durationMs: DURATION_MS }),
    ]);
    const started = await Promise.allSettled([startServe(), launchChromium()]);
    if (started[0].status === 'fulfilled') serve = started[0].value;
    if (started[1].status === 'fulfilled') browser = started[1].value;
    [leak, healthy] = await runs;
    for (const outcome of started) if (outcome.status === 'rejected') throw outcome.reason;
  }, 170_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  beforeEach(async () => {
    context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    app = new AppPage(await context.newPage());
    findings = new FindingsPage(app);
  });

  afterEach(async () => {
    await context?.close();
  });

  it('a leaking run: leak verdict; its evidence marks both charts and shows the exact lines', async () => {
    await app.open(serve!.url);
    await app.openFile(leak.logPath);
    await app.waitForCharts();

    expect(await findings.verdictKind(), await findings.verdictText()).toBe('leak');
    expect(await findings.verdictConfidence()).toBeGreaterThan(0.5);
    expect(await findings.verdictText()).toMatch(/Leak: the live heap rises steadily/);
    expect(await findings.rules()).toContain('memory-leak');
    // A metric the run gives is a number; one it cannot (no limit was given, no committed heap in gctrace) is a dash.
    expect((await findings.metric('pause-p99')).value).not.toBe('');
    expect(await findings.metric('footprint')).toEqual({ text: '—', value: '' });

    expect(await findings.highlights()).toEqual({ heap: null, pause: null });
    const item = await findings.openEvidence('memory-leak');
    const from = Number(await item.getAttribute('data-line-from'));
    const to = Number(await item.getAttribute('data-line-to'));
    expect(await item.getAttribute('data-artifact')).toBe(basename(leak.logPath));

    // The lines shown are the file's own lines, starting where the evidence says.
    const fileLines = readFileSync(leak.logPath, 'utf8').split('\n');
    const shown = await findings.evidenceLines('memory-leak');
    expect(shown.length).toBe(Math.min(200, to - from + 1));
    expect(shown[0]!.line).toBe(from);
    for (const { line, text } of shown) expect(text, `line ${line}`).toBe(fileLines[line - 1]);

    // Both charts mark the evidence's time: from the first cited cycle's @T.
    const highlights = await findings.highlights();
    expect(highlights.heap).not.toBeNull();
    expect(highlights.pause).toBe(highlights.heap);
    const [markFrom, markTo] = highlights.heap!.split('-').map(Number) as [number, number];
    expect(markFrom).toBeCloseTo(startOf(fileLines[from - 1]!), 3);
    expect(markTo).toBeGreaterThanOrEqual(startOf(fileLines[to - 1]!));
    expect(markTo).toBeLessThan(startOf(fileLines[to - 1]!) + 1);
    expect(await findings.highlightBands()).toEqual({ heap: 1, pause: 1 });
    expect(await app.byTestId('evidence-highlight').count(), 'the key under each chart title').toBe(2);

    await app.screenshot(SCREENSHOT);

    // Closing the evidence clears the marks.
    await item.click();
    expect(await findings.highlights()).toEqual({ heap: null, pause: null });
    expect(await findings.highlightBands()).toEqual({ heap: 0, pause: 0 });
    expect(await app.byTestId('evidence-lines').count()).toBe(0);
  });

  it('a healthy run: never a leak', async () => {
    await app.open(serve!.url);
    await app.openFile(healthy.logPath);
    await app.waitForCharts();

    expect(await findings.verdictKind(), await findings.verdictText()).not.toBe('leak');
    expect(await findings.rules()).not.toContain('memory-leak');
    expect(await findings.rules()).not.toContain('goroutine-leak');
    await app.screenshot(HEALTHY_SCREENSHOT);
  });
});
