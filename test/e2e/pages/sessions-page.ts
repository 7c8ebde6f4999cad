/**
 * The Sessions tab and the report export panel, as an end-to-end test sees
 * them: addressed only through data-testid attributes.
 */
import { readFileSync } from 'node:fs';
import type { Locator } from 'playwright-core';
import type { AppPage } from './app-page';

const TIMEOUT_MS = 60_000;

export class SessionsPage {
  constructor(readonly app: AppPage) {}

  row(sessionId: string): Locator {
    return this.app.page.locator(`[data-testid="session-row"][data-session-id="${sessionId}"]`);
  }

  /** Shows the Sessions tab and waits for the library to list `count` sessions. */
  async show(count: number): Promise<void> {
    await this.app.byTestId('tab-sessions').click();
    await this.app.page.locator(`[data-testid="sessions-view"][data-count="${count}"]`).waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  }

  async filter(text: string): Promise<void> {
    await this.app.byTestId('sessions-filter').fill(text);
  }

  async visibleSessionIds(): Promise<string[]> {
    const rows = this.app.page.locator('[data-testid="session-row"]');
    return Promise.all((await rows.all()).map(async (row) => (await row.getAttribute('data-session-id')) ?? ''));
  }

  /** Opens a session: it lands in the GC log view with its charts. */
  async open(sessionId: string): Promise<void> {
    await this.row(sessionId).getByTestId('session-open').click();
    await this.app.waitForCharts();
  }

  /** Turns redaction on and waits for its preview; answers each value it lists. */
  async previewRedaction(): Promise<string[]> {
    const box = this.app.byTestId('export-redact');
    if (!(await box.isChecked())) await box.check();
    await this.app.byTestId('export-preview').click();
    await this.app.byTestId('redaction-preview').waitFor({ state: 'visible', timeout: TIMEOUT_MS });
    return this.app.page.locator('[data-testid="redaction-item"] td:nth-child(2)').allInnerTexts();
  }

  /** Clicks an export button and answers the downloaded file's name and text. */
  async download(button: 'export-html' | 'export-bundle'): Promise<{ fileName: string; text: string }> {
    const [download] = await Promise.all([
      this.app.page.waitForEvent('download', { timeout: TIMEOUT_MS }),
      this.app.byTestId(button).click(),
    ]);
    const path = await download.path();
    return { fileName: download.suggestedFilename(), text: readFileSync(path, button === 'export-html' ? 'utf8' : 'latin1') };
  }

  /** Picks a session's snapshot for one side of Compare snapshots, by the option's text. */
  async pickSnapshot(side: 'base' | 'new', sessionId: string, artifactId: string): Promise<void> {
    await this.app.byTestId(`snapshot-${side}-session`).selectOption(`${sessionId}|${artifactId}`);
    await this.app.page
      .locator(`[data-testid="snapshot-${side}-slot"][data-loaded="true"]`)
      .waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  }

  /** What one side of Compare snapshots says of the session its snapshot came from. */
  async snapshotOrigin(side: 'base' | 'new'): Promise<{ sessionId: string | null; text: string }> {
    const origin = this.app.byTestId(`snapshot-${side}-origin`);
    return { sessionId: await origin.getAttribute('data-session-id'), text: await origin.innerText() };
  }
}
