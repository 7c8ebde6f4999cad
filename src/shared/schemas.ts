/**
 * Runtime validation of every invoke argument, applied by both transports
 * before a handler runs. Kept beside the contract so the two cannot drift:
 * the type test pins each schema's output to the contract's request type.
 */
import { z } from 'zod';
import type { InvokeChannel } from './contract';

const fileSource = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('path'), path: z.string().min(1).max(4096) }),
  z.strictObject({ kind: z.literal('upload'), uploadId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) }),
]);

const snapshotId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const diffBy = z.enum(['function', 'stack', 'class', 'category', 'goroutine']);

export const requestSchemas = {
  'app:info': z.undefined(),
  'files:open': z.strictObject({
    requestId: z.string().min(1).max(100),
    sources: z.array(fileSource).min(1).max(200),
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
} satisfies Record<InvokeChannel, z.ZodType>;
