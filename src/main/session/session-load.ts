/**
 * The state of a session folder as it is on disk, whatever happened to the
 * writer: manifest.json, then the journal lines written after it, then each
 * artifact reconciled with its raw file. The reader shows this; a writer
 * reopening the session starts from it.
 */
import { join } from 'node:path';
import {
  JOURNAL_FILE,
  artifactEntrySchema,
  type ArtifactEntry,
  type SessionManifest,
} from '../../shared/session-manifest';
import { artifactIndex } from './artifact-name';
import { reconcileArtifact, unlistedRawFiles, type ReconciledArtifact } from './artifact-recovery';
import { readManifest } from './manifest-file';
import { noteCorrupt, readNdjsonLines, type NdjsonScanStats } from './ndjson-lines';

export interface SessionLoadReport {
  /** Artifacts whose raw file held more than any record of them: size and hash recomputed, marked incomplete. */
  recomputed: string[];
  /** Artifacts whose raw file is shorter than recorded or whose recorded bytes changed. */
  diverged: string[];
  missing: string[];
  /** Files in raw/ that no entry lists. */
  unlistedFiles: string[];
  journal: { tornLines: number; corruptLines: number[] };
}

export interface LoadedSession {
  manifest: SessionManifest;
  report: SessionLoadReport;
  /** Per artifact id; hashState is set where the raw file was read. */
  artifacts: Map<string, ReconciledArtifact>;
}

/**
 * `readGrowing`: also read the files of growing artifacts whose size matches
 * (a writer resuming them needs their running hash).
 */
export async function loadSession(dir: string, readGrowing: boolean): Promise<LoadedSession> {
  const { stored, artifacts: listed, lastSeq, scan } = await readConsistent(dir);
  const manifest: SessionManifest = { ...stored, journal: { ...stored.journal, seq: lastSeq }, artifacts: [] };
  const report: SessionLoadReport = {
    recomputed: [],
    diverged: [],
    missing: [],
    unlistedFiles: [],
    journal: { tornLines: scan.tornLines, corruptLines: scan.corruptLines },
  };
  const artifacts = new Map<string, ReconciledArtifact>();
  for (const entry of listed) {
    const reconciled = await reconcileArtifact(dir, entry, readGrowing && entry.growing);
    artifacts.set(entry.id, reconciled);
    manifest.artifacts.push(reconciled.entry);
    if (reconciled.state === 'recovered') report.recomputed.push(entry.id);
    else if (reconciled.state === 'diverged') report.diverged.push(entry.id);
    else if (reconciled.state === 'missing') report.missing.push(entry.id);
  }
  report.unlistedFiles = await unlistedRawFiles(dir, manifest);
  return { manifest, report, artifacts };
}

/**
 * The manifest and the journal lines after it, as of one moment. A live
 * writer replaces the manifest and then drops the journal lines it folded
 * in; a manifest that is still the same after the journal was read proves
 * no drop happened in between.
 */
async function readConsistent(dir: string) {
  for (let attempt = 1; ; attempt++) {
    const stored = await readManifest(dir);
    const replayed = await replayJournal(dir, stored);
    const after = attempt < 5 ? await readManifest(dir) : stored;
    if (after.journal.seq === stored.journal.seq) return { stored, ...replayed };
  }
}

/** The manifest's entries with every later journal line applied, the last line for an id winning. */
async function replayJournal(
  dir: string,
  manifest: SessionManifest,
): Promise<{ artifacts: ArtifactEntry[]; lastSeq: number; scan: NdjsonScanStats }> {
  const byId = new Map(manifest.artifacts.map((a) => [a.id, a]));
  const idByPath = new Map(manifest.artifacts.map((a) => [a.path, a.id]));
  const scan: NdjsonScanStats = { tornLines: 0, corruptLines: [] };
  let lastSeq = manifest.journal.seq;
  for await (const { lineNo, value } of readNdjsonLines(join(dir, JOURNAL_FILE), scan)) {
    const seq = (value as { seq?: unknown } | null)?.seq;
    const entry = artifactEntrySchema.safeParse((value as { artifact?: unknown } | null)?.artifact);
    // An id keeps its path and a path its id: a line saying otherwise is not ours.
    const pathOwner = entry.success ? idByPath.get(entry.data.path) : undefined;
    const previous = entry.success ? byId.get(entry.data.id) : undefined;
    const consistent =
      entry.success && (pathOwner === undefined || pathOwner === entry.data.id) && (previous === undefined || previous.path === entry.data.path);
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || !entry.success || !consistent) {
      noteCorrupt(scan, lineNo);
      continue;
    }
    if (seq <= manifest.journal.seq) continue; // folded into manifest.json already
    byId.set(entry.data.id, entry.data);
    idByPath.set(entry.data.path, entry.data.id);
    lastSeq = Math.max(lastSeq, seq);
  }
  // Journal order is the order writes finished in; ids are the order they began in, and stable.
  const artifacts = [...byId.values()].sort((a, b) => (artifactIndex(a.id) ?? 0) - (artifactIndex(b.id) ?? 0));
  return { artifacts, lastSeq, scan };
}
