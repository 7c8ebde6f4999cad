/**
 * Redaction on export (docs/report-format.md, "Redaction"): the manifest's
 * target and artifact fields, and the raw text artifacts themselves, are
 * rewritten with every host, IP, user and secret replaced by its token.
 * The report is then made from the redacted copies, so its numbers, its
 * excerpts and the bundle's hashes all describe the same redacted bytes and
 * `gclens verify` holds; each rewritten artifact keeps the size and hash of
 * its original in `bundle.redaction`, so whoever holds the original session
 * can still tie the two together. Binary artifacts (pprof, HPROF, gzipped
 * logs) cannot be rewritten safely and are kept byte for byte, which the
 * preview says.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { artifactFileName, artifactIndex } from '../session/artifact-name';
import { hashFile } from '../session/hash-file';
import type { BundleRedaction, RedactedArtifact } from './bundle-manifest';
import type { ReportSources } from './report-sources';
import { Redactor, type RedactionHit } from './redactor';

const BINARY_KINDS = new Set(['pprof', 'hprof']);

export interface RedactedSources extends ReportSources {
  hits: RedactionHit[];
  /** Removes the redacted copies; the sources must not be read after. */
  cleanup(): Promise<void>;
}

async function looksBinary(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(8192);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const bytes = head.subarray(0, bytesRead);
    return (bytes[0] === 0x1f && bytes[1] === 0x8b) || bytes.includes(0);
  } finally {
    await handle.close();
  }
}

/** The user and host a target label names: `alice@db1.prod:22` -> alice, db1.prod. */
function labelParts(label: string): { user: string | null; host: string | null } {
  const m = /^(?:([^@\s]+)@)?([^:\s]+)(?::\d+)?$/.exec(label.trim());
  if (!m || label === 'this machine' || label === 'unknown') return { user: null, host: null };
  return { user: m[1] ?? null, host: m[2]! };
}

/** Every line through the redactor; written to `dest` (lines end in \n) unless dest is null. */
async function redactLines(redactor: Redactor, src: string, place: string, dest: string | null): Promise<void> {
  const out = dest ? createWriteStream(dest, { flags: 'wx' }) : null;
  const lines = createInterface({ input: createReadStream(src), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    const redacted = redactor.redact(line, place);
    if (out && !out.write(redacted + '\n')) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  if (out) {
    out.end();
    await finished(out);
  }
}

/** A redacted artifact's name tells its kind and keeps its extension, never the original name (it may name a host or a user). */
function redactedPath(path: string, id: string, kind: string): string {
  const ext = /((?:\.[A-Za-z0-9]{1,5}){1,2})$/.exec(path.slice(path.lastIndexOf('/') + 1))?.[1] ?? extname(path);
  return `raw/${artifactFileName(artifactIndex(id) ?? 0, `${kind === 'other' ? 'file' : kind}${ext}`)}`;
}

export async function redactSources(sources: ReportSources): Promise<RedactedSources> {
  const manifest = structuredClone(sources.manifest);
  const { target } = manifest;
  const label = labelParts(target.host);
  const redactor = new Redactor({ hosts: [label.host], users: [target.user, label.user] });

  const binary = new Set<string>();
  for (const entry of manifest.artifacts) if (BINARY_KINDS.has(entry.kind) || (await looksBinary(sources.files.get(entry.path)!))) binary.add(entry.id);
  const text = manifest.artifacts.filter((a) => !binary.has(a.id));

  // Fields, each with the dotted path the preview and bundle.redaction name it by.
  const fields: Array<{ name: string; get: () => string | null; set: (v: string) => void }> = [
    { name: 'target.host', get: () => target.host, set: (v) => (target.host = v) },
    { name: 'target.user', get: () => target.user, set: (v) => (target.user = v) },
    { name: 'target.command', get: () => target.command, set: (v) => (target.command = v) },
    ...manifest.artifacts.map((a) => ({ name: `artifacts.${a.id}.source`, get: () => a.source, set: (v: string) => (a.source = v) })),
    ...manifest.bundle.omitted.map((o) => ({ name: `omitted.${o.id}.reason`, get: () => o.reason, set: (v: string) => (o.reason = v) })),
  ];

  // First pass: find every value, so one found late (a host in the last log line) is replaced early too.
  for (const field of fields) {
    const value = field.get();
    if (value !== null) redactor.redact(value, field.name);
  }
  for (const entry of text) await redactLines(redactor, sources.files.get(entry.path)!, entry.path, null);
  redactor.resetPlaces();

  const changed: string[] = [];
  for (const field of fields) {
    const value = field.get();
    if (value === null) continue;
    const redacted = redactor.redact(value, field.name);
    if (redacted !== value) {
      field.set(redacted);
      changed.push(field.name);
    }
  }

  const dir = await mkdtemp(join(tmpdir(), 'gclens-redacted-'));
  const files = new Map<string, string>();
  const artifacts: RedactedArtifact[] = [];
  try {
    for (const entry of manifest.artifacts) {
      const original = sources.files.get(entry.path)!;
      const path = redactedPath(entry.path, entry.id, entry.kind);
      if (path !== entry.path) changed.push(`artifacts.${entry.id}.path`);
      if (binary.has(entry.id)) {
        files.set(path, original);
      } else {
        const copy = join(dir, path.slice('raw/'.length));
        await redactLines(redactor, original, path, copy);
        const { bytes, sha256 } = await hashFile(copy);
        const replacements = redactor.found().reduce((n, hit) => n + (hit.places.get(path) ?? 0), 0);
        artifacts.push({ id: entry.id, originalBytes: entry.bytes, originalSha256: entry.sha256, replacements });
        Object.assign(entry, { bytes, sha256 });
        files.set(path, copy);
      }
      entry.path = path;
    }
    for (const omitted of manifest.bundle.omitted) omitted.path = redactedPath(omitted.path, omitted.id, omitted.kind);
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }

  const hits = redactor.found();
  const redaction: BundleRedaction = {
    categories: [...new Set(hits.map((h) => h.category))].sort(),
    fields: changed,
    artifacts,
    keptBinary: [...binary],
  };
  manifest.bundle.redaction = redaction;
  return { manifest, files, hits, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** The preview `gclens report --redact --dry-run` prints: each value, its replacement, and where it was found. */
export function formatRedactionPreview(redacted: RedactedSources): string {
  const out: string[] = [];
  const hits = redacted.hits.filter((h) => h.places.size > 0);
  out.push(hits.length === 0 ? 'Nothing to redact was found.' : `Redaction would replace ${hits.length} value${hits.length === 1 ? '' : 's'}:`);
  for (const hit of hits) {
    const places = [...hit.places].map(([place, n]) => (place.startsWith('raw/') ? `${place} (${n} line${n === 1 ? '' : 's'})` : place));
    out.push(`  ${hit.category.padEnd(6)} ${JSON.stringify(hit.value)} -> ${hit.replacement}   in ${places.join(', ')}`);
  }
  const kept = redacted.manifest.artifacts.filter((a) => redacted.manifest.bundle.redaction?.keptBinary.includes(a.id));
  for (const a of kept) out.push(`  kept as is (binary, cannot be rewritten safely): ${a.path} (${a.kind}, from ${a.source})`);
  const renamed = redacted.manifest.bundle.redaction?.fields.filter((f) => f.endsWith('.path')).length ?? 0;
  if (renamed > 0) out.push(`  ${renamed} artifact file name${renamed === 1 ? '' : 's'} replaced by the artifact's kind`);
  return out.join('\n') + '\n';
}
