/**
 * Starts the machine's own Chromium (the Debian package) for end-to-end tests,
 * driven by playwright-core. Never a browser Playwright downloaded.
 */
import { accessSync, constants } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox', // the tests run as root in CI, where Chromium's sandbox refuses to start
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
];

/**
 * Launches headless Chromium. Each launch gets a fresh, empty profile:
 * Playwright creates a temp user-data-dir for a non-persistent launch and
 * removes it on close (it refuses an explicit --user-data-dir argument).
 */
export async function launchChromium(): Promise<Browser> {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
  } catch {
    throw new Error(
      `Chromium is required by the end-to-end tests but ${CHROMIUM_PATH} is missing or not executable. ` +
        'Run .ci/run or `apt-get install chromium` (or point CHROMIUM_PATH at a Chromium binary).',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
}
