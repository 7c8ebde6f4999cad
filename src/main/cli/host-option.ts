/**
 * `--host DEST [-i KEY] [--known-hosts FILE]` for `ps` and `attach`: the
 * command works on a box over SSH instead of this machine. Nobody can be
 * asked in the middle of a login here, so, like OpenSSH with BatchMode=yes,
 * an unknown host key is refused (the message says to add it with ssh
 * first), and a changed or revoked one is refused with OpenSSH's warning.
 */
import { GclensError } from '../../shared/result';
import type { Host } from '../host/host';
import { LocalHost } from '../host/local-host';
import { HostKeyError } from '../ssh/host-key-check';
import { SshHost } from '../ssh/ssh-host';
import { UsageError } from './cli-io';

export const HOST_USAGE = '[--host DEST [-i KEY] [--known-hosts FILE]]';

/** The parseCliArgs options every host-aware command takes. */
export const HOST_OPTIONS = {
  host: { type: 'string' },
  identity: { type: 'string', short: 'i' },
  'known-hosts': { type: 'string' },
} as const;

export interface HostOptionValues {
  host?: string;
  identity?: string;
  'known-hosts'?: string;
}

/** This machine, or the SSH host --host names, logged in (or the login's error thrown, exit 1). */
export async function openCliHost(values: HostOptionValues): Promise<Host> {
  if (values.host === undefined) {
    if (values.identity !== undefined || values['known-hosts'] !== undefined) throw new UsageError('-i and --known-hosts go with --host');
    return new LocalHost();
  }
  const knownHostsFile = values['known-hosts'];
  try {
    return await SshHost.connect(values.host, {
      overrides: { ...(values.identity ? { identityFiles: [values.identity] } : {}), ...(knownHostsFile ? { knownHostsFile } : {}) },
      // A dropped link is retried a few times, then the command fails instead of waiting for a person.
      reconnect: { maxAttempts: 5 },
    });
  } catch (err) {
    if (!(err instanceof HostKeyError)) throw err;
    // OpenSSH's last line under BatchMode, and for an unknown key the way to make it known.
    const addFirst =
      err.problem === 'unknown'
        ? ` Connect once with ssh to check the fingerprint and add the key (ssh ${knownHostsFile ? `-o UserKnownHostsFile=${knownHostsFile} ` : ''}${values.host}), then run this again.`
        : '';
    throw new GclensError('io', `${err.message}\nHost key verification failed.${addFirst}`);
  }
}
