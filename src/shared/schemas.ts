/**
 * Runtime validation of every invoke argument, applied by both transports
 * before a handler runs. Kept beside the contract so the two cannot drift:
 * the type test pins each schema's output to the contract's request type.
 */
import { z } from 'zod';
import type { InvokeChannel } from './contract';
import { MAX_LINES_PER_REQUEST } from './file-lines';
import { libraryRequestSchemas } from './library-schemas';
import { hostId, hostsRequestSchemas } from './hosts-schemas';

const fileSource = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('path'), path: z.string().min(1).max(4096) }),
  z.strictObject({ kind: z.literal('upload'), uploadId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) }),
]);

const snapshotId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const diffBy = z.enum(['function', 'stack', 'class', 'category', 'goroutine']);
const pid = z.number().int().positive().max(2 ** 31 - 1);
const attachId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const seconds = z.number().int().min(1).max(86_400);
const attachOptions = z.strictObject({
  gctracePath: z.string().min(1).max(4096).optional(),
  enableJvmGcLog: z.boolean().optional(),
  pprofIntervalSec: seconds.optional(),
  pprofForceGc: z.boolean().optional(),
  histogramIntervalSec: seconds.optional(),
  outDir: z.string().min(1).max(4096).optional(),
});

export const requestSchemas = {
  'app:info': z.undefined(),
  'files:open': z.strictObject({
    requestId: z.string().min(1).max(100),
    sources: z.array(fileSource).min(1).max(200),
  }),
  'files:lines': z
    .strictObject({
      fileId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
      file: z.string().min(1).max(4096),
      fromLine: z.number().int().min(1),
      toLine: z.number().int().min(1),
    })
    .refine((r) => r.toLine >= r.fromLine && r.toLine - r.fromLine < MAX_LINES_PER_REQUEST, {
      message: `toLine must not be before fromLine, and at most ${MAX_LINES_PER_REQUEST} lines at a time`,
    }),
  'snapshot:open': z.strictObject({ requestId: z.string().min(1).max(100), source: fileSource }),
  'snapshot:diff': z.strictObject({
    baseId: snapshotId,
    newId: snapshotId,
    by: diffBy.optional(),
    sample: z.string().regex(/^[\w.-]{1,64}$/).optional(),
    filter: z.string().max(500).optional(),
    foldRuntime: z.boolean().optional(),
  }),
  'targets:list': z.strictObject({ hostId: hostId.optional() }),
  'targets:describe': z.strictObject({ pid, hostId: hostId.optional() }),
  'session:attach': z.strictObject({ pid, hostId: hostId.optional(), options: attachOptions.optional() }),
  'session:launch': z.strictObject({
    hostId: hostId.optional(),
    argv: z.array(z.string().max(65_536)).min(1).max(1000).refine((argv) => argv[0]!.length > 0, 'the program must not be empty'),
    options: attachOptions.optional(),
  }),
  'session:detach': z.strictObject({ attachId }),
  'session:state': z.strictObject({ attachId }),
  'session:list': z.undefined(),
  'session:snapshot': z.strictObject({
    attachId,
    kind: z.enum(['heap', 'goroutine', 'class-histogram', 'nmt', 'heap-dump']),
    requestId: z.string().min(1).max(100).optional(),
    deleteFromTarget: z.boolean().optional(),
  }),
  'session:heap-info': z.strictObject({ attachId }),
  ...libraryRequestSchemas,
  ...hostsRequestSchemas,
} satisfies Record<InvokeChannel, z.ZodType>;
