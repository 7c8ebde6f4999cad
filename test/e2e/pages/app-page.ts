/**
 * The gclens window as an end-to-end test sees it, addressed only through
 * the renderer's data-testid attributes.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Locator, Page } from 'playwright-core';

export interface SummaryValues {
  cycles: number;
  totalPauseMs: number;
  maxPauseMs: number;
  /** Null when the log gives no GC CPU figure. */
  gcCpuPercent: number | null;
  unknownLines: number;
}

export interface ChartPoints {
  heap: number;
  pause: number;
}

const LOAD_TIMEOUT_MS = 60_000;

export class AppPage {
  constructor(readonly page: Page) {}

  byTestId(id: string): Locator {
    return this.page.getByTestId(id);
  }

  get openButton(): Locator {
    return this.byTestId('open-button');
  }

  get error(): Locator {
    return this.byTestId('error');
  }

  get progress(): Locator {
    return this.byTestId('progress');
  }

  /** Loads the app and waits until it can open a file. */
  async open(url: string): Promise<void> {
    await this.page.goto(url, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
    await this.openButton.waitFor({ state: 'visible', timeout: LOAD_TIMEOUT_MS });
  }

  /** Reloads the page (its URL keeps the token) and waits until the app is back. */
  async reload(): Promise<void> {
    await this.page.reload({ waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
    await this.openButton.waitFor({ state: 'visible', timeout: LOAD_TIMEOUT_MS });
  }

  /** Chooses a file through the hidden file input, as the Open button's dialog would. */
  async openFile(path: string): Promise<void> {
    await this.byTestId('file-input').setInputFiles(path, { timeout: LOAD_TIMEOUT_MS });
  }

  /**
   * Waits until both charts have points, or an error is shown (then throws
   * with its text, so a failure says what the app said).
   */
  async waitForCharts(timeoutMs = LOAD_TIMEOUT_MS): Promise<void> {
    const charts = Promise.all(
      ['heap-chart', 'pause-chart'].map((id) =>
        this.page
          .locator(`[data-testid="${id}"][data-points]:not([data-points="0"])`)
          .waitFor({ state: 'attached', timeout: timeoutMs }),
      ),
    ).then(() => 'charts' as const);
    const error = this.error.waitFor({ state: 'visible', timeout: timeoutMs }).then(() => 'error' as const);
    const first = await Promise.race([charts, error.catch(() => charts)]);
    // Whichever lost still waits; keep its rejection from going unhandled.
    charts.catch(() => undefined);
    error.catch(() => undefined);
    if (first === 'error') throw new Error(`The app showed an error instead of charts: ${await this.errorText()}`);
  }

  /** Waits for the error message and answers its text. */
  async waitForError(timeoutMs = LOAD_TIMEOUT_MS): Promise<string> {
    await this.error.waitFor({ state: 'visible', timeout: timeoutMs });
    return this.errorText();
  }

  async errorText(): Promise<string> {
    return (await this.error.innerText()).trim();
  }

  async errorVisible(): Promise<boolean> {
    return this.error.isVisible();
  }

  async fileNames(): Promise<string> {
    return (await this.byTestId('file-names').innerText()).trim();
  }

  async connectionStatus(): Promise<string> {
    return (await this.byTestId('connection-status').innerText()).trim();
  }

  /** The summary strip's raw numbers, read from each cell's data-value. */
  async summary(): Promise<SummaryValues> {
    return {
      cycles: await this.requiredNumber('summary-cycles'),
      totalPauseMs: await this.requiredNumber('summary-total-pause'),
      maxPauseMs: await this.requiredNumber('summary-max-pause'),
      gcCpuPercent: await this.dataNumber('summary-gc-cpu', 'data-value'),
      unknownLines: await this.requiredNumber('summary-unknown'),
    };
  }

  /** How many points each chart was handed (its data-points attribute). */
  async chartPoints(): Promise<ChartPoints> {
    return {
      heap: await this.requiredNumber('heap-chart', 'data-points'),
      pause: await this.requiredNumber('pause-chart', 'data-points'),
    };
  }

  async screenshot(path: string): Promise<void> {
    mkdirSync(dirname(path), { recursive: true });
    await this.page.screenshot({ path, fullPage: true });
  }

  private async dataNumber(testId: string, attribute: string): Promise<number | null> {
    const raw = await this.byTestId(testId).getAttribute(attribute, { timeout: LOAD_TIMEOUT_MS });
    if (raw === null || raw.trim() === '' || raw === 'null') return null;
    const value = Number(raw);
    if (!Number.isFinite(value)) throw new Error(`${testId} has ${attribute}="${raw}", not a number`);
    return value;
  }

  private async requiredNumber(testId: string, attribute = 'data-value'): Promise<number> {
    const value = await this.dataNumber(testId, attribute);
    if (value === null) throw new Error(`${testId} has no ${attribute}`);
    return value;
  }
}
