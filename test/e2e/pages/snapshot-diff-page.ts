/**
 * The Compare snapshots view as an end-to-end test sees it, addressed only
 * through data-testid attributes.
 */
import { basename } from 'node:path';
import type { Locator } from 'playwright-core';
import type { AppPage } from './app-page';

export interface DiffRowInfo {
  key: string;
  delta: number;
  index: number;
  /** 1..3 for the rows highlighted as the biggest growers. */
  top: number | null;
  state: string | null;
  text: string;
}

const LOAD_TIMEOUT_MS = 60_000;

export class SnapshotDiffPage {
  constructor(readonly app: AppPage) {}

  private byTestId(id: string): Locator {
    return this.app.byTestId(id);
  }

  get table(): Locator {
    return this.byTestId('diff-table');
  }

  get viewport(): Locator {
    return this.byTestId('diff-table-viewport');
  }

  get rowLocator(): Locator {
    return this.byTestId('diff-row');
  }

  /** Switches to the Compare snapshots tab. */
  async show(): Promise<void> {
    await this.byTestId('tab-snapshots').click();
    await this.byTestId('snapshot-base-button').waitFor({ state: 'visible', timeout: LOAD_TIMEOUT_MS });
  }

  /** Opens `basePath` as Base and `newPath` as New through the hidden file inputs, and waits until both are loaded. */
  async openPair(basePath: string, newPath: string): Promise<void> {
    await this.byTestId('snapshot-base-input').setInputFiles(basePath, { timeout: LOAD_TIMEOUT_MS });
    await this.byTestId('snapshot-new-input').setInputFiles(newPath, { timeout: LOAD_TIMEOUT_MS });
    await this.waitForSummary('base', basePath);
    await this.waitForSummary('new', newPath);
  }

  /** Waits until the side shows the summary of `path`, or throws with the error the app showed instead. */
  async waitForSummary(side: 'base' | 'new', path: string, timeoutMs = LOAD_TIMEOUT_MS): Promise<void> {
    const summary = this.app.page.locator(`[data-testid="snapshot-${side}-summary"][data-file="${basename(path)}"]`);
    await this.raceError(summary.waitFor({ state: 'visible', timeout: timeoutMs }), `the ${side} summary of ${basename(path)}`, timeoutMs);
  }

  async summaryText(side: 'base' | 'new'): Promise<string> {
    return (await this.byTestId(`snapshot-${side}-summary`).innerText()).trim();
  }

  async summaryKind(side: 'base' | 'new'): Promise<string | null> {
    return this.byTestId(`snapshot-${side}-summary`).getAttribute('data-kind');
  }

  /** Waits until the table answers the current settings (grouped `by`, when given); throws with the app's error otherwise. */
  async waitForDiff(by?: string, timeoutMs = LOAD_TIMEOUT_MS): Promise<void> {
    const selector = `[data-testid="diff-table"][data-busy="false"]${by ? `[data-by="${by}"]` : ''}`;
    await this.raceError(this.app.page.locator(selector).waitFor({ state: 'visible', timeout: timeoutMs }), 'the diff table', timeoutMs);
  }

  /** The rows in the DOM now (the virtualised slice), in table order. */
  async rows(): Promise<DiffRowInfo[]> {
    const rows = await this.rowLocator.evaluateAll((elements) =>
      elements.map((element) => ({
        key: element.getAttribute('data-key') ?? '',
        delta: Number(element.getAttribute('data-delta')),
        index: Number(element.getAttribute('data-index')),
        top: element.hasAttribute('data-top') ? Number(element.getAttribute('data-top')) : null,
        state: element.getAttribute('data-state'),
        // Node's types have no DOM; the element is an HTMLElement in the page.
        text: (element as unknown as { innerText: string }).innerText,
      })),
    );
    return rows.sort((a, b) => a.index - b.index);
  }

  async topRow(): Promise<DiffRowInfo> {
    const [first] = await this.rows();
    if (!first || first.index !== 0) throw new Error('the diff table shows no first row');
    return first;
  }

  /** How many rows the diff has, rendered or not. */
  async rowCount(): Promise<number> {
    return Number(await this.table.getAttribute('data-row-count'));
  }

  async domRowCount(): Promise<number> {
    return this.rowLocator.count();
  }

  async totals(): Promise<{ base: number; new: number }> {
    const totals = this.byTestId('diff-totals');
    return { base: Number(await totals.getAttribute('data-base-total')), new: Number(await totals.getAttribute('data-new-total')) };
  }

  async selectBy(by: string): Promise<void> {
    await this.byTestId('diff-by').selectOption(by);
    await this.waitForDiff(by);
  }

  async byOptions(): Promise<string[]> {
    return this.byTestId('diff-by').locator('option').evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value));
  }

  /** Types a filter and waits for its answer (a table, or the filter's own error). */
  async setFilter(filter: string): Promise<void> {
    await this.byTestId('diff-filter').fill(filter);
    await this.app.page.locator('[data-testid="diff-table"][data-busy="false"]').waitFor({ state: 'visible', timeout: LOAD_TIMEOUT_MS });
  }

  async filterError(): Promise<string | null> {
    const error = this.byTestId('diff-filter-error');
    return (await error.isVisible()) ? (await error.innerText()).trim() : null;
  }

  async foldRuntimeVisible(): Promise<boolean> {
    return this.byTestId('diff-fold-runtime').isVisible();
  }

  /** Clicks the row with `key` open and answers its details' text. */
  async expandRow(key: string): Promise<string> {
    const row = this.app.page.locator(`[data-testid="diff-row"][data-key="${cssString(key)}"]`);
    await row.click();
    const details = row.getByTestId('diff-row-details');
    await details.waitFor({ state: 'visible', timeout: LOAD_TIMEOUT_MS });
    return (await details.innerText()).trim();
  }

  async sortBy(column: string): Promise<void> {
    await this.byTestId(`diff-sort-${column}`).click();
  }

  async sortOrder(): Promise<string | null> {
    return this.table.getAttribute('data-sort');
  }

  /** Scrolls the table to its end and waits until the row at `index` is rendered. */
  async scrollToBottom(lastIndex: number): Promise<void> {
    await this.viewport.evaluate((element) => {
      element.scrollTop = element.scrollHeight;
    });
    await this.app.page.locator(`[data-testid="diff-row"][data-index="${lastIndex}"]`).waitFor({ state: 'visible', timeout: LOAD_TIMEOUT_MS });
  }

  private async raceError(wait: Promise<void>, what: string, timeoutMs: number): Promise<void> {
    const error = this.app.error.waitFor({ state: 'visible', timeout: timeoutMs }).then(() => 'error' as const);
    const first = await Promise.race([wait.then(() => 'done' as const), error.catch(() => wait.then(() => 'done' as const))]);
    // Whichever lost still waits; keep its rejection from going unhandled.
    wait.catch(() => undefined);
    error.catch(() => undefined);
    if (first === 'error') throw new Error(`The app showed an error instead of ${what}: ${await this.app.errorText()}`);
  }
}

/** A value for a CSS attribute selector in double quotes. */
function cssString(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}
