/**
 * Recent hosts survive a restart, end to end: through the real `gclens serve`,
 * the machine's Chromium and the loopback sshd, a host added by hand is
 * offered by Add host after the server is stopped and started again (same
 * config folder); one click on it logs in again with the same key file and
 * known_hosts, and its × forgets it.
 */
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECENT_HOSTS_FILE } from '../../src/main/core/recent-hosts';
import { launchChromium } from '../helpers/chromium';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { makeKey, startSshd, testDir, writeKnownHosts, type KeyPair, type SshServer } from '../helpers/sshd';
import { AppPage } from './pages/app-page';
import { HostsPage } from './pages/hosts-page';
import { LiveAttachPage } from './pages/live-attach-page';

const SCREENSHOT_RECENT = '/tmp/gclens-recent-hosts.png';
const SCREENSHOT_FAILURE = '/tmp/gclens-recent-hosts-failure.png';

describe('recent hosts across a serve restart', () => {
  const dir = testDir('gclens-e2e-recent-');
  const configDir = join(dir, 'config');
  let key: KeyPair;
  let sshd: SshServer | undefined;
  let serve: ServeProcess | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  const envBefore = { config: process.env.GCLENS_CONFIG_DIR, sessions: process.env.GCLENS_SESSIONS_DIR };

  beforeAll(async () => {
    // Read by each `gclens serve` this test starts.
    process.env.GCLENS_CONFIG_DIR = configDir;
    process.env.GCLENS_SESSIONS_DIR = join(dir, 'sessions');
    key = await makeKey(dir, 'id_ed25519');
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
    for (const [name, value] of [['GCLENS_CONFIG_DIR', envBefore.config], ['GCLENS_SESSIONS_DIR', envBefore.sessions]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('offers the host after a restart, reconnects in one click, and forgets it', async () => {
    context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    const app = new AppPage(await context.newPage());
    try {
      await rememberAcrossRestart(app);
    } catch (err) {
      await app.screenshot(SCREENSHOT_FAILURE).catch(() => undefined);
      throw new Error(`${(err as Error).message}\n${serve!.output()}`, { cause: err });
    }
  }, 240_000);

  async function rememberAcrossRestart(app: AppPage): Promise<void> {
    const hosts = new HostsPage(app);
    const live = new LiveAttachPage(app);
    const destination = `root@127.0.0.1:${sshd!.port}`;
    const knownHosts = writeKnownHosts(join(dir, 'known_hosts'), [sshd!.knownHostsLine()]);
    const file = join(configDir, RECENT_HOSTS_FILE);

    await app.open(serve!.url);
    await live.showProcesses();
    await hosts.addHost(destination, key.path, knownHosts);
    await hosts.waitForState('ssh-1', 'connected');
    expect(statSync(file).mode & 0o777).toBe(0o600);

    await serve!.stop();
    serve = await startServe();
    await app.open(serve.url);
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
    expect(await hosts.selected()).toBe('ssh-1');
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
