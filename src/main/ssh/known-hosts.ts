/**
 * OpenSSH's known_hosts files (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"): one
 * key per line, `[marker] hostpatterns keytype base64-key [comment]`. Host
 * patterns are comma-separated names with * and ? wildcards and ! negation,
 * written `[host]:port` for a port other than 22, or one hashed entry
 * `|1|base64(salt)|base64(HMAC-SHA1(salt, name))` (HashKnownHosts). Markers:
 * @revoked (this key must be refused) and @cert-authority (host certificates,
 * which gclens does not check: such lines are set aside with a note).
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { appendFile, chmod, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface KnownHostEntry {
  file: string;
  /** 1-based, as OpenSSH names "known_hosts:LINE". */
  line: number;
  marker: 'revoked' | 'cert-authority' | null;
  hostPatterns: string;
  keyType: string;
  key: Buffer;
}

export type HostKeyStatus =
  | { status: 'known'; entry: KnownHostEntry }
  | { status: 'revoked'; entry: KnownHostEntry }
  /** The host is filed with another key of the same type. */
  | { status: 'changed'; entry: KnownHostEntry }
  /** Not filed; `otherTypes` are key types that are filed for it. */
  | { status: 'unknown'; otherTypes: string[] };

export interface HostKeyLookup {
  result: HostKeyStatus;
  /** Things the person should know: @cert-authority lines that were not used. */
  notes: string[];
}

/** `host` for port 22, `[host]:port` otherwise: the name known_hosts files a key under. */
export function knownHostsName(host: string, port: number): string {
  const name = host.toLowerCase();
  return port === 22 ? name : `[${name}]:${port}`;
}

/** The key type named inside an SSH public key blob (its first string). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const length = blob.readUInt32BE(0);
  return length > 0 && length < 64 && blob.length >= 4 + length ? blob.subarray(4, 4 + length).toString('latin1') : 'unknown';
}

/** As OpenSSH prints it: SHA256: then the base64 of the digest without padding. */
export function fingerprintSha256(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** ED25519, RSA, ECDSA…: how OpenSSH names a key type in its messages. */
export function keyTypeLabel(keyType: string): string {
  if (keyType === 'ssh-ed25519') return 'ED25519';
  if (keyType === 'ssh-rsa') return 'RSA';
  if (keyType === 'ssh-dss') return 'DSA';
  if (keyType.startsWith('ecdsa-sha2-')) return 'ECDSA';
  if (keyType.startsWith('sk-ssh-ed25519')) return 'ED25519-SK';
  if (keyType.startsWith('sk-ecdsa')) return 'ECDSA-SK';
  return keyType;
}

export function parseKnownHosts(text: string, file: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(/\s+/);
    let marker: KnownHostEntry['marker'] = null;
    if (fields[0]?.startsWith('@')) {
      const name = fields.shift();
      if (name === '@revoked') marker = 'revoked';
      else if (name === '@cert-authority') marker = 'cert-authority';
      else return; // an unknown marker: OpenSSH skips the line too
    }
    const [hostPatterns, keyType, keyText] = fields;
    if (!hostPatterns || !keyType || !keyText || !/^[A-Za-z0-9+/]+=*$/.test(keyText)) return;
    const key = Buffer.from(keyText, 'base64');
    // A line whose blob names another type is damaged; OpenSSH ignores it as well.
    if (keyTypeOf(key) !== keyType) return;
    entries.push({ file, line: index + 1, marker, hostPatterns, keyType, key });
  });
  return entries;
}

export async function loadKnownHosts(files: string[]): Promise<KnownHostEntry[]> {
  const all: KnownHostEntry[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') continue;
      throw err;
    }
    all.push(...parseKnownHosts(text, file));
  }
  return all;
}

function globMatches(pattern: string, text: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 's').test(text);
}

/** Whether a host-pattern field names `name` (already in knownHostsName form). */
export function hostPatternsMatch(patterns: string, name: string): boolean {
  if (patterns.startsWith('|1|')) {
    const [, , salt, hash] = patterns.split('|');
    if (!salt || !hash) return false;
    const digest = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest();
    return digest.equals(Buffer.from(hash, 'base64'));
  }
  let matched = false;
  for (const raw of patterns.split(',')) {
    const pattern = raw.toLowerCase();
    // A matching negated pattern rules the line out, whatever else matches.
    if (pattern.startsWith('!')) {
      if (globMatches(pattern.slice(1), name)) return false;
    } else if (globMatches(pattern, name)) {
      matched = true;
    }
  }
  return matched;
}

/** What the files say about `key` offered by the host filed as `host` on `port`. */
export function lookupHostKey(entries: KnownHostEntry[], host: string, port: number, key: Buffer): HostKeyLookup {
  const name = knownHostsName(host, port);
  const keyType = keyTypeOf(key);
  const notes: string[] = [];
  const forHost = entries.filter((e) => hostPatternsMatch(e.hostPatterns, name));
  for (const entry of forHost) {
    if (entry.marker === 'cert-authority') notes.push(`${entry.file}:${entry.line} is a @cert-authority line; gclens does not check host certificates and ignored it`);
  }
  const revoked = forHost.find((e) => e.marker === 'revoked' && e.key.equals(key));
  if (revoked) return { result: { status: 'revoked', entry: revoked }, notes };
  const plain = forHost.filter((e) => e.marker === null);
  const same = plain.find((e) => e.key.equals(key));
  if (same) return { result: { status: 'known', entry: same }, notes };
  const sameType = plain.find((e) => e.keyType === keyType);
  if (sameType) return { result: { status: 'changed', entry: sameType }, notes };
  return { result: { status: 'unknown', otherTypes: [...new Set(plain.map((e) => e.keyType))] }, notes };
}

/** The key types filed for a host, so the handshake can ask for one of them first (as OpenSSH orders HostKeyAlgorithms). */
export function knownKeyTypes(entries: KnownHostEntry[], host: string, port: number): string[] {
  const name = knownHostsName(host, port);
  return [...new Set(entries.filter((e) => e.marker === null && hostPatternsMatch(e.hostPatterns, name)).map((e) => e.keyType))];
}

/** A hashed known_hosts line for the host's key, like `ssh-keyscan -H` writes. */
export function hashedKnownHostsLine(host: string, port: number, key: Buffer, salt: Buffer = randomBytes(20)): string {
  const digest = createHmac('sha1', salt).update(knownHostsName(host, port)).digest();
  return `|1|${salt.toString('base64')}|${digest.toString('base64')} ${keyTypeOf(key)} ${key.toString('base64')}`;
}

/** Appends the host's key to `file` (hashed), making the file (0600) and its folder (0700) when missing. */
export async function rememberHostKey(file: string, host: string, port: number, key: Buffer): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  let existing = '';
  try {
    existing = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
  await appendFile(file, `${separator}${hashedKnownHostsLine(host, port, key)}\n`, { mode: 0o600 });
  if (existing === '') await chmod(file, 0o600);
}
