/**
 * The host picker, the Add host form and the login prompt dialog as an
 * end-to-end test sees them, addressed only through data-testid attributes.
 */
import type { Locator } from 'playwright-core';
import type { AppPage } from './app-page';

const LOAD_TIMEOUT_MS = 60_000;

export class HostsPage {
  constructor(readonly app: AppPage) {}

  option(hostId: string): Locator {
    return this.app.page.locator(`[data-testid="host-option"][data-host-id="${hostId}"]`);
  }

  get prompt(): Locator {
    return this.app.byTestId('host-prompt');
  }

  /** Fills the Add host form and submits it; the login goes on in the backend (prompts may follow). */
  async addHost(destination: string, identityFile: string, knownHostsFile: string): Promise<void> {
    await this.app.byTestId('add-host-button').click();
    await this.app.byTestId('host-destination').fill(destination);
    await this.app.byTestId('host-identity-file').fill(identityFile);
    await this.app.byTestId('host-known-hosts').fill(knownHostsFile);
    await this.app.byTestId('host-connect').click();
  }

  async openAddHost(): Promise<void> {
    await this.app.byTestId('add-host-button').click();
    await this.app.byTestId('add-host-form').waitFor({ state: 'visible', timeout: LOAD_TIMEOUT_MS });
  }

  /** Waits until the Add host form offers `destination` as a recent host; answers every one it offers, newest first. */
  async waitForRecent(destination: string): Promise<string[]> {
    await this.recentHost(destination).waitFor({ state: 'visible', timeout: LOAD_TIMEOUT_MS });
    const chips = await this.app.page.locator('[data-testid="recent-host"]').all();
    return Promise.all(chips.map(async (chip) => (await chip.getAttribute('data-destination')) ?? ''));
  }

  recentHost(destination: string): Locator {
    return this.app.page.locator(`[data-testid="recent-host"][data-destination="${destination}"]`);
  }

  /** Forgets a recent host with its ×; waits for it to go. */
  async forgetRecent(destination: string): Promise<void> {
    await this.app.page.getByRole('button', { name: `Forget ${destination}` }).click();
    await this.recentHost(destination).waitFor({ state: 'detached', timeout: LOAD_TIMEOUT_MS });
  }

  /** Waits for the host-key question; answers the fingerprint it shows. */
  async waitForHostKeyPrompt(timeoutMs = LOAD_TIMEOUT_MS): Promise<string> {
    await this.app.page.locator('[data-testid="host-prompt"][data-kind="host-key"]').waitFor({ state: 'visible', timeout: timeoutMs });
    return (await this.app.byTestId('host-key-fingerprint').innerText()).trim();
  }

  async answerHostKey(choice: 'reject' | 'accept-once' | 'remember'): Promise<void> {
    await this.app.byTestId(`host-key-${choice}`).click();
    await this.prompt.waitFor({ state: 'hidden', timeout: LOAD_TIMEOUT_MS });
  }

  /** Waits for the question for a key's passphrase; answers the dialog's text (it names the key). */
  async waitForPassphrasePrompt(timeoutMs = LOAD_TIMEOUT_MS): Promise<string> {
    const prompt = this.app.page.locator('[data-testid="host-prompt"][data-kind="passphrase"]');
    await prompt.waitFor({ state: 'visible', timeout: timeoutMs });
    return (await prompt.innerText()).trim();
  }

  /** Types the secret the open question asks for and sends it. */
  async answerSecret(secret: string): Promise<void> {
    await this.app.byTestId('host-secret').fill(secret);
    await this.app.byTestId('host-secret-ok').click();
    await this.prompt.waitFor({ state: 'hidden', timeout: LOAD_TIMEOUT_MS });
  }

  /** Waits until the host's badge says `state`; answers the host's label. */
  async waitForState(hostId: string, state: string, timeoutMs = LOAD_TIMEOUT_MS): Promise<string> {
    const option = this.app.page.locator(`[data-testid="host-option"][data-host-id="${hostId}"][data-state="${state}"]`);
    try {
      await option.waitFor({ state: 'visible', timeout: timeoutMs });
    } catch (err) {
      const error = await this.app.byTestId('host-connect-error').innerText().catch(() => '(no error shown)');
      throw new Error(`Host ${hostId} did not become ${state}: ${error}`, { cause: err });
    }
    return (await option.innerText()).trim();
  }

  async selected(): Promise<string | null> {
    return this.app.page.locator('[data-testid="host-option"][aria-checked="true"]').getAttribute('data-host-id');
  }
}
