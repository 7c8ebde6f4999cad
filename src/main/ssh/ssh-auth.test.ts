import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnyAuthMethod, AuthenticationType, ParsedKey } from 'ssh2';
import { afterAll, describe, expect, it } from 'vitest';
import { planAuth, type AuthPrompts } from './ssh-auth';
import type { SshHop } from './ssh-config';

const dir = mkdtempSync(join(tmpdir(), 'gclens-ssh-auth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function key(name: string, passphrase = ''): string {
  const path = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-f', path]);
  return path;
}

function hop(identityFiles: SshHop['identityFiles']): SshHop {
  return {
    name: 'box',
    hostName: 'box',
    port: 22,
    user: 'app',
    identityFiles,
    identitiesOnly: false,
    agentSocket: null,
    userKnownHostsFiles: [],
    globalKnownHostsFiles: [],
    hostKeyAlias: null,
    connectTimeoutMs: null,
    keepaliveIntervalMs: null,
    keepaliveCountMax: null,
  };
}

/** Walks the handler as ssh2 would when every method fails, answering what each step returned. */
async function walk(plan: ReturnType<typeof planAuth>, allowed: AuthenticationType[]): Promise<Array<AnyAuthMethod | false>> {
  const steps: Array<AnyAuthMethod | false> = [];
  let methodsLeft: AuthenticationType[] | null = null;
  for (;;) {
    const step = await new Promise<AnyAuthMethod | false>((resolve) => plan.handler(methodsLeft as AuthenticationType[], false, resolve as never));
    steps.push(step);
    if (step === false) return steps;
    methodsLeft = allowed;
  }
}

describe('planAuth', () => {
  it('goes none, key files (asking a passphrase), keyboard-interactive, password, in that order', async () => {
    const plain = key('plain');
    const locked = key('locked', 'secret');
    const asked: string[] = [];
    const prompts: AuthPrompts = {
      passphrase: async ({ keyFile }) => (asked.push(`passphrase ${keyFile}`), 'secret'),
      keyboardInteractive: async () => (asked.push('keyboard'), ['answer']),
      password: async ({ user }) => (asked.push(`password ${user}`), 'hunter2'),
    };
    const decrypted = new Map<string, ParsedKey>();
    const plan = planAuth(hop([{ path: plain, explicit: true }, { path: locked, explicit: true }, { path: join(dir, 'missing'), explicit: false }]), 'app@box:22', prompts, decrypted);
    const steps = await walk(plan, ['publickey', 'keyboard-interactive', 'password']);
    expect(steps.map((s) => (s === false ? false : s.type))).toEqual(['none', 'publickey', 'publickey', 'keyboard-interactive', 'password', false]);
    expect(asked).toEqual([`passphrase ${locked}`, `password app`]);
    // The unlocked key is kept for a reconnect, the passphrase is not.
    expect([...decrypted.keys()]).toEqual([plain, locked]);
    const failure = plan.failure();
    expect(failure.message).toBe(`Permission denied for app@box:22 (the server allows: publickey, keyboard-interactive, password). Tried: key ${plain}, key ${locked}, keyboard-interactive, password.`);
  });

  it('skips what the server does not allow, and says why keys were not used', async () => {
    const locked = key('locked2', 'secret');
    const plan = planAuth(hop([{ path: locked, explicit: true }, { path: join(dir, 'nope'), explicit: true }]), 'app@box:22', { passphrase: async () => null }, new Map());
    const steps = await walk(plan, ['publickey']);
    expect(steps.map((s) => (s === false ? false : s.type))).toEqual(['none', false]);
    expect(plan.failure().message).toBe(`Permission denied for app@box:22 (the server allows: publickey). Tried: nothing usable. ${locked}: no passphrase given; no such identity: ${join(dir, 'nope')}.`);
  });
});
