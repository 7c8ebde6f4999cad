/**
 * Copies a session folder into the library: only what the session format
 * names (manifest, journal, events, and the raw files its artifacts list),
 * each a regular file, never a link, never writer.lock. Whatever else an
 * imported folder or bundle carries stays behind.
 */
import { constants as fsConstants } from 'node:fs';
import { copyFile, lstat, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { EVENTS_FILE, JOURNAL_FILE, MANIFEST_FILE, RAW_DIR, type SessionManifest } from '../../shared/session-manifest';

async function isRegularFile(path: string): Promise<boolean> {
  return (await lstat(path).catch(() => null))?.isFile() === true;
}

/**
 * `manifest`: as validated from `from` (its artifact paths are plain names
 * under raw/). `to` must not exist; on failure nothing is left of it.
 */
export async function copySessionFolder(from: string, to: string, manifest: SessionManifest): Promise<void> {
  await mkdir(to);
  try {
    await mkdir(join(to, RAW_DIR));
    const names = [MANIFEST_FILE, JOURNAL_FILE, EVENTS_FILE, ...manifest.artifacts.map((a) => a.path)];
    for (const name of names) {
      if (!(await isRegularFile(join(from, name)))) continue;
      await copyFile(join(from, name), join(to, name), fsConstants.COPYFILE_EXCL);
    }
  } catch (err) {
    await rm(to, { recursive: true, force: true });
    throw err;
  }
}
