/**
 * The manifest a report is made from and an evidence bundle carries
 * (docs/report-format.md): a session manifest (docs/session-format.md)
 * whose `artifacts` are exactly the raw files the report read, plus a
 * `bundle` section saying what the bundle is, what was left out and what
 * redaction changed. Because it is a session manifest first, an unpacked
 * bundle is a session folder a SessionReader opens (it ignores `bundle`).
 */
import { z } from 'zod';
import { GclensError } from '../../shared/result';
import { sessionManifestSchema, type SessionManifest } from '../../shared/session-manifest';

export const BUNDLE_FORMAT = 'gclens-bundle';
export const BUNDLE_VERSION = 1;
export const REPORT_FILE = 'report.html';

/** An artifact of the session the report did not read, kept in the list so the reader knows it exists. */
export interface OmittedArtifact {
  id: string;
  path: string;
  kind: string;
  bytes: number;
  sha256: string;
  reason: string;
}

/** What redaction did to one raw artifact: its bytes and hash before, and how many values it replaced. */
export interface RedactedArtifact {
  id: string;
  originalBytes: number;
  originalSha256: string;
  replacements: number;
}

export interface BundleRedaction {
  /** The kinds of value replaced: host, ip, user, secret. */
  categories: string[];
  /** Manifest fields whose text changed, as dotted paths (target.command, artifacts.a0001.source). */
  fields: string[];
  /** Text artifacts rewritten: their entries' bytes and sha256 are those of the redacted bytes. */
  artifacts: RedactedArtifact[];
  /** Binary artifacts (profiles, heap dumps) kept byte for byte: redaction cannot rewrite them safely. */
  keptBinary: string[];
}

export interface BundleInfo {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  report: typeof REPORT_FILE;
  /** A recorded session, or files named on the command line (then the session part is built from them). */
  origin: 'session' | 'files';
  omitted: OmittedArtifact[];
  redaction: BundleRedaction | null;
}

export type BundleManifest = SessionManifest & { bundle: BundleInfo };

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const count = z.number().int().nonnegative();

export const bundleInfoSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  report: z.literal(REPORT_FILE),
  origin: z.enum(['session', 'files']),
  omitted: z.array(
    z.object({ id: z.string().max(20), path: z.string().max(300), kind: z.string().max(40), bytes: count, sha256: sha256Hex, reason: z.string().max(65_536) }),
  ),
  redaction: z
    .object({
      categories: z.array(z.string().max(40)),
      fields: z.array(z.string().max(300)),
      artifacts: z.array(z.object({ id: z.string().max(20), originalBytes: count, originalSha256: sha256Hex, replacements: count })),
      keptBinary: z.array(z.string().max(20)),
    })
    .nullable(),
});

/** Reads a bundle manifest from its JSON text; GclensError 'unsupported-format' naming what is wrong. */
export function parseBundleManifest(text: string): BundleManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new GclensError('unsupported-format', `manifest.json is not JSON: ${(err as Error).message}`);
  }
  const session = sessionManifestSchema.safeParse(json);
  const bundle = bundleInfoSchema.safeParse((json as { bundle?: unknown } | null)?.bundle);
  if (!session.success) throw new GclensError('unsupported-format', `manifest.json is not a session manifest: ${z.prettifyError(session.error)}`);
  if (!bundle.success) throw new GclensError('unsupported-format', `manifest.json has no valid bundle section: ${z.prettifyError(bundle.error)}`);
  return { ...session.data, bundle: bundle.data };
}

/** The manifest as the bundle stores it: the session fields in their documented order, then `bundle`. */
export function manifestJson(manifest: BundleManifest): string {
  return JSON.stringify(manifest, null, 2) + '\n';
}
