/**
 * Attach over SSH end to end, on real parts only: the real `gclens serve`,
 * the machine's Chromium, and the loopback sshd whose "box" is this machine,
 * where the gcleak fixture leaks with gctrace going to a file and pprof on.
 * The host is added through the UI, its unknown key is accepted in the
 * prompt dialog (checked against ssh-keygen's fingerprint and then found in
 * the known_hosts file), the fixture shows in the host's process list, and
 * an attach over SSH charts its heap until it is detached.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium';
import { buildGoFixture } from '../helpers/go-fixture';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { makeKey, openSshFingerprint, startSshd, testDir, writeKnownHosts, type KeyPair, type SshServer } from '../helpers/sshd';
import { AppPage } from './pages/app-page';
import { HostsPage } from './pages/hosts-page';
import { LiveAttachPage } from './pages/live-attach-page';

const SCREENSHOT_PROMPT = '/tmp/gclens-ssh-prompt.png';
const SCREENSHOT_PROCESSES = '/tmp/gclens-ssh-processes.png';
const SCREENSHOT_ATTACH = '/tmp/gclens-ssh-attach.png';
const SCREENSHOT_FAILURE = '/tmp/gclens-ssh-failure.png';

/** gcleak leaking until killed (50 ms tick, 1 MiB of garbage a tick), its stderr a real file. */
async function startGcleak(dir: string): Promise<ChildProcess> {
  const binary = await buildGoFixture('gcleak');
  const env: NodeJS.ProcessEnv = { ...process.env, GODEBUG: 'gctrace=1' };
  delete env.GOGC;
  delete env.GOMEMLIMIT;
  const fd = openSync(join(dir, 'gcleak.stderr.log'), 'w');
  const args = ['-mode', 'leak', '-duration', '0', '-tick', '50ms', '-garbage-bytes-per-tick', String(1 << 20), '-pprof-addr', '127.0.0.1:0'];
  const child = spawn(binary, args, { env, stdio: ['ignore', 'pipe', fd] });
  closeSync(fd);
  let text = '';
  child.stdout!.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: string) => (text += chunk) && /pprof listening on/.test(text) && resolve());
    child.once('exit', (code) => reject(new Error(`gcleak exited with ${code} before listening:\n${text}`)));
  });
  return child;
}

describe('attach over SSH in serve mode', () => {
  const dir = testDir('gclens-e2e-ssh-');
  let key: KeyPair;
  let sshd: SshServer | undefined;
  let gcleak: ChildProcess | undefined;
  let serve: ServeProcess | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  const sessionsBefore = process.env.GCLENS_SESSIONS_DIR;
  const configBefore = process.env.GCLENS_CONFIG_DIR;

  beforeAll(async () => {
    process.env.GCLENS_SESSIONS_DIR = join(dir, 'sessions');
    // The recent hosts go there, not to the machine's ~/.config/gclens.
    process.env.GCLENS_CONFIG_DIR = join(dir, 'config');
    key = await makeKey(dir, 'id_ed25519');
    const started = await Promise.allSettled([startSshd({ authorizedKeys: [key.publicKey] }), startGcleak(dir), startServe(), launchChromium()]);
    if (started[0].status === 'fulfilled') sshd = started[0].value;
    if (started[1].status === 'fulfilled') gcleak = started[1].value;
    if (started[2].status === 'fulfilled') serve = started[2].value;
    if (started[3].status === 'fulfilled') browser = started[3].value;
    for (const outcome of started) if (outcome.status === 'rejected') throw outcome.reason;
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await serve?.stop();
    gcleak?.kill('SIGKILL');
    await sshd?.dispose();
    if (sessionsBefore === undefined) delete process.env.GCLENS_SESSIONS_DIR;
    else process.env.GCLENS_SESSIONS_DIR = sessionsBefore;
    if (configBefore === undefined) delete process.env.GCLENS_CONFIG_DIR;
    else process.env.GCLENS_CONFIG_DIR = configBefore;
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds the host, accepts its key in the dialog, lists the process there, attaches, charts and detaches', async () => {
    context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    const app = new AppPage(await context.newPage());
    try {
      await app.open(serve!.url);
      await addHostAndAttach(app);
    } catch (err) {
      await app.screenshot(SCREENSHOT_FAILURE).catch(() => undefined);
      throw new Error(`${(err as Error).message}\n${serve!.output()}`, { cause: err });
    }
  }, 240_000);

  async function addHostAndAttach(app: AppPage): Promise<void> {
    const hosts = new HostsPage(app);
    const live = new LiveAttachPage(app);
    const destination = `root@127.0.0.1:${sshd!.port}`;
    const knownHosts = writeKnownHosts(join(dir, 'known_hosts'), []);
    await live.showProcesses();
    expect(await hosts.selected()).toBe('local');

    await hosts.addHost(destination, key.path, knownHosts);
    expect(await hosts.waitForHostKeyPrompt()).toBe(await openSshFingerprint(`${sshd!.hostKey.path}.pub`));
    await app.screenshot(SCREENSHOT_PROMPT);
    await hosts.answerHostKey('remember');
    expect(await hosts.waitForState('ssh-1', 'connected')).toContain(destination);
    expect(await hosts.selected()).toBe('ssh-1');
    // "Accept and remember" filed the key (hashed, as OpenSSH's HashKnownHosts does).
    expect(readFileSync(knownHosts, 'utf8')).toMatch(/^\|1\|\S+ ssh-ed25519 /m);

    const pid = gcleak!.pid!;
    const rowText = await live.waitForRow(pid);
    expect(rowText).toContain('gcleak');
    expect(await app.byTestId('process-list').getAttribute('data-host-id')).toBe('ssh-1');
    await app.screenshot(SCREENSHOT_PROCESSES);

    const attachId = await live.attach(pid);
    expect(attachId).not.toBe('');
    const tab = app.page.locator('[data-testid="attach-tab"]');
    expect(await tab.getAttribute('data-host-id')).toBe('ssh-1');
    expect(await tab.innerText()).toContain(destination);
    expect((await app.byTestId('attach-host').innerText()).trim()).toBe(destination);

    const first = await live.waitForHeapPoints(0);
    const later = await live.waitForHeapPoints(first + 3, 60_000);
    expect(later).toBeGreaterThan(first);
    await app.screenshot(SCREENSHOT_ATTACH);

    await live.detach();
    expect(await live.status.getAttribute('data-reason')).toBe('detached');
    expect(gcleak!.exitCode).toBeNull();
  }
});
