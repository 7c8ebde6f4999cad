/**
 * `sha256sum -- PATH` on a box, run by whichever way the caller reaches it
 * (the SSH exec of SshHost, or Host.run as another user): one time limit and
 * one reading of its answer.
 */
import { GclensError } from '../../shared/result';
import type { RunResult } from './host';

/** sha256sum reads a few hundred MB/s; allow 20 MB/s and a minute on top. */
export function sha256sumTimeoutMs(sizeBytes: number): number {
  return 60_000 + Math.ceil(sizeBytes / 20_000);
}

export function sha256sumArgv(path: string): string[] {
  return ['sha256sum', '--', path];
}

/** The hex digest, or an error naming `what` (e.g. "/tmp/x on box as bob"). */
export function readSha256sum(result: RunResult, what: string): string {
  const match = /^\\?([0-9a-f]{64}) /.exec(result.stdout.toString('utf8'));
  if (result.code !== 0 || !match) throw new GclensError('io', `sha256sum of ${what} failed: ${result.stderr.toString('utf8').trim() || `exit code ${result.code}`}`);
  return match[1]!;
}
