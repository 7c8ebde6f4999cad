/**
 * Checks the key a server presents against the known_hosts files, the way
 * OpenSSH does with StrictHostKeyChecking=ask: a known key passes, a revoked
 * or changed one is refused with OpenSSH's warning, and an unknown one is
 * put to the person (the UI's prompt) with its SHA256 fingerprint, or refused
 * when nobody can be asked (the CLI). Never accepted silently:
 * StrictHostKeyChecking=no in a config is not honoured.
 */
import { GclensError } from '../../shared/result';
import {
  fingerprintSha256,
  keyTypeLabel,
  keyTypeOf,
  knownHostsName,
  knownKeyTypes,
  loadKnownHosts,
  lookupHostKey,
  rememberHostKey,
  type KnownHostEntry,
} from './known-hosts';
import type { SshHop } from './ssh-config';

/** What the UI shows when it asks about a host key, and what "remember" needs. */
export interface HostKeyInfo {
  /** The name the key is filed under (HostKeyAlias or HostName) and its port. */
  host: string;
  port: number;
  /** ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa… */
  keyType: string;
  /** SHA256:… as `ssh-keygen -lf` prints it. */
  fingerprint: string;
  /** The server's public key blob. */
  key: Buffer;
  /** Where "accept and remember" writes (the first UserKnownHostsFile). */
  knownHostsFile: string;
  /** Key types filed for this host, when only other types are known. */
  otherKnownTypes: string[];
}

export type HostKeyDecision = 'accept-once' | 'accept-and-remember' | 'reject';

/** Asks the person about an unknown host key. */
export type UnknownHostKeyPrompt = (info: HostKeyInfo) => Promise<HostKeyDecision>;

export type HostKeyProblem = 'unknown' | 'changed' | 'revoked';

/** A refused host key; `kind` is 'io' so it travels the envelope with its message. */
export class HostKeyError extends GclensError {
  constructor(
    readonly problem: HostKeyProblem,
    readonly info: HostKeyInfo,
    message: string,
    /** The known_hosts line that disagrees (changed) or revokes (revoked). */
    readonly offending: { file: string; line: number } | null = null,
  ) {
    super('io', message);
    this.name = 'HostKeyError';
  }
}

/**
 * "Accept and remember" after the fact: files the key a HostKeyError('unknown')
 * carried (hashed, in its knownHostsFile), so the next connect passes. For the
 * CLI, which cannot ask in the middle of a handshake.
 */
export async function rememberUnknownHostKey(info: HostKeyInfo): Promise<void> {
  await rememberHostKey(info.knownHostsFile, info.host, info.port, info.key);
}

/** The name and port a hop's key is filed under: HostKeyAlias is filed without a port, as OpenSSH does. */
export function hostKeyName(hop: SshHop): { host: string; port: number } {
  return hop.hostKeyAlias ? { host: hop.hostKeyAlias, port: 22 } : { host: hop.hostName, port: hop.port };
}

const DEFAULT_HOST_KEY_ALGORITHMS = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];

/** Host key algorithms with those of the known key types first, so a known key is the one negotiated. */
export async function preferredHostKeyAlgorithms(hop: SshHop): Promise<string[]> {
  const { host, port } = hostKeyName(hop);
  const known = knownKeyTypes(await loadKnownHosts([...hop.userKnownHostsFiles, ...hop.globalKnownHostsFiles]), host, port);
  const first = known.flatMap((type) => (type === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [type])).filter((a) => DEFAULT_HOST_KEY_ALGORITHMS.includes(a));
  return [...new Set([...first, ...DEFAULT_HOST_KEY_ALGORITHMS])];
}

export interface HostKeyCheckOptions {
  prompt?: UnknownHostKeyPrompt;
  /** Keys accepted once in this connection's life, so a reconnect does not ask again. */
  acceptedOnce: Set<string>;
  /** Told about @cert-authority lines that were set aside. */
  onNote?: (note: string) => void;
}

/** Verifies `key` for `hop`; resolves when it may be used, throws HostKeyError when not. */
export async function checkHostKey(hop: SshHop, key: Buffer, options: HostKeyCheckOptions): Promise<void> {
  const { host, port } = hostKeyName(hop);
  const files = [...hop.userKnownHostsFiles, ...hop.globalKnownHostsFiles];
  let entries: KnownHostEntry[];
  try {
    entries = await loadKnownHosts(files);
  } catch (err) {
    throw new GclensError('io', `cannot read known_hosts to check ${host}'s key: ${(err as Error).message}`);
  }
  const { result, notes } = lookupHostKey(entries, host, port, key);
  for (const note of notes) options.onNote?.(note);
  const keyType = keyTypeOf(key);
  const info: HostKeyInfo = {
    host,
    port,
    keyType,
    fingerprint: fingerprintSha256(key),
    key,
    knownHostsFile: hop.userKnownHostsFiles[0] ?? files[0] ?? '~/.ssh/known_hosts',
    otherKnownTypes: result.status === 'unknown' ? result.otherTypes : [],
  };
  const name = knownHostsName(host, port);
  const label = keyTypeLabel(keyType);

  if (result.status === 'known') return;
  if (result.status === 'revoked') {
    throw new HostKeyError(
      'revoked',
      info,
      [
        'WARNING: REVOKED HOST KEY DETECTED!',
        `The ${label} host key for ${name} is marked as revoked in ${result.entry.file}:${result.entry.line}.`,
        'This could mean that a stolen key is being used to impersonate this host.',
        `Fingerprint of the revoked key: ${info.fingerprint}. gclens refused to connect.`,
      ].join('\n'),
      { file: result.entry.file, line: result.entry.line },
    );
  }
  if (result.status === 'changed') {
    throw new HostKeyError(
      'changed',
      info,
      [
        'WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!',
        'IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!',
        'Someone could be eavesdropping on you right now (man-in-the-middle attack)!',
        'It is also possible that a host key has just been changed.',
        `The fingerprint for the ${label} key sent by the remote host is ${info.fingerprint}.`,
        `Offending ${keyTypeLabel(result.entry.keyType)} key in ${result.entry.file}:${result.entry.line}`,
        `Host key for ${name} has changed: gclens refused to connect. If the change is expected, remove the old key ` +
          `(ssh-keygen -R '${name}' -f ${result.entry.file}) and connect again.`,
      ].join('\n'),
      { file: result.entry.file, line: result.entry.line },
    );
  }

  const onceKey = `${name} ${info.fingerprint}`;
  if (options.acceptedOnce.has(onceKey)) return;
  const decision = options.prompt ? await options.prompt(info) : 'reject';
  if (decision === 'accept-once') {
    options.acceptedOnce.add(onceKey);
    return;
  }
  if (decision === 'accept-and-remember') {
    try {
      await rememberUnknownHostKey(info);
    } catch (err) {
      throw new GclensError('io', `cannot add ${name}'s key to ${info.knownHostsFile}: ${(err as Error).message}`);
    }
    return;
  }
  const others = info.otherKnownTypes.length > 0 ? ` (only ${info.otherKnownTypes.map(keyTypeLabel).join(', ')} keys are known for it)` : '';
  throw new HostKeyError(
    'unknown',
    info,
    `The authenticity of host '${name}' can't be established${others}: ${label} key fingerprint is ${info.fingerprint}. ` +
      (options.prompt
        ? 'The key was not accepted.'
        : `gclens does not accept unknown host keys silently: check the fingerprint, then accept it in the gclens app or add it to ${info.knownHostsFile} ` +
          `(for instance by connecting once with ssh).`),
  );
}
