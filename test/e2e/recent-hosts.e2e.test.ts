/**
 * Recent hosts survive a restart, end to end: through the real `gclens serve`,
 * the machine's Chromium and the loopback sshd, a host added by hand is
 * offered by Add host after the server is stopped and started again (same
 * config folder); one click on it logs in again with the same key file and
 * known_hosts, and its × forgets it.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECENT_HOSTS_FILE } from '../../src/main/core/recent-hosts';
import { makeKey, startSshd, testDir, writeKnownHosts, type KeyPair, type SshServer } from '../helpers/sshd';
import type { AppPage } from './pages/app-page';
import { e2eHarness, withFailureScreenshot } from './pages/e2e-harness';
import { HostsPage } from './pages/hosts-page';
import { LiveAttachPage } from './pages/live-attach-page';

const SCREENSHOT_RECENT = '/tmp/gclens-recent-hosts.png';
const SCREENSHOT_FAILURE = '/tmp/gclens-recent-hosts-failure.png';

describe('recent hosts across a serve restart', () => {
  const dir = testDir('gclens-e2e-recent-');
  const configDir = join(dir, 'config');
  let key: KeyPair;
  const harness = e2eHarness({
    dir,
    // Read by each `gclens serve` this test starts.
    env: { GCLENS_CONFIG_DIR: configDir, GCLENS_SESSIONS_DIR: join(dir, 'sessions') },
    prepare: async () => {
      key = await makeKey(dir, 'id_ed25519');
    },
    fixtures: { sshd: { start: () => startSshd({ authorizedKeys: [key.publicKey] }), stop: (sshd: SshServer) => sshd.dispose() } },
  });

  it('offers the host after a restart, reconnects in one click, and forgets it', async () => {
    const app = await harness.newApp();
    await withFailureScreenshot(app, SCREENSHOT_FAILURE, () => rememberAcrossRestart(app), () => harness.serve.output());
  }, 240_000);

  async function rememberAcrossRestart(app: AppPage): Promise<void> {
    const hosts = new HostsPage(app);
    const live = new LiveAttachPage(app);
    const sshd = harness.fixture('sshd');
    const destination = `root@127.0.0.1:${sshd.port}`;
    const knownHosts = writeKnownHosts(join(dir, 'known_hosts'), [sshd.knownHostsLine()]);
    const file = join(configDir, RECENT_HOSTS_FILE);

    await app.open(harness.serve.url);
    await live.showProcesses();
    await hosts.addHost(destination, key.path, knownHosts);
    await hosts.waitForState('ssh-1', 'connected');
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const restarted = await harness.restartServe();
    await app.open(restarted.url);
    await live.showProcesses();
    expect(await hosts.selected()).toBe('local');
    await hosts.openAddHost();
    expect(await hosts.waitForRecent(destination)).toEqual([destination]);
    expect(await hosts.recentHost(destination).innerText()).toContain('id_ed25519');
    expect(await hosts.recentHost(destination).getAttribute('title')).toContain(`known_hosts: ${knownHosts}`);
    await app.screenshot(SCREENSHOT_RECENT);

    // One click: the form shows what it sends, and the same key and known_hosts log in.
    await hosts.recentHost(destination).click();
    expect(await hosts.waitForState('ssh-1', 'connected')).toContain(destination);
    await expect.poll(() => hosts.selected()).toBe('ssh-1');
    expect(await app.byTestId('process-list').getAttribute('data-host-id')).toBe('ssh-1');

    // A connected host is not offered again; once disconnected it is, and × forgets it.
    await app.byTestId('disconnect-host').click();
    await hosts.option('ssh-1').waitFor({ state: 'detached' });
    await hosts.openAddHost();
    await hosts.waitForRecent(destination);
    await hosts.forgetRecent(destination);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, hosts: [] });
  }
});
