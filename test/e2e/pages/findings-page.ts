/**
 * The verdict, findings and evidence of an opened log as an end-to-end test
 * sees them, addressed only through data-testid attributes.
 */
import type { Locator } from 'playwright-core';
import type { AppPage } from './app-page';

const LOAD_TIMEOUT_MS = 60_000;

export interface EvidenceLine {
  line: number;
  text: string;
}

export class FindingsPage {
  constructor(readonly app: AppPage) {}

  get verdict(): Locator {
    return this.app.byTestId('verdict');
  }

  async verdictKind(): Promise<string | null> {
    return this.verdict.getAttribute('data-verdict', { timeout: LOAD_TIMEOUT_MS });
  }

  async verdictConfidence(): Promise<number> {
    return Number(await this.verdict.getAttribute('data-confidence'));
  }

  async verdictText(): Promise<string> {
    return (await this.verdict.innerText()).trim();
  }

  finding(rule: string): Locator {
    return this.app.byTestId('findings').locator(`[data-testid="finding"][data-rule="${rule}"]`);
  }

  async rules(): Promise<string[]> {
    const findings = this.app.byTestId('findings').getByTestId('finding');
    return Promise.all((await findings.all()).map(async (f) => (await f.getAttribute('data-rule')) ?? ''));
  }

  /** Clicks the finding's n-th evidence item and waits for its lines to arrive. */
  async openEvidence(rule: string, index = 0): Promise<Locator> {
    const item = this.finding(rule).getByTestId('evidence-item').nth(index);
    await item.click();
    const panel = this.finding(rule).getByTestId('evidence-lines');
    await panel.getByTestId('evidence-line').first().waitFor({ state: 'visible', timeout: LOAD_TIMEOUT_MS });
    await this.finding(rule).locator('[data-testid="evidence-lines"][data-loading="false"]').waitFor({ timeout: LOAD_TIMEOUT_MS });
    return item;
  }

  async evidenceLines(rule: string): Promise<EvidenceLine[]> {
    const lines = this.finding(rule).getByTestId('evidence-lines').getByTestId('evidence-line');
    return Promise.all(
      (await lines.all()).map(async (el) => ({
        line: Number(await el.getAttribute('data-line')),
        text: await el.locator('.evidence-lines__content').innerText(),
      })),
    );
  }

  /** The "from-to" seconds each chart marks, or null where it marks nothing. */
  async highlights(): Promise<{ heap: string | null; pause: string | null }> {
    return {
      heap: await this.app.byTestId('heap-chart').getAttribute('data-highlight'),
      pause: await this.app.byTestId('pause-chart').getAttribute('data-highlight'),
    };
  }

  /** How many highlight bands each chart's SVG draws. */
  async highlightBands(): Promise<{ heap: number; pause: number }> {
    return {
      heap: await this.app.byTestId('heap-chart').locator('.evidence-highlight').count(),
      pause: await this.app.byTestId('pause-chart').locator('.evidence-highlight').count(),
    };
  }

  async metric(key: string): Promise<{ text: string; value: string | null }> {
    const row = this.app.byTestId('metrics').locator(`[data-metric="${key}"]`);
    return { text: (await row.locator('dd').innerText()).trim(), value: await row.getAttribute('data-value') };
  }
}
