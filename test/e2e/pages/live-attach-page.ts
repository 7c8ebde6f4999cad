/**
 * The Processes tab and an attach's tab as an end-to-end test sees them,
 * addressed only through data-testid attributes.
 */
import type { Locator } from 'playwright-core';
import type { AppPage } from './app-page';

const LOAD_TIMEOUT_MS = 60_000;

export class LiveAttachPage {
  constructor(readonly app: AppPage) {}

  private byTestId(id: string): Locator {
    return this.app.byTestId(id);
  }

  /** The row of `pid`, once the list shows it. */
  row(pid: number): Locator {
    return this.app.page.locator(`[data-testid="process-row"][data-pid="${pid}"]`);
  }

  get status(): Locator {
    return this.byTestId('attach-status');
  }

  async showProcesses(): Promise<void> {
    await this.byTestId('tab-processes').click();
    await this.byTestId('process-list').waitFor({ state: 'visible', timeout: LOAD_TIMEOUT_MS });
  }

  /**
   * Waits until the row of `pid` offers `source` (pprof: discovery found its
   * port; gc-log: a JVM logs GC to a file), and answers its offers' text.
   */
  async waitForRow(pid: number, source = 'pprof', timeoutMs = LOAD_TIMEOUT_MS): Promise<string> {
    const row = this.row(pid);
    await row.locator(`[data-source="${source}"][data-available="true"]`).waitFor({ state: 'visible', timeout: timeoutMs });
    return (await row.innerText()).trim();
  }

  /** The tab of one attach in the tab bar. */
  tab(attachId: string): Locator {
    return this.app.page.locator(`[data-testid="attach-tab"][data-attach-id="${attachId}"]`);
  }

  /** Waits for the tab of `attachId` (after a reload: once the app took the attach back), shows it, and waits for its view. */
  async showAttach(attachId: string, timeoutMs = LOAD_TIMEOUT_MS): Promise<void> {
    await this.tab(attachId).waitFor({ state: 'visible', timeout: timeoutMs });
    await this.tab(attachId).click();
    await this.app.page.locator(`[data-testid="live-view"][data-attach-id="${attachId}"]`).waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /** Attaches to `pid` from its row and waits for its tab to go live; answers the attach id. */
  async attach(pid: number, timeoutMs = LOAD_TIMEOUT_MS): Promise<string> {
    await this.row(pid).getByTestId('attach-button').click();
    const tab = this.app.page.locator(`[data-testid="attach-tab"][data-pid="${pid}"]`);
    await tab.waitFor({ state: 'visible', timeout: timeoutMs });
    await this.app.page.locator('[data-testid="attach-status"][data-status="live"]').or(this.app.page.locator('[data-testid="attach-status"][data-status="failed"]')).waitFor({ timeout: timeoutMs });
    const status = await this.status.getAttribute('data-status');
    if (status !== 'live') throw new Error(`The attach did not go live: ${await this.status.innerText()}`);
    return (await tab.getAttribute('data-attach-id')) ?? '';
  }

  async heapPoints(): Promise<number> {
    return Number(await this.byTestId('heap-chart').getAttribute('data-points'));
  }

  async pausePoints(): Promise<number> {
    return Number(await this.byTestId('pause-chart').getAttribute('data-points'));
  }

  /** Waits until the heap chart holds more than `than` points; answers how many. */
  async waitForHeapPoints(than: number, timeoutMs = LOAD_TIMEOUT_MS): Promise<number> {
    await this.until(`more than ${than} heap chart points`, async () => (await this.heapPoints()) > than, timeoutMs);
    return this.heapPoints();
  }

  async jstatPoints(): Promise<number> {
    return Number(await this.byTestId('jstat-chart').getAttribute('data-points'));
  }

  /** Waits until the jstat chart holds more than `than` points; answers how many. */
  async waitForJstatPoints(than: number, timeoutMs = LOAD_TIMEOUT_MS): Promise<number> {
    await this.until(`more than ${than} jstat chart points`, async () => (await this.jstatPoints()) > than, timeoutMs);
    return this.jstatPoints();
  }

  async snapshotCount(): Promise<number> {
    return Number(await this.byTestId('snapshot-list').getAttribute('data-count'));
  }

  /**
   * Takes a snapshot of `kind` through its button and waits until the request
   * is answered and the list grew (the pprof poll adds snapshots of its own
   * too, so only growth is checked); throws with the app's error if it failed.
   */
  async takeSnapshot(kind: string, timeoutMs = LOAD_TIMEOUT_MS): Promise<void> {
    const before = await this.snapshotCount();
    const button = this.byTestId(`take-snapshot-${kind}`);
    const error = this.byTestId('snapshot-error');
    await button.click();
    await this.until(
      `a ${kind} snapshot`,
      async () => (await error.isVisible()) || ((await button.isEnabled()) && (await this.snapshotCount()) > before),
      timeoutMs,
    );
    if (await error.isVisible()) throw new Error(`Taking a ${kind} snapshot failed: ${await error.innerText()}`);
  }

  /** Ticks the last two snapshots of `kind` (base the earlier) and waits for their diff; answers their ids. */
  async diffLastTwo(kind: string, timeoutMs = LOAD_TIMEOUT_MS): Promise<string[]> {
    const items = this.app.page.locator(`[data-testid="snapshot-item"][data-kind="${kind}"]`);
    const count = await items.count();
    if (count < 2) throw new Error(`Only ${count} ${kind} snapshots are listed`);
    const ids: string[] = [];
    for (const index of [count - 2, count - 1]) {
      const item = items.nth(index);
      ids.push((await item.getAttribute('data-snapshot-id')) ?? '');
      await item.getByTestId('snapshot-select').check();
    }
    await this.app.page.locator('[data-testid="diff-table"][data-busy="false"]').waitFor({ state: 'visible', timeout: timeoutMs });
    return ids;
  }

  async topDiffRowKey(): Promise<string | null> {
    return this.app.page.locator('[data-testid="diff-row"][data-index="0"]').getAttribute('data-key');
  }

  /** The keys of the diff's first `count` rows, in order. */
  async topDiffRowKeys(count: number): Promise<string[]> {
    const keys = await this.byTestId('diff-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-key') ?? ''));
    return keys.slice(0, count);
  }

  /** Waits until the verdict says `verdict`; answers its text. */
  async waitForVerdict(verdict: string, timeoutMs: number): Promise<string> {
    const locator = this.app.page.locator(`[data-testid="live-verdict"][data-verdict="${verdict}"]`);
    try {
      await locator.waitFor({ state: 'visible', timeout: timeoutMs });
    } catch (err) {
      const shown = await this.byTestId('live-verdict').innerText().catch(() => '(no verdict element)');
      throw new Error(`No "${verdict}" verdict within ${timeoutMs} ms; the app shows: ${shown}`, { cause: err });
    }
    return (await locator.innerText()).trim();
  }

  async findingRules(): Promise<string[]> {
    return this.byTestId('live-finding').evaluateAll((elements) => elements.map((e) => e.getAttribute('data-rule') ?? ''));
  }

  async detach(timeoutMs = LOAD_TIMEOUT_MS): Promise<void> {
    await this.byTestId('detach-button').click();
    await this.app.page.locator('[data-testid="attach-status"][data-status="ended"]').waitFor({ timeout: timeoutMs });
  }

  /** Polls `check` (each call reads the page through Playwright) until it holds. */
  private async until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
      await this.app.page.waitForTimeout(150);
    }
  }

  async sessionDir(): Promise<string> {
    return (await this.byTestId('session-dir').innerText()).trim();
  }
}
