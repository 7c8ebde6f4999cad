/**
 * What a report is made from: a session folder (its raw artifacts are the
 * inputs, its manifest the metadata) or files the engines read (then a
 * manifest is built for them, with the SHA-256 of each). Either way the
 * result is a bundle manifest listing the artifacts to read under the
 * paths the bundle will hold them at (`raw/0001-…`), so the evidence a
 * report cites names the same file in the report, the bundle and verify.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { GclensError } from '../../shared/result';
import { SESSION_SCHEMA_VERSION, type ArtifactEntry } from '../../shared/session-manifest';
import type { NamedInput } from '../core/file-service';
import { isSessionFolder, READ_KINDS } from '../core/session-inputs';
import { APP_VERSION } from '../core/version';
import { artifactFileName, artifactId } from '../session/artifact-name';
import { hashFile } from '../session/hash-file';
import { SessionReader } from '../session/session-reader';
import { BUNDLE_FORMAT, BUNDLE_VERSION, REPORT_FILE, type BundleManifest, type OmittedArtifact } from './bundle-manifest';

export interface ReportSources {
  /** `artifacts`: those to read, in order; `bundle.omitted`: those of a session left out, with why. */
  manifest: BundleManifest;
  /** Where each listed artifact's bytes are on disk, by its manifest path. */
  files: Map<string, string>;
}

/**
 * A path names itself (the CLI, the desktop app); an upload comes as its
 * stored path and the name the user gave it, which the report shows instead.
 */
export type ReportInput = string | NamedInput;

export async function resolveSources(inputs: ReportInput[]): Promise<ReportSources> {
  if (inputs.length === 0) throw new GclensError('invalid-argument', 'a report needs a session folder or at least one file');
  const named = inputs.map((input) => (typeof input === 'string' ? { path: input, name: input } : input));
  const sessions = await Promise.all(named.map((input) => isSessionFolder(input.path)));
  if (sessions.some(Boolean)) {
    if (inputs.length > 1) throw new GclensError('invalid-argument', 'a session folder is reported on its own: give it alone, or give files');
    return sessionSources(named[0]!.path);
  }
  return fileSources(named);
}

async function sessionSources(dir: string): Promise<ReportSources> {
  const reader = await SessionReader.open(dir);
  if (reader.recording) throw new GclensError('invalid-argument', `session ${dir} is still being recorded: stop the recording, then make the report`);
  const bad = (await reader.verifyArtifacts()).filter((c) => c.status !== 'ok');
  if (bad.length > 0) {
    const list = bad.map((c) => `${c.path} (${c.status === 'missing' ? 'missing' : `${c.actualBytes} bytes, sha256 ${c.actualSha256}; the manifest says ${c.expectedBytes} bytes, ${c.expectedSha256}`})`);
    throw new GclensError('unsupported-format', `session ${dir} does not verify, so no report made from it could: ${list.join('; ')}`);
  }
  const read: ArtifactEntry[] = [];
  const omitted: OmittedArtifact[] = [];
  const files = new Map<string, string>();
  for (const entry of reader.artifacts) {
    const reason = !READ_KINDS.has(entry.kind) ? `the analysis does not read ${entry.kind} artifacts` : entry.bytes === 0 ? 'empty' : null;
    if (reason) {
      omitted.push(omittedEntry(entry, reason));
      continue;
    }
    read.push({ ...entry });
    files.set(entry.path, reader.artifactPath(entry.id));
  }
  const manifest: BundleManifest = {
    ...structuredClone(reader.manifest),
    artifacts: read,
    bundle: { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, report: REPORT_FILE, origin: 'session', omitted, redaction: null },
  };
  return { manifest, files };
}

export function omittedEntry(entry: ArtifactEntry, reason: string): OmittedArtifact {
  return { id: entry.id, path: entry.path, kind: entry.kind, bytes: entry.bytes, sha256: entry.sha256, reason };
}

/** A name fit to print: an upload's name is user input, so no control or bidi-override character, and not too long. */
function displayName(name: string): string {
  return name.replace(/[\p{Cc}\p{Cf}]/gu, '').slice(0, 255) || 'file';
}

/**
 * Files named on the command line or opened in the app. Everything in the
 * built manifest comes from the files themselves (their hashes and
 * modification times) and their names, so the same files always give the
 * same manifest: no random id, no clock.
 */
async function fileSources(inputs: NamedInput[]): Promise<ReportSources> {
  const artifacts: ArtifactEntry[] = [];
  const files = new Map<string, string>();
  for (const [i, { path, name }] of inputs.entries()) {
    const shown = displayName(name);
    const info = await stat(path).catch(() => null);
    if (!info) throw new GclensError('not-found', `${shown}: no such file`);
    if (!info.isFile()) throw new GclensError('invalid-argument', `${shown} is not a file (a session folder holds manifest.json)`);
    const { bytes, sha256 } = await hashFile(path);
    const at = info.mtime.toISOString();
    const entry: ArtifactEntry = {
      id: artifactId(i + 1),
      // artifactFileName makes the name a safe slug; the bytes are read from `path`.
      path: `raw/${artifactFileName(i + 1, basename(shown))}`,
      kind: 'other', // known once it is read: see applyKinds
      source: shown,
      capturedAt: at,
      updatedAt: at,
      bytes,
      sha256,
      growing: false,
      complete: true,
    };
    artifacts.push(entry);
    files.set(entry.path, path);
  }
  const times = artifacts.map((a) => a.capturedAt).sort();
  const manifest: BundleManifest = {
    schemaVersion: SESSION_SCHEMA_VERSION,
    sessionId: `files-${createHash('sha256')
      .update(artifacts.map((a) => a.sha256).join('\n'))
      .digest('hex')
      .slice(0, 32)}`,
    gclensVersion: APP_VERSION,
    target: { host: 'unknown', pid: null, user: null, command: null, runtime: null, version: null, processStartedAt: null },
    capture: { startedAt: times[0]!, endedAt: times[times.length - 1]!, resumedAt: [] },
    clockOffsetMs: null,
    events: { path: 'events.ndjson', records: 0 },
    journal: { path: 'journal.ndjson', seq: 0 },
    artifacts,
    recoveries: [],
    bundle: { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, report: REPORT_FILE, origin: 'files', omitted: [], redaction: null },
  };
  return { manifest, files };
}
