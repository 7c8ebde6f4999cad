/**
 * The session library: the folders in the sessions dir that are sessions.
 * Requests name a session by its manifest's sessionId; the folder is found
 * here, among the dir's own children, so no path from the UI is ever read,
 * written or deleted. Imports copy a session folder or an evidence bundle in.
 */
import { lstat, mkdir, readdir, realpath, rm } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { LibraryList, SessionSummary } from '../../shared/library-contract';
import { GclensError } from '../../shared/result';
import { openBundle } from '../report/bundle';
import { SessionReader } from '../session/session-reader';
import { isSessionFolder } from '../core/session-inputs';
import { copySessionFolder } from './session-copy';
import { summariseSession } from './session-summary';

export class SessionLibrary {
  constructor(readonly dir: string) {}

  async list(): Promise<LibraryList> {
    const sessions: SessionSummary[] = [];
    const unreadable: LibraryList['unreadable'] = [];
    for (const folderName of await this.folderNames()) {
      try {
        sessions.push(await summariseSession(await SessionReader.open(join(this.dir, folderName))));
      } catch (err) {
        unreadable.push({ folderName, reason: err instanceof Error ? err.message : String(err) });
      }
    }
    sessions.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
    return { dir: this.dir, sessions, unreadable };
  }

  /** The session's folder; GclensError 'not-found' when no folder of the library holds it. */
  async find(sessionId: string): Promise<SessionReader> {
    for (const folderName of await this.folderNames()) {
      const reader = await SessionReader.open(join(this.dir, folderName)).catch(() => null);
      if (reader?.manifest.sessionId === sessionId) return reader;
    }
    throw new GclensError('not-found', `no session ${sessionId} in the library ${this.dir}`);
  }

  async delete(sessionId: string): Promise<void> {
    const reader = await this.find(sessionId);
    if (reader.recording) throw new GclensError('invalid-argument', 'that session is being recorded: detach first, then delete it');
    await this.checkInside(reader.dir);
    await rm(reader.dir, { recursive: true });
  }

  /** A session folder elsewhere on this machine, copied in. */
  async importFolder(path: string): Promise<SessionSummary> {
    if (!(await isSessionFolder(path))) throw new GclensError('unsupported-format', `${path} is not a session folder (it has no manifest.json)`);
    const reader = await SessionReader.open(path);
    if (reader.recording) throw new GclensError('invalid-argument', `${path} is still being recorded: import it once the recording ends`);
    return this.adopt(reader, 'imported');
  }

  /** An evidence bundle (.tar.gz): extracted, verified, and kept as a session (without its report.html). */
  async importBundle(path: string): Promise<SessionSummary> {
    const bundle = await openBundle(path).catch((err: unknown) => {
      throw new GclensError('unsupported-format', `not an evidence bundle: ${err instanceof Error ? err.message : String(err)}`);
    });
    try {
      const reader = await SessionReader.open(bundle.dir);
      const bad = (await reader.verifyArtifacts()).filter((c) => c.status !== 'ok');
      if (bad.length > 0) throw new GclensError('unsupported-format', `the bundle does not verify: ${bad.map((c) => `${c.path} ${c.status}`).join(', ')}`);
      return await this.adopt(reader, 'bundle');
    } finally {
      await bundle.cleanup();
    }
  }

  private async adopt(reader: SessionReader, prefix: string): Promise<SessionSummary> {
    const { sessionId } = reader.manifest;
    const existing = await this.find(sessionId).catch(() => null);
    if (existing) throw new GclensError('invalid-argument', `that session is in the library already, as ${relative(this.dir, existing.dir)}`);
    const stamp = reader.manifest.capture.startedAt.replace(/[:.]/g, '-');
    const to = join(this.dir, `${prefix}-${stamp}-${sessionId.slice(0, 8)}`);
    await mkdir(this.dir, { recursive: true });
    await copySessionFolder(reader.dir, to, reader.manifest);
    return summariseSession(await SessionReader.open(to));
  }

  /** Direct children of the library that are real folders holding a manifest (links are skipped). */
  private async folderNames(): Promise<string[]> {
    const entries = await readdir(this.dir, { withFileTypes: true }).catch((err: { code?: string }) => {
      if (err.code === 'ENOENT') return [];
      throw err;
    });
    const names: string[] = [];
    for (const entry of entries) {
      if (entry.isDirectory() && (await isSessionFolder(join(this.dir, entry.name)))) names.push(entry.name);
    }
    return names.sort();
  }

  /** Refuses a folder that resolves outside the library (a link swapped in for a parent). */
  private async checkInside(folder: string): Promise<void> {
    const [root, real] = await Promise.all([realpath(this.dir), realpath(folder)]);
    const info = await lstat(folder);
    if (!info.isDirectory() || dirname(real) !== root || !real.startsWith(root + sep)) {
      throw new GclensError('invalid-argument', `${folder} is not a session folder inside the library`);
    }
  }
}
