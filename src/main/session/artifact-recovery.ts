/**
 * Reconciles a manifest's artifact entries with the raw files after a crash.
 * The manifest is written less often than raw bytes land, so a file can
 * hold more than its entry says. That is taken as a lag, not tampering, only
 * if the bytes the manifest vouched for still hash to its sha256; then size
 * and hash are recomputed from the file and the entry is marked incomplete.
 * Anything else (a shorter file, a changed prefix) is left as it is for
 * verifyArtifacts to report as a mismatch.
 */
import type { Hash } from 'node:crypto';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { RAW_DIR, type ArtifactEntry, type SessionManifest } from '../../shared/session-manifest';
import { hashFile } from './hash-file';

export type ReconcileState =
  /** The file has exactly the bytes the entry records (hash not checked unless asked). */
  | 'ok'
  /** The file held more than the entry: size and hash recomputed, `complete` set false. */
  | 'recovered'
  | 'missing'
  /** The file is shorter than the entry or its vouched-for prefix changed. */
  | 'diverged';

export interface ReconciledArtifact {
  entry: ArtifactEntry;
  state: ReconcileState;
  /** The running hash at the file's end, when the file was read (to append to it). */
  hashState: Hash | null;
}

/**
 * `readAlways`: read and hash the file even when its size matches (a writer
 * resuming a growing artifact needs the running hash state).
 */
export async function reconcileArtifact(dir: string, entry: ArtifactEntry, readAlways: boolean): Promise<ReconciledArtifact> {
  const path = join(dir, entry.path);
  // lstat: a symbolic link planted in an imported folder must not lead outside it.
  const info = await lstat(path).catch(() => null);
  if (!info?.isFile()) return { entry, state: 'missing', hashState: null };
  if (info.size < entry.bytes) return { entry, state: 'diverged', hashState: null };
  const lagging = info.size > entry.bytes;
  if (!lagging && !readAlways) return { entry, state: 'ok', hashState: null };
  const hashed = await hashFile(path, entry.bytes);
  if (hashed.bytes < entry.bytes || hashed.prefixSha256 !== entry.sha256) {
    return { entry, state: 'diverged', hashState: null };
  }
  if (hashed.bytes === entry.bytes) return { entry, state: 'ok', hashState: hashed.state };
  return {
    entry: {
      ...entry,
      bytes: hashed.bytes,
      sha256: hashed.sha256,
      updatedAt: new Date(info.mtimeMs).toISOString(),
      complete: false,
    },
    state: 'recovered',
    hashState: hashed.state,
  };
}

/** Files in raw/ that no manifest entry lists (none, unless someone put them there). */
export async function unlistedRawFiles(dir: string, manifest: SessionManifest): Promise<string[]> {
  const listed = new Set(manifest.artifacts.map((a) => a.path));
  const names = await readdir(join(dir, RAW_DIR)).catch(() => [] as string[]);
  return names
    .map((name) => `${RAW_DIR}/${name}`)
    .filter((path) => !listed.has(path))
    .sort();
}
