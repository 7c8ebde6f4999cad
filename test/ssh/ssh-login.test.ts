/**
 * Logging in to a real OpenSSH server: with a key through ssh-agent and from
 * a file (one with a passphrase), and the host key checks: an unknown key
 * surfaces the fingerprint `ssh-keygen -lf` prints and is never accepted
 * silently; "accept and remember" writes a hashed line OpenSSH itself finds;
 * a changed key is refused with OpenSSH's warning naming the file and line;
 * a revoked key is refused.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostKeyError, rememberUnknownHostKey, type HostKeyInfo } from '../../src/main/ssh/host-key-check';
import { SshAuthError } from '../../src/main/ssh/ssh-auth';
import { SshHost } from '../../src/main/ssh/ssh-host';
import { makeKey, openSshFingerprint, sshEnvironment, startAgent, startSshd, testDir, writeKnownHosts, type KeyPair, type SshAgent, type SshServer } from '../helpers/sshd';

const dir = testDir('gclens-ssh-login-');
let server: SshServer;
let agentKey: KeyPair;
let fileKey: KeyPair;
let lockedKey: KeyPair;
let strangerKey: KeyPair;
let agent: SshAgent;
let knownHosts: string;

beforeAll(async () => {
  [agentKey, fileKey, lockedKey, strangerKey] = await Promise.all([
    makeKey(dir, 'agent_key'),
    makeKey(dir, 'file_key'),
    makeKey(dir, 'locked_key', 'correct horse'),
    makeKey(dir, 'stranger_key'),
  ]);
  server = await startSshd({ authorizedKeys: [agentKey.publicKey, fileKey.publicKey, lockedKey.publicKey] });
  agent = await startAgent(dir, [agentKey.path]);
  knownHosts = writeKnownHosts(join(dir, 'known_hosts'), [server.knownHostsLine()]);
});

afterAll(async () => {
  await agent?.stop();
  await server?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const destination = () => `root@127.0.0.1:${server.port}`;

async function whoami(host: SshHost): Promise<string> {
  const result = await host.run(['id', '-un'], { timeoutMs: 10_000 });
  return result.stdout.toString().trim();
}

describe('logging in', () => {
  it('logs in with a key held by ssh-agent (SSH_AUTH_SOCK)', async () => {
    const host = await SshHost.connect(destination(), { environment: sshEnvironment(dir, { authSock: agent.socket }), overrides: { knownHostsFile: knownHosts } });
    expect(host.label).toBe(`root@127.0.0.1:${server.port}`);
    expect(await whoami(host)).toBe('root');
    await host.dispose();
    // The server took the agent's key.
    expect(server.log()).toContain(`Accepted publickey for root from 127.0.0.1 port`);
    expect(server.log()).toContain(`ED25519 ${await openSshFingerprint(`${agentKey.path}.pub`)}`);
  });

  it('logs in with a key file given with -i', async () => {
    const host = await SshHost.connect(destination(), { environment: sshEnvironment(dir), overrides: { identityFiles: [fileKey.path], knownHostsFile: knownHosts } });
    expect(await whoami(host)).toBe('root');
    await host.dispose();
  });

  it('asks for the passphrase of an encrypted key, again after a wrong one, and never keeps it', async () => {
    const asked: Array<{ keyFile: string; attempt: number }> = [];
    const answers = ['wrong', 'correct horse'];
    const options = {
      environment: sshEnvironment(dir),
      overrides: { identityFiles: [lockedKey.path], knownHostsFile: knownHosts },
      prompts: {
        passphrase: async (request: { keyFile: string; attempt: number }) => {
          asked.push({ keyFile: request.keyFile, attempt: request.attempt });
          return answers.shift() ?? null;
        },
      },
    };
    const host = await SshHost.connect(destination(), options);
    expect(await whoami(host)).toBe('root');
    expect(asked).toEqual([
      { keyFile: lockedKey.path, attempt: 1 },
      { keyFile: lockedKey.path, attempt: 2 },
    ]);
    await host.dispose();
    // A new connection asks again: nothing was stored.
    answers.push('correct horse');
    const again = await SshHost.connect(destination(), options);
    expect(asked).toHaveLength(3);
    await again.dispose();
  });

  it('says what it tried and what the server allows when no key is accepted', async () => {
    const failure = await SshHost.connect(destination(), {
      environment: sshEnvironment(dir),
      overrides: { identityFiles: [strangerKey.path, join(dir, 'no_such_key')], knownHostsFile: knownHosts },
      prompts: { password: async () => 'never used: the server does not take passwords' },
    }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(SshAuthError);
    expect(failure).toMatchObject({ kind: 'io', serverAllows: ['publickey'] });
    const message = (failure as Error).message;
    expect(message).toContain(`Permission denied for root@127.0.0.1:${server.port} (the server allows: publickey)`);
    expect(message).toContain(`key ${strangerKey.path}`);
    expect(message).toContain(`no such identity: ${join(dir, 'no_such_key')}`);
  });
});

describe('host keys', () => {
  it('surfaces an unknown key with the fingerprint ssh-keygen -lf prints, refuses it when nobody can be asked, and files it once accepted', async () => {
    const empty = writeKnownHosts(join(dir, 'empty_known_hosts'), []);
    const expected = await openSshFingerprint(`${server.hostKey.path}.pub`);
    const failure = await SshHost.connect(destination(), { environment: sshEnvironment(dir), overrides: { identityFiles: [fileKey.path], knownHostsFile: empty } }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(HostKeyError);
    expect(failure).toMatchObject({ problem: 'unknown', info: { host: '127.0.0.1', port: server.port, keyType: 'ssh-ed25519', fingerprint: expected } });
    expect((failure as Error).message).toContain(`ED25519 key fingerprint is ${expected}`);
    expect(readFileSync(empty, 'utf8')).toBe('\n');
    // The CLI's way to accept it once the person has checked the fingerprint: the next login passes.
    await rememberUnknownHostKey((failure as HostKeyError).info);
    const host = await SshHost.connect(destination(), { environment: sshEnvironment(dir), overrides: { identityFiles: [fileKey.path], knownHostsFile: empty } });
    await host.dispose();
  });

  it('asks about an unknown key; "accept and remember" writes a hashed line that OpenSSH finds, and the next login asks nothing', async () => {
    const file = join(dir, 'remembered_known_hosts');
    const asked: HostKeyInfo[] = [];
    const options = (answer: 'accept-and-remember' | 'reject') => ({
      environment: sshEnvironment(dir),
      overrides: { identityFiles: [fileKey.path], knownHostsFile: file },
      unknownHostKey: async (info: HostKeyInfo) => {
        asked.push(info);
        return answer;
      },
    });
    const host = await SshHost.connect(destination(), options('accept-and-remember'));
    expect(await whoami(host)).toBe('root');
    await host.dispose();
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ fingerprint: await openSshFingerprint(`${server.hostKey.path}.pub`), knownHostsFile: file });
    const written = readFileSync(file, 'utf8');
    expect(written).toMatch(/^\|1\|[A-Za-z0-9+/=]+\|[A-Za-z0-9+/=]+ ssh-ed25519 AAAA\S+\n$/);
    // OpenSSH's own lookup of the hashed name finds the line.
    const found = execFileSync('ssh-keygen', ['-F', `[127.0.0.1]:${server.port}`, '-f', file]).toString();
    expect(found).toContain('ssh-ed25519');

    const again = await SshHost.connect(destination(), options('reject'));
    expect(asked).toHaveLength(1);
    await again.dispose();
  });

  it('refuses a changed key with OpenSSH\'s warning, naming the known_hosts file and line', async () => {
    const other = await makeKey(dir, 'impostor_host_key');
    const file = writeKnownHosts(join(dir, 'changed_known_hosts'), [
      '# the first line is a comment',
      `[127.0.0.1]:${server.port} ${other.publicKey.split(' ').slice(0, 2).join(' ')}`,
    ]);
    let asked = false;
    const failure = await SshHost.connect(destination(), {
      environment: sshEnvironment(dir),
      overrides: { identityFiles: [fileKey.path], knownHostsFile: file },
      unknownHostKey: async () => {
        asked = true;
        return 'accept-once';
      },
    }).catch((err: unknown) => err);
    expect(asked).toBe(false);
    expect(failure).toBeInstanceOf(HostKeyError);
    expect(failure).toMatchObject({ kind: 'io', problem: 'changed', offending: { file, line: 2 } });
    const message = (failure as Error).message;
    expect(message).toContain('WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!');
    expect(message).toContain(`The fingerprint for the ED25519 key sent by the remote host is ${await openSshFingerprint(`${server.hostKey.path}.pub`)}`);
    expect(message).toContain(`Offending ED25519 key in ${file}:2`);
  });

  it('refuses a key marked @revoked', async () => {
    const key = server.knownHostsLine().split(' ').slice(1).join(' ');
    const file = writeKnownHosts(join(dir, 'revoked_known_hosts'), [server.knownHostsLine(), `@revoked * ${key}`]);
    const failure = await SshHost.connect(destination(), { environment: sshEnvironment(dir), overrides: { identityFiles: [fileKey.path], knownHostsFile: file } }).catch((err: unknown) => err);
    expect(failure).toMatchObject({ problem: 'revoked', offending: { file, line: 2 } });
    expect((failure as Error).message).toContain('REVOKED HOST KEY DETECTED');
  });

  it('finds a key filed under a hashed name (ssh-keygen -H), and notes an ignored @cert-authority line', async () => {
    const file = writeKnownHosts(join(dir, 'hashed_known_hosts'), [server.knownHostsLine(), `@cert-authority *.example.org ${fileKey.publicKey}`, `@cert-authority [127.0.0.1]:* ${fileKey.publicKey}`]);
    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
    expect(readFileSync(file, 'utf8')).toMatch(/^\|1\|/);
    const notes: string[] = [];
    const host = await SshHost.connect(destination(), { environment: sshEnvironment(dir), overrides: { identityFiles: [fileKey.path], knownHostsFile: file }, onNote: (n) => notes.push(n) });
    await host.dispose();
    expect(notes.join('\n')).toMatch(/@cert-authority line; gclens does not check host certificates/);
  });
});
