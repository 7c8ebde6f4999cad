/**
 * Recent hosts through the backend API, against the loopback sshd: a login
 * with a passphrase-protected key is remembered in the config folder without
 * its passphrase, a second backend over the same folder (gclens restarted)
 * offers it, reconnecting with what it offers asks the passphrase again (it
 * was never kept) and connects, and forgetting it empties the list.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EventChannel, EventMap, HostInfo, HostPrompt, RecentHost } from '../../src/shared/contract';
import type { Result } from '../../src/shared/result';
import { createBackend, type Backend } from '../../src/main/core/backend';
import { RECENT_HOSTS_FILE } from '../../src/main/core/recent-hosts';
import { makeKey, sshEnvironment, startSshd, testDir, writeKnownHosts, type KeyPair, type SshServer } from '../helpers/sshd';

const PASSPHRASE = 'tr0ub4dor&3-recent';
const dir = testDir('gclens-ssh-recent-');
const configDir = join(dir, 'config');
let server: SshServer;
let key: KeyPair;
const backends: Backend[] = [];

beforeAll(async () => {
  key = await makeKey(dir, 'id_ed25519', PASSPHRASE);
  server = await startSshd({ authorizedKeys: [key.publicKey] });
});

afterAll(async () => {
  for (const backend of backends) await backend.dispose();
  await server?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** A backend over the test's config folder that answers every passphrase question with PASSPHRASE; counts the questions. */
function start(): { backend: Backend; passphraseAsks: () => number } {
  const asked: HostPrompt[] = [];
  const backend = createBackend({
    transport: 'serve',
    emit: <E extends EventChannel>(channel: E, payload: EventMap[E]) => {
      if (channel !== 'hosts:prompt') return;
      const prompt = payload as HostPrompt;
      asked.push(prompt);
      void backend.dispatch('hosts:answer', { promptId: prompt.promptId, kind: 'secret', values: [PASSPHRASE] });
    },
    sessionsDir: join(dir, 'sessions'),
    configDir,
    sshEnvironment: sshEnvironment(dir),
  });
  backends.push(backend);
  return { backend, passphraseAsks: () => asked.filter((p) => p.kind === 'passphrase').length };
}

async function call<T>(backend: Backend, channel: string, request?: unknown): Promise<T> {
  const result = (await backend.dispatch(channel, request)) as Result<T>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

it('remembers a login without its passphrase, offers it after a restart, and reconnects with it', async () => {
  const knownHostsFile = writeKnownHosts(join(dir, 'known_hosts'), [server.knownHostsLine()]);
  const destination = `root@127.0.0.1:${server.port}`;
  const first = start();
  expect(await call<RecentHost[]>(first.backend, 'hosts:recent')).toEqual([]);
  const before = Date.now();
  await call<HostInfo>(first.backend, 'hosts:connect', { destination, identityFile: key.path, knownHostsFile });
  expect(first.passphraseAsks()).toBe(1);

  const text = readFileSync(join(configDir, RECENT_HOSTS_FILE), 'utf8');
  expect(text).not.toContain(PASSPHRASE);
  expect(text).not.toContain(readFileSync(key.path, 'utf8').split('\n')[1]!);
  expect(text).not.toMatch(/passphrase|password|BEGIN/i);
  await first.backend.dispose();

  // gclens restarted: a new backend over the same folder.
  const second = start();
  const recent = await call<RecentHost[]>(second.backend, 'hosts:recent');
  expect(recent).toEqual([{ destination, identityFile: key.path, knownHostsFile, lastConnectedAt: expect.any(String) }]);
  expect(Date.parse(recent[0]!.lastConnectedAt)).toBeGreaterThanOrEqual(before - 1000);

  const { lastConnectedAt: _when, ...request } = recent[0]!;
  const again = await call<HostInfo>(second.backend, 'hosts:connect', request);
  expect(again).toMatchObject({ kind: 'ssh', state: 'connected', destination });
  expect(second.passphraseAsks()).toBe(1);

  expect(await call<RecentHost[]>(second.backend, 'hosts:forget', { destination })).toEqual([]);
  expect(await call<RecentHost[]>(start().backend, 'hosts:recent')).toEqual([]);
});

it('does not remember a login that failed', async () => {
  const { backend } = start();
  const wrongKnownHosts = writeKnownHosts(join(dir, 'known_hosts_other'), [`[127.0.0.1]:${server.port} ${key.publicKey.split(' ').slice(0, 2).join(' ')}`]);
  const result = await backend.dispatch('hosts:connect', { destination: `root@127.0.0.1:${server.port}`, identityFile: key.path, knownHostsFile: wrongKnownHosts });
  expect(result).toMatchObject({ ok: false });
  expect(await call<RecentHost[]>(backend, 'hosts:recent')).toEqual([]);
});

it('holds hosts:forget to the destination schema', async () => {
  const { backend } = start();
  for (const request of [{ destination: '-oProxyCommand=x' }, { destination: 'a', extra: 1 }, {}, undefined]) {
    expect(await backend.dispatch('hosts:forget', request)).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
  }
  expect(await backend.dispatch('hosts:recent', { any: 1 })).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
});
