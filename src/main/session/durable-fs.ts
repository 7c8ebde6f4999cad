/**
 * The two file-system moves crash safety rests on: replace a file atomically
 * (write a temporary, fsync it, rename it over the old one, fsync the
 * folder), and make a folder's new entries durable.
 */
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * After a crash `path` holds either the old or the new content, never a mix.
 * One writer per session (writer.lock) is why a fixed temporary name is safe;
 * a file that several processes may write passes a temporary name of its own.
 * `mode` is the new file's (a renamed file keeps it).
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  { mode = 0o644, tmp = join(dirname(path), `.${basename(path)}.tmp`) }: { mode?: number; tmp?: string } = {},
): Promise<void> {
  const fh = await open(tmp, 'w', mode);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } catch (err) {
    await fh.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
  await fh.close();
  try {
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await syncDir(dirname(path));
}

/** fsync a folder so a file created or renamed in it survives a power loss. */
export async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } catch (err) {
    // Some file systems (and Windows) refuse fsync on a directory; the rename
    // is still atomic there, only its durability is up to the OS.
    const code = (err as { code?: string }).code;
    if (code !== 'EINVAL' && code !== 'EISDIR' && code !== 'EPERM' && code !== 'EBADF') throw err;
  } finally {
    await fh.close();
  }
}
