/**
 * Opens a session folder offline, read-only: recorded cleanly, still being
 * recorded, or left behind by a crash. It never writes to the folder (it may
 * be on read-only media, or evidence someone else owns); recovery happens
 * in memory and is described in `report`.
 */
import { constants as fsConstants } from 'node:fs';
import { lstat, open } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { GclensError } from '../../shared/result';
import { EVENTS_FILE, type ArtifactEntry, type SessionManifest } from '../../shared/session-manifest';
import { EventStream } from './event-stream';
import { hashFile } from './hash-file';
import { loadSession, type SessionLoadReport } from './session-load';
import { liveLockHolder } from './session-lock';

export interface ArtifactCheck {
  id: string;
  path: string;
  status: 'ok' | 'mismatch' | 'missing';
  expectedBytes: number;
  expectedSha256: string;
  /** Null when the file is missing. */
  actualBytes: number | null;
  actualSha256: string | null;
}

export class SessionReader {
  private constructor(
    readonly dir: string,
    /**
     * The manifest with the journal folded in and artifacts reconciled with
     * their files: an entry whose file held more than recorded shows the
     * file's size and hash, with complete: false.
     */
    readonly manifest: SessionManifest,
    /** What had to be recovered or could not be, for people and for verify. */
    readonly report: SessionLoadReport,
    /** A live gclens process on this machine is still recording into it. */
    readonly recording: boolean,
  ) {}

  /** GclensError 'not-found' for a missing folder, 'unsupported-format' for a folder that is not a session. */
  static async open(dir: string): Promise<SessionReader> {
    const { manifest, report } = await loadSession(dir, false);
    const holder = await liveLockHolder(dir);
    return new SessionReader(dir, manifest, report, holder !== null);
  }

  get artifacts(): readonly ArtifactEntry[] {
    return this.manifest.artifacts;
  }

  artifact(id: string): ArtifactEntry {
    const entry = this.manifest.artifacts.find((a) => a.id === id);
    if (!entry) throw new GclensError('not-found', `No artifact ${id} in session ${this.dir}`);
    return entry;
  }

  /** Absolute path of an artifact's raw file (the manifest schema keeps it under raw/). */
  artifactPath(id: string): string {
    return join(this.dir, this.artifact(id).path);
  }

  /**
   * The artifact's bytes, or a byte range of them (`end` inclusive, as in
   * fs.createReadStream). Reads only the bytes the manifest vouches for, so
   * a file still growing reads as recorded. Refuses a symbolic link.
   */
  async openArtifact(id: string, range: { start?: number; end?: number } = {}): Promise<Readable> {
    const entry = this.artifact(id);
    const path = join(this.dir, entry.path);
    const info = await lstat(path).catch(() => null);
    if (!info?.isFile()) throw new GclensError('not-found', `Artifact ${id} has no raw file at ${entry.path}`);
    const start = range.start ?? 0;
    const end = Math.min(range.end ?? entry.bytes - 1, entry.bytes - 1);
    if (end < start) return Readable.from([]);
    // O_NOFOLLOW: a link swapped in after the lstat still does not lead outside the folder.
    const fh = await open(path, fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0));
    return fh.createReadStream({ start, end });
  }

  /** Re-hashes every artifact's raw file against its entry. */
  async verifyArtifacts(): Promise<ArtifactCheck[]> {
    const checks: ArtifactCheck[] = [];
    for (const entry of this.manifest.artifacts) checks.push(await this.verifyArtifact(entry));
    return checks;
  }

  /** The records of events.ndjson in order; `stats` says how many, and whether a torn last record was skipped. */
  events(): EventStream {
    return new EventStream(join(this.dir, EVENTS_FILE));
  }

  private async verifyArtifact(entry: ArtifactEntry): Promise<ArtifactCheck> {
    const base = { id: entry.id, path: entry.path, expectedBytes: entry.bytes, expectedSha256: entry.sha256 };
    const path = join(this.dir, entry.path);
    const info = await lstat(path).catch(() => null);
    if (!info?.isFile()) return { ...base, status: 'missing', actualBytes: null, actualSha256: null };
    const { bytes, sha256 } = await hashFile(path);
    const status = bytes === entry.bytes && sha256 === entry.sha256 ? 'ok' : 'mismatch';
    return { ...base, status, actualBytes: bytes, actualSha256: sha256 };
  }
}
