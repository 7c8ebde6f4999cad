/**
 * Request schemas of the `library:*` and `report:*` channels, spread into
 * requestSchemas (schemas.ts). Session and artifact ids are checked by shape
 * here; the library then looks them up among its own folders, so no request
 * ever carries a path to delete or to read from.
 */
import { z } from 'zod';

const sessionId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/);
const artifactId = z.string().regex(/^a\d{4,9}$/);
const requestId = z.string().min(1).max(100);
const opaqueId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

const importSource = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('path'), path: z.string().min(1).max(4096) }),
  z.strictObject({ kind: z.literal('upload'), uploadId: opaqueId }),
]);

const subject = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('session'), sessionId }),
  z.strictObject({ kind: z.literal('files'), fileId: opaqueId }),
]);

export const libraryRequestSchemas = {
  'library:list': z.undefined(),
  'library:open': z.strictObject({ sessionId, requestId }),
  'library:snapshot': z.strictObject({ sessionId, artifactId, requestId }),
  'library:import': z.strictObject({ source: importSource }),
  'library:delete': z.strictObject({ sessionId }),
  'report:redaction-preview': z.strictObject({ subject }),
  'report:export': z.strictObject({ subject, format: z.enum(['html', 'bundle']), redact: z.boolean() }),
  'report:save': z.strictObject({ exportId: opaqueId, as: z.enum(['file', 'pdf']) }),
};
