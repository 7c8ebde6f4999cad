/**
 * Compare snapshots end to end, on real parts: the real `gclens serve`
 * process, the machine's Chromium, real Go profiles and goroutine dumps of
 * the memleak fixture (src/main/snapshots/go/testdata), and two generated
 * 100k-class histograms. Expected values come from elsewhere than the page:
 * the pprof delta from `gclens diff --json` (the same core through the CLI;
 * its numbers are checked against `go tool pprof` in pprof-oracle.test.ts),
 * the goroutine delta from counting the dumps here, the histogram rows from
 * how this test wrote them.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SnapshotDiff } from '../../src/shared/snapshot';
import { launchChromium } from '../helpers/chromium';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { AppPage } from './pages/app-page';
import { SnapshotDiffPage } from './pages/snapshot-diff-page';

const REPO_ROOT = resolve(__dirname, '../..');
const TESTDATA = join(REPO_ROOT, 'src/main/snapshots/go/testdata');
const HEAP_1 = join(TESTDATA, 'memleak-1.heap.pb.gz');
const HEAP_2 = join(TESTDATA, 'memleak-2.heap.pb.gz');
const GOROUTINES_1 = join(TESTDATA, 'memleak-1.goroutine-debug2.txt');
const GOROUTINES_2 = join(TESTDATA, 'memleak-2.goroutine-debug2.txt');
const SCREENSHOT = resolve(REPO_ROOT, 'test-results/e2e-snapshot-diff.png');
const SCREENSHOT_GOROUTINES = resolve(REPO_ROOT, 'test-results/e2e-snapshot-diff-goroutines.png');
const SCREENSHOT_CLASSES = resolve(REPO_ROOT, 'test-results/e2e-snapshot-diff-classes.png');
const SCREENSHOT_ERROR = resolve(REPO_ROOT, 'test-results/e2e-snapshot-diff-error.png');

const CLASSES = 100_000;
/** Far fewer than the rows: the table renders only its visible slice. */
const MAX_DOM_ROWS = 200;

async function cliDiff(base: string, next: string): Promise<SnapshotDiff> {
  const { stdout } = await promisify(execFile)(process.execPath, [join(REPO_ROOT, 'bin/gclens.js'), 'diff', base, next, '--json'], {
    cwd: REPO_ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as SnapshotDiff;
}

/**
 * Goroutines parked in `state` whose stack holds `fn`, counted in a
 * `goroutine?debug=2` dump: one `goroutine N [state…]:` block per goroutine.
 */
function countGoroutines(path: string, state: string, fn: string): number {
  const blocks = readFileSync(path, 'utf8').split(/\n\s*\n/);
  return blocks.filter((block) => {
    const header = /^goroutine \d+ \[([^,\]]+)/.exec(block.trim());
    return header?.[1] === state && block.includes(`\n${fn}(`);
  }).length;
}

function className(i: number): string {
  return `com.example.generated.Leaf${String(i).padStart(6, '0')}`;
}

/**
 * A `jcmd GC.class_histogram` of CLASSES distinct classes. Class i has
 * 60,000 instances of 24 bytes in the base, and i - 50,000 more in the new
 * one: every delta differs, Leaf099999 grew most, Leaf000000 shrank most.
 */
function writeHistogram(path: string, side: 'base' | 'new'): void {
  const rows: { name: string; instances: number }[] = [];
  for (let i = 0; i < CLASSES; i++) rows.push({ name: className(i), instances: side === 'base' ? 60_000 : 10_000 + i });
  rows.sort((a, b) => b.instances - a.instances || (a.name < b.name ? -1 : 1));
  const lines = ['12345:', ' num     #instances         #bytes  class name (module)', '-------------------------------------------------------'];
  let instances = 0;
  rows.forEach((row, n) => {
    lines.push(`${String(n + 1).padStart(6)}: ${String(row.instances).padStart(13)} ${String(row.instances * 24).padStart(14)}  ${row.name}`);
    instances += row.instances;
  });
  lines.push(`Total ${String(instances).padStart(13)} ${String(instances * 24).padStart(14)}`);
  writeFileSync(path, `${lines.join('\n')}\n`);
}

describe('comparing snapshots in serve mode', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gclens-e2e-snapshots-'));
  const histogramBase = join(dir, 'classes-base.histo.txt');
  const histogramNew = join(dir, 'classes-new.histo.txt');
  let serve: ServeProcess | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let app: AppPage;
  let snapshots: SnapshotDiffPage;

  beforeAll(async () => {
    writeHistogram(histogramBase, 'base');
    writeHistogram(histogramNew, 'new');
    const started = await Promise.allSettled([startServe(), launchChromium()]);
    if (started[0].status === 'fulfilled') serve = started[0].value;
    if (started[1].status === 'fulfilled') browser = started[1].value;
    for (const outcome of started) if (outcome.status === 'rejected') throw outcome.reason;
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    context = await browser!.newContext({ viewport: { width: 1280, height: 860 } });
    app = new AppPage(await context.newPage());
    snapshots = new SnapshotDiffPage(app);
    await app.open(serve!.url);
    await snapshots.show();
  });

  afterEach(async () => {
    await context?.close();
  });

  it('puts main.retainHeader on top of two heap profiles, with the CLI’s delta', async () => {
    const expected = await cliDiff(HEAP_1, HEAP_2);
    const retain = expected.rows.find((row) => row.key === 'main.retainHeader');
    expect(expected.rows[0]?.key, 'the CLI’s top grower').toBe('main.retainHeader');

    await snapshots.openPair(HEAP_1, HEAP_2);
    await snapshots.waitForDiff('function');
    expect(await snapshots.summaryKind('base')).toBe('pprof');
    expect(await snapshots.summaryText('new')).toContain('memleak-2.heap.pb.gz');
    expect(await snapshots.summaryText('new')).toContain('inuse_space');

    const top = await snapshots.topRow();
    expect(top.key).toBe('main.retainHeader');
    expect(top.delta).toBe(retain!.delta);
    expect(top.top).toBe(1);
    expect(await snapshots.rowCount()).toBe(expected.rows.length);
    expect(await snapshots.totals()).toEqual({ base: expected.baseTotal, new: expected.newTotal });
    expect(await snapshots.byOptions()).toEqual(['function', 'stack']);
    expect(await snapshots.foldRuntimeVisible()).toBe(true);
    expect(await app.errorVisible()).toBe(false);

    // Sorting by key, then back to the biggest growth first.
    await snapshots.sortBy('key');
    expect(await snapshots.sortOrder()).toBe('key asc');
    const byKey = (await snapshots.rows()).map((row) => row.key);
    expect(byKey).toEqual([...byKey].sort());
    await snapshots.sortBy('delta');
    expect(await snapshots.sortOrder()).toBe('delta desc');
    expect((await snapshots.topRow()).key).toBe('main.retainHeader');

    // A filter is a case-insensitive regular expression, applied by the backend.
    await snapshots.setFilter('REMEMBER');
    const filtered = await snapshots.rows();
    expect(filtered.length).toBeGreaterThan(0);
    for (const row of filtered) expect(row.key.toLowerCase()).toContain('remember');
    await snapshots.setFilter('(');
    expect(await snapshots.filterError()).toMatch(/not a regular expression/);
    expect(await app.errorVisible()).toBe(false);
    await snapshots.setFilter('');
    expect(await snapshots.filterError()).toBeNull();

    // By stack, the top row opens to its frames, leaf first.
    await snapshots.selectBy('stack');
    const stackTop = await snapshots.topRow();
    expect(stackTop.key.startsWith('main.retainHeader < ')).toBe(true);
    const details = await snapshots.expandRow(stackTop.key);
    expect(details.split('\n')[0]).toBe('main.retainHeader');
    expect(details).toContain('main.main');

    await app.screenshot(SCREENSHOT);
  });

  it('puts the goroutines parked in chan send on top of two goroutine dumps', async () => {
    const expectedDelta =
      countGoroutines(GOROUTINES_2, 'chan send', 'main.parkSenders.func1') - countGoroutines(GOROUTINES_1, 'chan send', 'main.parkSenders.func1');
    expect(expectedDelta).toBe(33);

    await snapshots.openPair(GOROUTINES_1, GOROUTINES_2);
    await snapshots.waitForDiff('goroutine');
    expect(await snapshots.summaryKind('new')).toBe('goroutine-text');
    expect(await snapshots.byOptions()).toEqual(['goroutine', 'stack', 'function']);

    const top = await snapshots.topRow();
    expect(top.key).toContain('main.parkSenders.func1');
    expect(top.state).toBe('chan send');
    expect(top.delta).toBe(expectedDelta);
    expect(top.text).toContain('chan send');
    const details = await snapshots.expandRow(top.key);
    expect(details).toContain('state: chan send');
    expect(details).toContain('main.parkSenders.func1');

    await app.screenshot(SCREENSHOT_GOROUTINES);
  });

  it('renders a slice of a 100k-row class histogram diff and scrolls to its last row', async () => {
    await snapshots.openPair(histogramBase, histogramNew);
    await snapshots.waitForDiff('class');
    expect(await snapshots.summaryKind('base')).toBe('class-histogram');
    expect(await snapshots.rowCount()).toBe(CLASSES);

    const domRows = await snapshots.domRowCount();
    expect(domRows).toBeGreaterThan(0);
    expect(domRows).toBeLessThan(MAX_DOM_ROWS);
    const top = await snapshots.topRow();
    expect(top.key).toBe(className(CLASSES - 1));
    expect(top.delta).toBe((CLASSES - 1 - 50_000) * 24);
    // Instance counts are columns of their own.
    expect(top.text).toContain('+49,999');

    await snapshots.scrollToBottom(CLASSES - 1);
    const bottom = await snapshots.rows();
    const last = bottom[bottom.length - 1]!;
    expect(last.index).toBe(CLASSES - 1);
    expect(last.key).toBe(className(0));
    expect(last.delta).toBe(-50_000 * 24);
    expect(bottom.length).toBeLessThan(MAX_DOM_ROWS);
    // The window as it is: a full-page capture re-lays the page out at its full height, scrolled table and all.
    await app.page.screenshot({ path: SCREENSHOT_CLASSES });
  });

  it('says why two snapshots of different kinds cannot be compared', async () => {
    await snapshots.openPair(HEAP_1, GOROUTINES_2);
    const message = await app.waitForError();
    expect(message).toContain('memleak-1.heap.pb.gz');
    expect(message).toContain('memleak-2.goroutine-debug2.txt');
    expect(message).toMatch(/different kinds/);
    expect(await snapshots.table.count()).toBe(0);
    await app.screenshot(SCREENSHOT_ERROR);
  });
});
