/**
 * LocalHost: the Host conformance suite (test/helpers/host-conformance.ts,
 * the same checks SshHost passes), and what only this machine's host does:
 * sudo for another user, /proc/self being this very process, a stream's
 * pid known at once.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeHostConformance } from '../../../test/helpers/host-conformance';
import { LocalHost } from './local-host';

const dir = mkdtempSync(join(tmpdir(), 'gclens-local-host-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeHostConformance('LocalHost', async () => new LocalHost({ killGraceMs: 300 }), {
  dir,
  loginUser: userInfo().username,
  selfExe: process.execPath,
  inodes: true,
  pollMs: 10,
  runAtDispose: 'exit',
  refusedMessage: /ECONNREFUSED/,
  missingStreamCode: null,
  // The polling tail has looked at the file after a few polls.
  tailsWatching: () => new Promise((r) => setTimeout(r, 50)),
});

describe('LocalHost only', () => {
  it('reads /proc/self as this process', async () => {
    const host = new LocalHost();
    const text = (await host.readFile('/proc/self/status', { maxBytes: 1 << 20 })).toString();
    expect(text).toMatch(new RegExp(`^Pid:\\s+${process.pid}$`, 'm'));
    await host.dispose();
  });

  it('knows a stream\'s pid as soon as it starts', async () => {
    const host = new LocalHost({ killGraceMs: 300 });
    const stream = host.spawnStream(['sleep', '30'], {});
    expect(stream.pid).toBeGreaterThan(0);
    await host.dispose();
  });

  it('runs as another user through sudo -n -u USER -- env NAME=value argv', async () => {
    const fakeSudo = join(dir, 'fake-sudo');
    // Prints the arguments it got, one per line, instead of switching users.
    writeFileSync(fakeSudo, '#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done\n');
    chmodSync(fakeSudo, 0o755);
    const viaSudo = new LocalHost({ sudo: fakeSudo });
    const result = await viaSudo.run(['jcmd', '42', 'VM.version'], { timeoutMs: 10_000, asUser: 'gclens-other', env: { A: '1' } });
    expect(result.stdout.toString().split('\n').slice(0, -1)).toEqual(['-n', '-u', 'gclens-other', '--', 'env', 'A=1', 'jcmd', '42', 'VM.version']);
    await expect(viaSudo.run(['id'], { timeoutMs: 1000, asUser: '-u root' })).rejects.toMatchObject({ kind: 'invalid-argument' });
    await viaSudo.dispose();
  });

  it('says clearly when sudo refuses, and when there is no sudo', async () => {
    const refusingSudo = join(dir, 'refusing-sudo');
    writeFileSync(refusingSudo, '#!/bin/sh\necho "sudo: a password is required" >&2\nexit 1\n');
    chmodSync(refusingSudo, 0o755);
    const refused = new LocalHost({ sudo: refusingSudo });
    await expect(refused.run(['jcmd', '42', 'VM.version'], { timeoutMs: 10_000, asUser: 'gclens-other' })).rejects.toThrow(
      /sudo refused to run jcmd as gclens-other \(sudo: a password is required\)/,
    );
    const noSudo = new LocalHost({ sudo: join(dir, 'no-such-sudo') });
    await expect(noSudo.run(['jcmd'], { timeoutMs: 1000, asUser: 'gclens-other' })).rejects.toThrow('cannot run jcmd as gclens-other: sudo is not installed');
  });
});
