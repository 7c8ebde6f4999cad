/**
 * The first vertical slice end to end, on real parts only: a real Go program
 * writes a real gctrace, the real `gclens serve` process serves the built
 * renderer, and the machine's Chromium opens the file through the page's file
 * input. The expected numbers come from the raw file by a small regex of this
 * test's own, never from the app's parser.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium';
import { runGctraceFixture, type GctraceRun } from '../helpers/go-fixture';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { AppPage } from './pages/app-page';

const SCREENSHOT = resolve(__dirname, '../../test-results/e2e-open-gctrace.png');
const MAX_CHART_POINTS = 2000;

interface TraceFacts {
  cycles: number;
  forced: number;
  totalPauseMs: number;
  maxPauseMs: number;
  lastGcCpuPercent: number;
  otherLines: number;
}

/**
 * Go's gctrace line (runtime/mgc.go, gcMarkTermination):
 * `gc N @Ts P%: a+b+c ms clock, …`. The STW pause is a + c: the sweep
 * termination and mark termination phases.
 */
function factsFrom(trace: string): TraceFacts {
  const facts: TraceFacts = { cycles: 0, forced: 0, totalPauseMs: 0, maxPauseMs: 0, lastGcCpuPercent: NaN, otherLines: 0 };
  for (const line of trace.split('\n')) {
    if (line.trim() === '') continue;
    const m = /^gc \d+ @[\d.]+s (\d+)%: ([\d.]+)\+[\d.]+\+([\d.]+) ms clock,/.exec(line);
    if (!m) {
      facts.otherLines++;
      continue;
    }
    const pauseMs = Number(m[2]) + Number(m[3]);
    facts.cycles++;
    facts.totalPauseMs += pauseMs;
    facts.maxPauseMs = Math.max(facts.maxPauseMs, pauseMs);
    facts.lastGcCpuPercent = Number(m[1]);
    if (/ \(forced\)$/.test(line)) facts.forced++;
  }
  return facts;
}

function expectClose(actual: number, expected: number, relative: number, what: string): void {
  const tolerance = relative * Math.max(Math.abs(expected), Number.MIN_VALUE);
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

describe('opening a gctrace in serve mode', () => {
  let trace: GctraceRun;
  let facts: TraceFacts;
  let serve: ServeProcess | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let app: AppPage;

  beforeAll(async () => {
    // Fixture first: its ~3 s run and the server and browser start overlap.
    const logPath = join(mkdtempSync(join(tmpdir(), 'gclens-e2e-')), 'gcleak-leak.gctrace.log');
    const fixtureRun = runGctraceFixture({ mode: 'leak', durationMs: 3000, logPath });
    const started = await Promise.allSettled([startServe(), launchChromium()]);
    if (started[0].status === 'fulfilled') serve = started[0].value;
    if (started[1].status === 'fulfilled') browser = started[1].value;
    trace = await fixtureRun;
    for (const outcome of started) if (outcome.status === 'rejected') throw outcome.reason;
    facts = factsFrom(trace.stderr);
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  beforeEach(async () => {
    context = await browser!.newContext({ viewport: { width: 1280, height: 860 } });
    app = new AppPage(await context.newPage());
  });

  afterEach(async () => {
    await context?.close();
  });

  it('wrote a real gctrace with many cycles and a forced one', () => {
    expect(facts.otherLines, 'lines in the fixture gctrace that are not `gc N @` lines').toBe(0);
    expect(facts.cycles).toBeGreaterThan(10);
    expect(facts.forced).toBeGreaterThanOrEqual(1);
    // The runtime's own counters, printed by the fixture as it exits, agree with the file.
    const counters = /num_gc=(\d+) num_forced_gc=(\d+)/.exec(trace.stdout);
    expect(counters, `fixture stdout: ${trace.stdout}`).not.toBeNull();
    expect(facts.cycles).toBeGreaterThanOrEqual(Number(counters![1]));
    expect(facts.forced).toBe(Number(counters![2]));
  });

  it('answers 401 to requests without the token', async () => {
    const s = serve!;
    for (const path of ['/', '/index.html', '/ws', '/?token=wrong-token-0123456789']) {
      const res = await fetch(`${s.origin}${path}`);
      expect(res.status, `GET ${path} without the token`).toBe(401);
    }
    const upload = await fetch(`${s.origin}/upload`, { method: 'POST', body: 'gc 1 @0.1s 0%: 0+0+0 ms clock' });
    expect(upload.status, 'POST /upload without the token').toBe(401);
    const page = await fetch(s.url);
    expect(page.status, 'GET with the token').toBe(200);
  });

  it('shows the cycles, pauses and charts the file holds', async () => {
    await app.open(serve!.url);
    await app.openFile(trace.logPath);
    await app.waitForCharts();

    expect(await app.errorVisible()).toBe(false);
    expect(await app.fileNames()).toContain(basename(trace.logPath));

    const summary = await app.summary();
    expect(summary.cycles).toBe(facts.cycles);
    expectClose(summary.totalPauseMs, facts.totalPauseMs, 1e-6, 'total pause (ms)');
    // The same two decimals added the same way: equal but for float rounding.
    expectClose(summary.maxPauseMs, facts.maxPauseMs, 1e-9, 'max pause (ms)');
    expect(summary.gcCpuPercent).toBe(facts.lastGcCpuPercent);
    expect(summary.unknownLines).toBe(facts.otherLines);

    const points = await app.chartPoints();
    expect(points.heap).toBeGreaterThan(0);
    expect(points.pause).toBeGreaterThan(0);
    if (facts.cycles <= MAX_CHART_POINTS) {
      expect(points.heap).toBe(facts.cycles);
      expect(points.pause).toBe(facts.cycles);
    } else {
      expect(points.heap).toBeLessThanOrEqual(MAX_CHART_POINTS);
      expect(points.pause).toBeLessThanOrEqual(MAX_CHART_POINTS);
    }

    await app.screenshot(SCREENSHOT);
  });

  it('names the file when it is not a gctrace', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gclens-e2e-')), 'hello-not-gctrace.txt');
    writeFileSync(path, 'hello world\n');

    await app.open(serve!.url);
    await app.openFile(path);
    const message = await app.waitForError();
    expect(message).toContain('hello-not-gctrace.txt');
  });
});
