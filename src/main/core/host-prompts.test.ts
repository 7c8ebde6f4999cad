import { describe, expect, it } from 'vitest';
import type { HostPrompt } from '../../shared/hosts-contract';
import type { HostKeyInfo } from '../ssh/host-key-check';
import { HostPrompts } from './host-prompts';

const keyInfo: HostKeyInfo = {
  host: 'box',
  port: 22,
  keyType: 'ssh-ed25519',
  fingerprint: 'SHA256:abc',
  key: Buffer.from('key'),
  knownHostsFile: '/home/me/.ssh/known_hosts',
  otherKnownTypes: [],
};

function setUp() {
  const asked: HostPrompt[] = [];
  const prompts = new HostPrompts((prompt) => asked.push(prompt));
  return { asked, prompts, login: prompts.forHost('ssh-1', 'me@box:22') };
}

describe('host prompts', () => {
  it('puts an unknown host key to the person, with its fingerprint, and passes the decision on', async () => {
    const { asked, prompts, login } = setUp();
    const decision = login.unknownHostKey(keyInfo);
    expect(asked).toEqual([expect.objectContaining({ kind: 'host-key', hostId: 'ssh-1', destination: 'me@box:22', fingerprint: 'SHA256:abc', keyType: 'ssh-ed25519' })]);
    expect(asked[0]).not.toHaveProperty('key');
    prompts.answer({ promptId: asked[0]!.promptId, kind: 'host-key', decision: 'accept-and-remember' });
    expect(await decision).toBe('accept-and-remember');
  });

  it('hands a passphrase through once: a second answer finds no question', async () => {
    const { asked, prompts, login } = setUp();
    const passphrase = login.prompts.passphrase!({ keyFile: '/k', attempt: 1, destination: 'me@box:22' });
    expect(asked[0]).toMatchObject({ kind: 'passphrase', keyFile: '/k', attempt: 1 });
    prompts.answer({ promptId: asked[0]!.promptId, kind: 'secret', values: ['s3cret'] });
    expect(await passphrase).toBe('s3cret');
    expect(() => prompts.answer({ promptId: asked[0]!.promptId, kind: 'secret', values: ['again'] })).toThrow(/answered already/);
  });

  it('lists the open questions, oldest first, until each is answered or given up, for a reloaded window to ask again', async () => {
    const { asked, prompts, login } = setUp();
    const decision = login.unknownHostKey(keyInfo);
    const passphrase = login.prompts.passphrase!({ keyFile: '/k', attempt: 1, destination: 'me@box:22' });
    expect(prompts.open()).toEqual(asked);
    expect(prompts.open().map((p) => p.kind)).toEqual(['host-key', 'passphrase']);
    prompts.answer({ promptId: asked[0]!.promptId, kind: 'host-key', decision: 'accept-once' });
    expect(await decision).toBe('accept-once');
    expect(prompts.open()).toEqual([asked[1]]);
    prompts.cancelHost('ssh-1');
    expect(await passphrase).toBeNull();
    expect(prompts.open()).toEqual([]);
  });

  it('refuses an answer of the wrong kind, and says no to what is open when the login is abandoned', async () => {
    const { asked, prompts, login } = setUp();
    const decision = login.unknownHostKey(keyInfo);
    const answers = login.prompts.keyboardInteractive!({ destination: 'me@box:22', name: '', instructions: '', prompts: [{ prompt: 'Code: ', echo: true }] });
    expect(() => prompts.answer({ promptId: asked[0]!.promptId, kind: 'secret', values: ['x'] })).toThrow(/takes a decision/);
    prompts.cancelHost('ssh-1');
    expect(await decision).toBe('reject');
    expect(await answers).toBeNull();
  });
});
