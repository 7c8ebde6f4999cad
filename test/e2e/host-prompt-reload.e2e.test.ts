/**
 * A reload forgets no login question: through the real `gclens serve` and the
 * machine's Chromium, a host is added whose key is unknown and whose identity
 * file is encrypted. Each question (the host key, then the passphrase) is
 * still asked after the page is reloaded mid-login, is answered in the new
 * page, and the login goes on to connect.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeKey, openSshFingerprint, startSshd, testDir, writeKnownHosts, type KeyPair, type SshServer } from '../helpers/sshd';
import type { AppPage } from './pages/app-page';
import { e2eHarness, withFailureScreenshot } from './pages/e2e-harness';
import { HostsPage } from './pages/hosts-page';
import { LiveAttachPage } from './pages/live-attach-page';

const PASSPHRASE = 'correct horse battery staple';
const SCREENSHOT_FAILURE = '/tmp/gclens-host-prompt-reload-failure.png';

describe('login questions across a page reload', () => {
  const dir = testDir('gclens-e2e-prompt-reload-');
  let key: KeyPair;
  const harness = e2eHarness({
    dir,
    // The recent hosts go there, not to the machine's ~/.config/gclens.
    env: { GCLENS_CONFIG_DIR: join(dir, 'config') },
    prepare: async () => {
      key = await makeKey(dir, 'id_ed25519', PASSPHRASE);
    },
    fixtures: { sshd: { start: () => startSshd({ authorizedKeys: [key.publicKey] }), stop: (sshd: SshServer) => sshd.dispose() } },
  });

  it('asks the host key and the passphrase again after a reload, and connects on the answers', async () => {
    const app = await harness.newApp();
    await withFailureScreenshot(app, SCREENSHOT_FAILURE, () => loginAcrossReloads(app), () => harness.serve.output());
  }, 240_000);

  async function loginAcrossReloads(app: AppPage): Promise<void> {
    await app.open(harness.serve.url);
    const hosts = new HostsPage(app);
    const live = new LiveAttachPage(app);
    const sshd = harness.fixture('sshd');
    const destination = `root@127.0.0.1:${sshd.port}`;
    const fingerprint = await openSshFingerprint(`${sshd.hostKey.path}.pub`);
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
