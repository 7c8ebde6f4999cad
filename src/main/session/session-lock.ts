/**
 * One writer per session. Two processes appending to the same events file
 * and rewriting the same manifest would interleave records and lose
 * artifacts, so a writer holds writer.lock (its pid and host) for as long
 * as it is open. A lock whose process is gone (the crash we recover from)
 * is taken over.
 */
import { open, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { GclensError } from '../../shared/result';
import { LOCK_FILE } from '../../shared/session-manifest';

interface LockContent {
  pid: number;
  host: string;
  since: string;
}

export interface SessionLock {
  release(): Promise<void>;
}

/** Who holds the lock of `dir`, if a live process on this machine does. */
export async function liveLockHolder(dir: string): Promise<LockContent | null> {
  const content = await readLock(join(dir, LOCK_FILE));
  return content !== null && isAlive(content) ? content : null;
}

export async function acquireSessionLock(dir: string, now: Date): Promise<SessionLock> {
  const path = join(dir, LOCK_FILE);
  const mine: LockContent = { pid: process.pid, host: hostname(), since: now.toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      const fh = await open(path, 'wx', 0o644);
      try {
        await fh.writeFile(JSON.stringify(mine) + '\n');
        await fh.sync();
      } finally {
        await fh.close();
      }
      return { release: () => rm(path, { force: true }) };
    } catch (err) {
      if ((err as { code?: string }).code !== 'EEXIST' || attempt > 0) throw err;
    }
    const holder = await readLock(path);
    if (holder !== null && isAlive(holder)) {
      throw new GclensError(
        'invalid-argument',
        `Session ${dir} is being recorded by process ${holder.pid} on ${holder.host} since ${holder.since}. ` +
          `If that is wrong, delete ${path}.`,
      );
    }
    await rm(path, { force: true }); // stale: its writer died
  }
}

async function readLock(path: string): Promise<LockContent | null> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as Partial<LockContent>;
    if (typeof value.pid !== 'number' || typeof value.host !== 'string') return null;
    return { pid: value.pid, host: value.host, since: String(value.since ?? '') };
  } catch {
    return null;
  }
}

/** A lock from another machine (a session folder on a shared disk) is taken as held. */
function isAlive(lock: LockContent): boolean {
  if (lock.host !== hostname()) return true;
  if (lock.pid === process.pid) return true;
  try {
    process.kill(lock.pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM';
  }
}
