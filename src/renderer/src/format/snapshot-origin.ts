/**
 * Which session a snapshot came from, in one line: the program and pid, the
 * host and when the capture began, so a profile from before a deploy is told
 * from one after it at a glance.
 */
import type { SnapshotOrigin } from '../../../shared/contract';
import { programName } from './program-name';
import { formatDateTime } from './units';

export function snapshotOriginText(origin: SnapshotOrigin): string {
  const program = origin.command === null ? 'unknown program' : programName(origin.command, origin.runtime);
  const pid = origin.pid === null ? '' : ` · pid ${origin.pid}`;
  return `${program}${pid} · ${origin.host} · captured ${formatDateTime(origin.startedAt)}`;
}
