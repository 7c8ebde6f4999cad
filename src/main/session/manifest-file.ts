/**
 * Reading and writing manifest.json. Reading validates the shape and the
 * schema version and answers with a GclensError that says what is wrong;
 * writing is always atomic (durable-fs).
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { GclensError } from '../../shared/result';
import {
  MANIFEST_FILE,
  SESSION_SCHEMA_VERSION,
  sessionManifestSchema,
  type SessionManifest,
} from '../../shared/session-manifest';
import { writeFileAtomic } from './durable-fs';

/** Manifests are small; anything this large is not one of ours. */
const MAX_MANIFEST_BYTES = 64 << 20;

export async function readManifest(dir: string): Promise<SessionManifest> {
  const info = await stat(dir).catch(() => null);
  if (!info) throw new GclensError('not-found', `No such session folder: ${dir}`);
  if (!info.isDirectory()) throw new GclensError('unsupported-format', `${dir} is a file, not a session folder`);
  const path = join(dir, MANIFEST_FILE);
  const fileInfo = await stat(path).catch(() => null);
  if (!fileInfo?.isFile()) {
    throw new GclensError('unsupported-format', `${dir} is not a gclens session: it has no ${MANIFEST_FILE}`);
  }
  if (fileInfo.size > MAX_MANIFEST_BYTES) {
    throw new GclensError('unsupported-format', `${path} is ${fileInfo.size} bytes: too large for a session manifest`);
  }
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    if (err instanceof SyntaxError) throw new GclensError('unsupported-format', `${path} is not valid JSON: ${err.message}`);
    throw err;
  }
  return parseManifest(json, path);
}

/** Validates a manifest already decoded from JSON; `where` names it in errors. */
export function parseManifest(json: unknown, where: string): SessionManifest {
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof json !== 'object' || json === null || Array.isArray(json) || version === undefined) {
    throw new GclensError('unsupported-format', `${where} is not a gclens session manifest (no schemaVersion)`);
  }
  if (typeof version === 'number' && Number.isInteger(version) && version > SESSION_SCHEMA_VERSION) {
    throw new GclensError(
      'unsupported-format',
      `${where} has session schema version ${version}; this gclens reads up to ${SESSION_SCHEMA_VERSION}. Open it with a newer gclens.`,
    );
  }
  if (version !== SESSION_SCHEMA_VERSION) {
    throw new GclensError('unsupported-format', `${where} has an unknown session schema version: ${JSON.stringify(version)}`);
  }
  const parsed = sessionManifestSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new GclensError('unsupported-format', `${where} is not a valid session manifest: ${problems}`);
  }
  return parsed.data;
}

/** Replaces manifest.json atomically; answers its length in characters. */
export async function writeManifest(dir: string, manifest: SessionManifest): Promise<number> {
  // Indented: people read manifests, in postmortems and bundles.
  const text = JSON.stringify(manifest, null, 2) + '\n';
  await writeFileAtomic(join(dir, MANIFEST_FILE), text);
  return text.length;
}
