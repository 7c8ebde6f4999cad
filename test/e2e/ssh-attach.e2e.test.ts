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
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGoFixture } from '../helpers/go-fixture';
import { makeKey, openSshFingerprint, startSshd, testDir, writeKnownHosts, type KeyPair, type SshServer } from '../helpers/sshd';
import type { AppPage } from './pages/app-page';
import { e2eHarness, withFailureScreenshot } from './pages/e2e-harness';
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
  const harness = e2eHarness({
    dir,
    env: {
      GCLENS_SESSIONS_DIR: join(dir, 'sessions'),
      // The recent hosts go there, not to the machine's ~/.config/gclens.
      GCLENS_CONFIG_DIR: join(dir, 'config'),
    },
    prepare: async () => {
      key = await makeKey(dir, 'id_ed25519');
    },
    fixtures: {
      sshd: { start: () => startSshd({ authorizedKeys: [key.publicKey] }), stop: (sshd: SshServer) => sshd.dispose() },
      gcleak: { start: () => startGcleak(dir), stop: (gcleak: ChildProcess) => gcleak.kill('SIGKILL') },
    },
  });

  it('adds the host, accepts its key in the dialog, lists the process there, attaches, charts and detaches', async () => {
    const app = await harness.newApp();
    await withFailureScreenshot(app, SCREENSHOT_FAILURE, () => addHostAndAttach(app), () => harness.serve.output());
  }, 240_000);

  async function addHostAndAttach(app: AppPage): Promise<void> {
    await app.open(harness.serve.url);
    const hosts = new HostsPage(app);
    const live = new LiveAttachPage(app);
    const sshd = harness.fixture('sshd');
    const gcleak = harness.fixture('gcleak');
    const destination = `root@127.0.0.1:${sshd.port}`;
    const knownHosts = writeKnownHosts(join(dir, 'known_hosts'), []);
    await live.showProcesses();
    expect(await hosts.selected()).toBe('local');

    await hosts.addHost(destination, key.path, knownHosts);
    expect(await hosts.waitForHostKeyPrompt()).toBe(await openSshFingerprint(`${sshd.hostKey.path}.pub`));
    await app.screenshot(SCREENSHOT_PROMPT);
    await hosts.answerHostKey('remember');
    expect(await hosts.waitForState('ssh-1', 'connected')).toContain(destination);
    await expect.poll(() => hosts.selected()).toBe('ssh-1');
    // "Accept and remember" filed the key (hashed, as OpenSSH's HashKnownHosts does).
    expect(readFileSync(knownHosts, 'utf8')).toMatch(/^\|1\|\S+ ssh-ed25519 /m);

    const pid = gcleak.pid!;
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
    expect(gcleak.exitCode).toBeNull();
  }
});
