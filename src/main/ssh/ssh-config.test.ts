import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveRoute, type SshEnvironment } from './ssh-config';

const home = mkdtempSync(join(tmpdir(), 'gclens-ssh-config-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function environment(config: string, system = ''): SshEnvironment {
  mkdirSync(join(home, '.ssh'), { recursive: true });
  writeFileSync(join(home, '.ssh/config'), config);
  writeFileSync(join(home, 'ssh_config'), system);
  return {
    home,
    localUser: 'me',
    localUid: 1000,
    localHostName: 'laptop.example.org',
    authSock: '/run/agent.sock',
    userConfigFile: join(home, '.ssh/config'),
    systemConfigFile: join(home, 'ssh_config'),
    env: { MY_AGENT: '/run/other-agent.sock' },
  };
}

describe('resolveRoute', () => {
  it('takes HostName, User, Port and IdentityFiles from the first matching Host blocks, expanding ~ and tokens', async () => {
    const env = environment(
      [
        'Host api !api-test api-*',
        '  HostName %h.internal.example.org',
        '  User deploy',
        '  Port 2222',
        '  IdentityFile ~/.ssh/id_%r@%h',
        '  IdentityFile "%d/keys/with space/%u_%p_%%"',
        'Host *',
        '  User ignored-because-first-wins',
        '  Port 22',
        '  IdentityFile ~/.ssh/shared',
        '  HostKeyAlias api-cluster',
        '  ConnectTimeout 7',
        '  ServerAliveInterval 30',
        '  ServerAliveCountMax 4',
      ].join('\n'),
    );
    const route = await resolveRoute('api-eu', {}, env);
    expect(route.jumps).toEqual([]);
    expect(route.label).toBe('deploy@api-eu:2222');
    expect(route.target).toMatchObject({
      name: 'api-eu',
      hostName: 'api-eu.internal.example.org',
      user: 'deploy',
      port: 2222,
      identityFiles: [
        { path: join(home, '.ssh/id_deploy@api-eu.internal.example.org'), explicit: true },
        { path: join(home, 'keys/with space/me_2222_%'), explicit: true },
        { path: join(home, '.ssh/shared'), explicit: true },
      ],
      identitiesOnly: false,
      agentSocket: '/run/agent.sock',
      userKnownHostsFiles: [join(home, '.ssh/known_hosts'), join(home, '.ssh/known_hosts2')],
      hostKeyAlias: 'api-cluster',
      connectTimeoutMs: 7000,
      keepaliveIntervalMs: 30_000,
      keepaliveCountMax: 4,
    });
    // A negated pattern rules its Host line out.
    expect((await resolveRoute('api-test', {}, env)).target).toMatchObject({ hostName: 'api-test', user: 'ignored-because-first-wins', port: 22 });
  });

  it('lets the destination and the command line win, as OpenSSH lets ssh -p and -i', async () => {
    const env = environment('Host box\n  User deploy\n  Port 2222\n  IdentityFile ~/.ssh/box_key\n  UserKnownHostsFile ~/.ssh/box_hosts\n');
    const route = await resolveRoute('root@box:2200', { identityFiles: ['~/.ssh/cli_key'], knownHostsFile: '/tmp/hosts' }, env);
    expect(route.target).toMatchObject({
      user: 'root',
      port: 2200,
      identityFiles: [
        { path: join(home, '.ssh/cli_key'), explicit: true },
        { path: join(home, '.ssh/box_key'), explicit: true },
      ],
      userKnownHostsFiles: ['/tmp/hosts'],
    });
  });

  it("uses OpenSSH's defaults where the config says nothing", async () => {
    const route = await resolveRoute('plain.example.org', {}, environment(''));
    expect(route.target).toMatchObject({
      hostName: 'plain.example.org',
      user: 'me',
      port: 22,
      identityFiles: ['id_rsa', 'id_ecdsa', 'id_ed25519'].map((name) => ({ path: join(home, '.ssh', name), explicit: false })),
      globalKnownHostsFiles: ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'],
      hostKeyAlias: null,
      connectTimeoutMs: null,
    });
  });

  it('follows ProxyJump through several hops, each resolved through the config, the first with its own ProxyJump', async () => {
    const env = environment(
      [
        'Host target',
        '  HostName 10.1.2.3',
        '  ProxyJump ops@bastion:2022,inner',
        'Host bastion',
        '  HostName bastion.example.org',
        '  ProxyJump gateway',
        'Host inner',
        '  HostName 10.1.0.1',
        '  User jump',
        '  ProxyJump ignored-for-a-later-hop',
        'Host gateway',
        '  HostName gw.example.org',
        '  Port 443',
      ].join('\n'),
    );
    const route = await resolveRoute('target', {}, env);
    expect(route.jumps.map((h) => `${h.user}@${h.hostName}:${h.port}`)).toEqual(['me@gw.example.org:443', 'ops@bastion.example.org:2022', 'jump@10.1.0.1:22']);
    expect(route.target.hostName).toBe('10.1.2.3');
    expect((await resolveRoute('target', {}, environment('Host target\n  ProxyJump none\n'))).jumps).toEqual([]);
  });

  it('says so for a ProxyJump loop, a ProxyCommand and an unknown token', async () => {
    await expect(resolveRoute('a', {}, environment('Host a\n  ProxyJump b\nHost b\n  ProxyJump a\n'))).rejects.toThrow(/loop/);
    await expect(resolveRoute('a', {}, environment('Host a\n  ProxyCommand nc %h %p\n'))).rejects.toThrow(/ProxyCommand is not supported/);
    await expect(resolveRoute('a', {}, environment('Host a\n  IdentityFile ~/.ssh/%T\n'))).rejects.toThrow(/unknown or unsupported token %T/);
  });

  it('reads IdentitiesOnly and IdentityAgent (none, a path, an environment variable)', async () => {
    const env = environment('Host a\n  IdentitiesOnly yes\n  IdentityAgent none\nHost b\n  IdentityAgent ~/agent.sock\nHost c\n  IdentityAgent $MY_AGENT\n');
    expect((await resolveRoute('a', {}, env)).target).toMatchObject({ identitiesOnly: true, agentSocket: null });
    expect((await resolveRoute('b', {}, env)).target.agentSocket).toBe(join(home, 'agent.sock'));
    expect((await resolveRoute('c', {}, env)).target.agentSocket).toBe('/run/other-agent.sock');
  });

  it('follows Include, and puts the user config before the system one', async () => {
    mkdirSync(join(home, '.ssh/config.d'), { recursive: true });
    writeFileSync(join(home, '.ssh/config.d/10-db.conf'), 'Host db\n  HostName db.example.org\n  IdentityFile ~/.ssh/db_key\n');
    const env = environment('Include config.d/*.conf\n', 'Host *\n  User system-user\n  IdentityFile ~/.ssh/system_key\n  HostName not-used\n');
    const route = await resolveRoute('db', {}, env);
    expect(route.target).toMatchObject({
      hostName: 'db.example.org',
      user: 'system-user',
      identityFiles: [
        { path: join(home, '.ssh/db_key'), explicit: true },
        { path: join(home, '.ssh/system_key'), explicit: true },
      ],
    });
  });
});
