import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprintSha256, hashedKnownHostsLine, hostPatternsMatch, keyTypeOf, loadKnownHosts, lookupHostKey, parseKnownHosts, rememberHostKey } from './known-hosts';

const dir = mkdtempSync(join(tmpdir(), 'gclens-known-hosts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A real key from ssh-keygen: its public blob and the fingerprint ssh-keygen prints. */
function sshKeygenKey(name: string, type = 'ed25519'): { line: string; blob: Buffer; fingerprint: string } {
  const path = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-f', path]);
  const line = readFileSync(`${path}.pub`, 'utf8').trim();
  const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${path}.pub`]).toString().split(' ')[1]!;
  return { line, blob: Buffer.from(line.split(' ')[1]!, 'base64'), fingerprint };
}

const key = sshKeygenKey('a');
const other = sshKeygenKey('b');
const rsa = sshKeygenKey('c', 'rsa');
const typeAndKey = (k: { line: string }) => k.line.split(' ').slice(0, 2).join(' ');

describe('known_hosts', () => {
  it('computes the fingerprint ssh-keygen -l prints, and reads the key type from the blob', () => {
    expect(fingerprintSha256(key.blob)).toBe(key.fingerprint);
    expect(fingerprintSha256(rsa.blob)).toBe(rsa.fingerprint);
    expect(keyTypeOf(key.blob)).toBe('ssh-ed25519');
    expect(keyTypeOf(rsa.blob)).toBe('ssh-rsa');
  });

  it('matches names, [host]:port, wildcards and negations', () => {
    expect(hostPatternsMatch('box,10.0.0.1', 'box')).toBe(true);
    expect(hostPatternsMatch('BOX', 'box')).toBe(true);
    expect(hostPatternsMatch('box', '[box]:2222')).toBe(false);
    expect(hostPatternsMatch('[box]:2222', '[box]:2222')).toBe(true);
    expect(hostPatternsMatch('*.example.org,!db.example.org', 'api.example.org')).toBe(true);
    expect(hostPatternsMatch('*.example.org,!db.example.org', 'db.example.org')).toBe(false);
    expect(hostPatternsMatch('[10.0.0.?]:*', '[10.0.0.7]:2200')).toBe(true);
  });

  it('finds a line written by ssh-keygen -H (hashed), and OpenSSH finds a line gclens hashed', () => {
    const file = join(dir, 'hashed');
    writeFileSync(file, `[127.0.0.1]:2222 ${typeAndKey(key)}\nbox ${typeAndKey(rsa)}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
    const entries = parseKnownHosts(readFileSync(file, 'utf8'), file);
    expect(entries.every((e) => e.hostPatterns.startsWith('|1|'))).toBe(true);
    expect(lookupHostKey(entries, '127.0.0.1', 2222, key.blob).result).toMatchObject({ status: 'known', entry: { line: 1 } });
    expect(lookupHostKey(entries, 'box', 22, rsa.blob).result.status).toBe('known');
    expect(lookupHostKey(entries, '127.0.0.1', 22, key.blob).result.status).toBe('unknown');

    const ours = join(dir, 'ours');
    writeFileSync(ours, `${hashedKnownHostsLine('db.example.org', 2200, other.blob)}\n`);
    expect(execFileSync('ssh-keygen', ['-F', '[db.example.org]:2200', '-f', ours]).toString()).toContain(typeAndKey(other));
  });

  it('tells known, changed (same type, other key), unknown (with the types known) and revoked apart', () => {
    const text = ['# comment', '', `box ${typeAndKey(key)}`, `box ${typeAndKey(rsa)}`, `@revoked * ${typeAndKey(other)}`, `@cert-authority *.example.org ${typeAndKey(key)}`, 'box ssh-ed25519 not-base64!'].join('\n');
    const entries = parseKnownHosts(text, '/kh');
    expect(entries.map((e) => [e.line, e.marker])).toEqual([
      [3, null],
      [4, null],
      [5, 'revoked'],
      [6, 'cert-authority'],
    ]);
    expect(lookupHostKey(entries, 'box', 22, key.blob).result.status).toBe('known');
    expect(lookupHostKey(entries, 'box', 22, other.blob).result).toMatchObject({ status: 'revoked', entry: { file: '/kh', line: 5 } });
    const changed = sshKeygenKey('d');
    expect(lookupHostKey(entries, 'box', 22, changed.blob).result).toMatchObject({ status: 'changed', entry: { line: 3 } });
    expect(lookupHostKey(parseKnownHosts(`box ${typeAndKey(rsa)}`, '/kh'), 'box', 22, changed.blob).result).toEqual({ status: 'unknown', otherTypes: ['ssh-rsa'] });
    expect(lookupHostKey(entries, 'api.example.org', 22, key.blob)).toMatchObject({ result: { status: 'unknown' }, notes: [expect.stringContaining('@cert-authority')] });
  });

  it('remembers a key in a new file (0600) or after a last line without a newline', async () => {
    const fresh = join(dir, 'sub/known_hosts');
    await rememberHostKey(fresh, 'box', 2222, key.blob);
    expect((statSync(fresh).mode & 0o777).toString(8)).toBe('600');
    const existing = join(dir, 'existing');
    writeFileSync(existing, `box ${typeAndKey(rsa)}`);
    await rememberHostKey(existing, 'box', 22, key.blob);
    const entries = await loadKnownHosts([fresh, existing, join(dir, 'missing')]);
    expect(entries.map((e) => [e.file, e.line])).toEqual([
      [fresh, 1],
      [existing, 1],
      [existing, 2],
    ]);
    expect(lookupHostKey(entries, 'box', 2222, key.blob).result.status).toBe('known');
    expect(lookupHostKey(entries, 'box', 22, key.blob).result.status).toBe('known');
  });
});
