/**
 * Request schemas of the `hosts:*` channels, spread into requestSchemas. An
 * SSH destination is held to what OpenSSH takes on its command line (no white
 * space, no leading dash, no shell metacharacters); destination.ts parses it
 * in full before anything connects.
 */
import { z } from 'zod';

export const hostId = z.string().regex(/^(local|ssh-[0-9]{1,9})$/);
const promptId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const path = z.string().min(1).max(4096);
/** user@host:port, user@[v6]:port, ssh://…, an alias: letters, digits and . _ % + - @ \ : [ ] / $. */
const destination = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9_.%+@\\:[\]/$][A-Za-z0-9_.%+@\\:[\]/$-]*$/, 'an SSH destination holds letters, digits and . _ % + - @ : [ ] / only, and no leading dash');
/** A passphrase, password or keyboard-interactive answer. */
const secret = z.string().max(4096);

/** hosts:connect's request; also what a recent-hosts file may hold, since it is sent back as one. */
export const hostConnectRequest = z.strictObject({ destination, identityFile: path.optional(), knownHostsFile: path.optional() });

export const hostsRequestSchemas = {
  'hosts:list': z.undefined(),
  'hosts:connect': hostConnectRequest,
  'hosts:disconnect': z.strictObject({ hostId }),
  'hosts:answer': z.discriminatedUnion('kind', [
    z.strictObject({ promptId, kind: z.literal('host-key'), decision: z.enum(['accept-once', 'accept-and-remember', 'reject']) }),
    z.strictObject({ promptId, kind: z.literal('secret'), values: z.array(secret).max(20).nullable() }),
  ]),
  'hosts:prompts': z.undefined(),
  'hosts:recent': z.undefined(),
  'hosts:forget': z.strictObject({ destination }),
};
