/**
 * Copies a file that only another user may read (a heap dump, which HotSpot
 * writes 0600 as the JVM's user) through that user, with Host calls alone,
 * so it works on this machine and over SSH alike: the size from `stat`, the
 * bytes streamed by `tail -c +N` (N = the bytes already written here + 1, so
 * a stream cut short by a dropped link goes on from the last byte written),
 * and the SHA-256 from `sha256sum` on the target, which must equal the one
 * computed here. Each of them runs as `user` (sudo -n -u where needed).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { GclensError } from '../../shared/result';
import { isUserSwitchFailure } from '../discovery/jcmd';
import type { Host } from '../host/host';
import { readSha256sum, sha256sumArgv, sha256sumTimeoutMs } from '../host/sha256sum';
import { hashFile } from '../session/hash-file';

/** A copy that keeps losing its stream gives up after this many resumes (as the SFTP copy does). */
const MAX_RESUMES = 20;
const STAT_TIMEOUT_MS = 15_000;
/** Enough of tail's stderr to say why it failed. */
const STDERR_KEPT = 4096;

export async function fetchAsUser(host: Host, path: string, localPath: string, user: string, onProgress?: (bytes: number, total: number) => void): Promise<void> {
  const total = await sizeAs(host, path, user);
  const fd = openSync(localPath, 'w');
  try {
    let written = 0;
    onProgress?.(written, total);
    for (let resumes = 0; written < total; resumes++) {
      let said = '';
      const stream = host.spawnStream(['tail', '-c', `+${written + 1}`, '--', path], {
        asUser: user,
        onStdout: (chunk) => {
          // Written as it comes, in order: what is counted is on disk, where the next attempt starts.
          writeSync(fd, chunk);
          written += chunk.length;
          onProgress?.(written, total);
        },
        onStderr: (chunk) => (said = (said + chunk.toString('utf8')).slice(0, STDERR_KEPT)),
      });
      const exit = await stream.exited;
      if (exit.stopped) throw new GclensError('cancelled', `copying ${path} from ${host.label} was stopped`);
      if (exit.error === null) {
        // tail ran to its end, or failed on its own: trying again would not help.
        if (exit.code !== 0) throw new GclensError('io', `tail of ${path} as ${user} on ${host.label} failed: ${said.trim() || `exit ${exit.signal ?? exit.code}`}`);
        if (written < total) throw new GclensError('io', `${path} on ${host.label} shrank while it was copied (${written} of ${total} bytes)`);
        break;
      }
      // It did not run to its end: a dropped link is worth another try, a refused sudo or a missing tail is not.
      if (isUserSwitchFailure(exit.error) || /program not found/.test(exit.error)) throw new GclensError('io', exit.error);
      if (resumes >= MAX_RESUMES) throw new GclensError('io', `copying ${path} from ${host.label} as ${user}: cut short ${resumes + 1} times, last: ${exit.error}`);
    }
  } finally {
    closeSync(fd);
  }
  const [remote, local] = await Promise.all([sha256As(host, path, user, total), hashFile(localPath)]);
  if (remote !== local.sha256) {
    throw new GclensError('io', `${path} from ${host.label} arrived damaged: SHA-256 ${local.sha256} here, ${remote} on the box (the file may have changed while it was copied)`);
  }
}

async function sizeAs(host: Host, path: string, user: string): Promise<number> {
  const result = await host.run(['stat', '-L', '-c', '%s', '--', path], { timeoutMs: STAT_TIMEOUT_MS, asUser: user });
  const size = /^([0-9]+)\n?$/.exec(result.stdout.toString('utf8'))?.[1];
  if (result.code === 0 && size !== undefined) return Number(size);
  const said = result.stderr.toString('utf8').trim();
  if (/No such file or directory/.test(said)) throw new GclensError('not-found', `${path} does not exist on ${host.label}`);
  throw new GclensError('io', `cannot stat ${path} as ${user} on ${host.label}: ${said || `stat exited with ${result.code}`}`);
}

async function sha256As(host: Host, path: string, user: string, sizeBytes: number): Promise<string> {
  const result = await host.run(sha256sumArgv(path), { timeoutMs: sha256sumTimeoutMs(sizeBytes), asUser: user });
  return readSha256sum(result, `${path} as ${user} on ${host.label}`);
}
