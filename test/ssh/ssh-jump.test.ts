/**
 * ProxyJump through a real second sshd: the config names the target by an
 * alias whose ProxyJump is another alias, each with its own HostName, Port,
 * User, IdentityFile and UserKnownHostsFile. The jump server's log shows the
 * forwarded connection to the target, and the target's log the login.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SshHost } from '../../src/main/ssh/ssh-host';
import { makeKey, sshEnvironment, startSshd, testDir, writeKnownHosts, type KeyPair, type SshServer } from '../helpers/sshd';

const dir = testDir('gclens-ssh-jump-');
let jump: SshServer;
let target: SshServer;
let key: KeyPair;
let configFile: string;

beforeAll(async () => {
  key = await makeKey(dir, 'id_jump');
  // DEBUG1 makes the jump server log each direct-tcpip request it serves.
  [jump, target] = await Promise.all([startSshd({ authorizedKeys: [key.publicKey], extraConfig: ['LogLevel DEBUG1'] }), startSshd({ authorizedKeys: [key.publicKey] })]);
  const knownHosts = writeKnownHosts(join(dir, 'known hosts'), [jump.knownHostsLine(), target.knownHostsLine()]);
  configFile = join(dir, 'config');
  writeFileSync(
    configFile,
    [
      'Host bastion',
      '  HostName 127.0.0.1',
      `  Port ${jump.port}`,
      '  User root',
      '',
      'Host app-*',
      '  HostName 127.0.0.1',
      `  Port ${target.port}`,
      '  ProxyJump bastion',
      '',
      'Host *',
      '  User root',
      '  IdentityFile %d/id_jump',
      '  IdentitiesOnly yes',
      `  UserKnownHostsFile "${knownHosts}"`,
    ].join('\n') + '\n',
  );
});

afterAll(async () => {
  await Promise.all([jump?.dispose(), target?.dispose()]);
  rmSync(dir, { recursive: true, force: true });
});

it('reaches the target through the jump host named by ProxyJump in the config', async () => {
  const host = await SshHost.connect('app-payments', { environment: sshEnvironment(dir, { configFile }) });
  expect(host.label).toBe(`root@app-payments:${target.port}`);
  expect(host.connection.route.jumps.map((hop) => `${hop.user}@${hop.hostName}:${hop.port}`)).toEqual([`root@127.0.0.1:${jump.port}`]);
  const result = await host.run(['sh', '-c', 'echo "$SSH_CONNECTION"'], { timeoutMs: 10_000 });
  // The target sees the connection arrive on its own port from the jump server.
  expect(result.stdout.toString()).toMatch(new RegExp(`^127\\.0\\.0\\.1 \\d+ 127\\.0\\.0\\.1 ${target.port}\\n$`));
  expect(jump.log()).toMatch(new RegExp(`server_request_direct_tcpip: originator .*, target 127\\.0\\.0\\.1 port ${target.port}\\b`));
  await host.dispose();
});

it('takes several hops from a ProxyJump list, each resolved through the config', async () => {
  // bastion, then app-second (the target's sshd as a hop of its own), then the target: three logins in a row.
  const chainConfig = join(dir, 'config-chain');
  writeFileSync(chainConfig, `Host chain\n  HostName 127.0.0.1\n  Port ${target.port}\n  ProxyJump bastion,app-second\n\n${readFileSync(configFile, 'utf8')}`);
  const host = await SshHost.connect('chain', { environment: sshEnvironment(dir, { configFile: chainConfig }) });
  expect(host.connection.route.jumps.map((hop) => `${hop.name} ${hop.port}`)).toEqual([`bastion ${jump.port}`, `app-second ${target.port}`]);
  expect((await host.run(['true'], { timeoutMs: 10_000 })).code).toBe(0);
  await host.dispose();
});
