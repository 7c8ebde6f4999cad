/**
 * A reload forgets no login question: through the real `gclens serve` and the
 * machine's Chromium, a host is added whose key is unknown and whose identity
 * file is encrypted. Each question (the host key, then the passphrase) is
 * still asked after the page is reloaded mid-login, is answered in the new
 * page, and the login goes on to connect.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { makeKey, openSshFingerprint, startSshd, testDir, writeKnownHosts, type KeyPair, type SshServer } from '../helpers/sshd';
import { AppPage } from './pages/app-page';
import { HostsPage } from './pages/hosts-page';
import { LiveAttachPage } from './pages/live-attach-page';

const PASSPHRASE = 'correct horse battery staple';
const SCREENSHOT_FAILURE = '/tmp/gclens-host-prompt-reload-failure.png';

describe('login questions across a page reload', () => {
  const dir = testDir('gclens-e2e-prompt-reload-');
  let key: KeyPair;
  let sshd: SshServer | undefined;
  let serve: ServeProcess | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  const configBefore = process.env.GCLENS_CONFIG_DIR;

  beforeAll(async () => {
    // The recent hosts go there, not to the machine's ~/.config/gclens.
    process.env.GCLENS_CONFIG_DIR = join(dir, 'config');
    key = await makeKey(dir, 'id_ed25519', PASSPHRASE);
    const started = await Promise.allSettled([startSshd({ authorizedKeys: [key.publicKey] }), startServe(), launchChromium()]);
    if (started[0].status === 'fulfilled') sshd = started[0].value;
    if (started[1].status === 'fulfilled') serve = started[1].value;
    if (started[2].status === 'fulfilled') browser = started[2].value;
    for (const outcome of started) if (outcome.status === 'rejected') throw outcome.reason;
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await serve?.stop();
    await sshd?.dispose();
    if (configBefore === undefined) delete process.env.GCLENS_CONFIG_DIR;
    else process.env.GCLENS_CONFIG_DIR = configBefore;
    rmSync(dir, { recursive: true, force: true });
  });

  it('asks the host key and the passphrase again after a reload, and connects on the answers', async () => {
    context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    const app = new AppPage(await context.newPage());
    try {
      await app.open(serve!.url);
      await loginAcrossReloads(app);
    } catch (err) {
      await app.screenshot(SCREENSHOT_FAILURE).catch(() => undefined);
      throw new Error(`${(err as Error).message}\n${serve!.output()}`, { cause: err });
    }
  }, 240_000);

  async function loginAcrossReloads(app: AppPage): Promise<void> {
    const hosts = new HostsPage(app);
    const live = new LiveAttachPage(app);
    const destination = `root@127.0.0.1:${sshd!.port}`;
    const fingerprint = await openSshFingerprint(`${sshd!.hostKey.path}.pub`);
    await live.showProcesses();
    await hosts.addHost(destination, key.path, writeKnownHosts(join(dir, 'known_hosts'), []));
    expect(await hosts.waitForHostKeyPrompt()).toBe(fingerprint);

    await app.reload();
    expect(await hosts.waitForHostKeyPrompt()).toBe(fingerprint);
    await hosts.answerHostKey('accept-once');
    expect(await hosts.waitForPassphrasePrompt()).toContain(key.path);

    await app.reload();
    expect(await hosts.waitForPassphrasePrompt()).toContain(key.path);
    await hosts.answerSecret(PASSPHRASE);
    await live.showProcesses();
    expect(await hosts.waitForState('ssh-1', 'connected')).toContain(destination);
  }
});
