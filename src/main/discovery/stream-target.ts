/**
 * Where a process's stdout or stderr goes, from its /proc/PID/fd/N link: a
 * file (gctrace can be tailed), a pipe, a terminal, /dev/null, or a socket,
 * which for a systemd service is usually the journal.
 */
import type { StreamTarget } from '../../shared/process-info';
import type { Host } from '../host/host';
import { hostPath, readLinkOrNull, type ProcessBasics } from './process-basics';
import { parseAnonLink } from './proc-files';

/** journald's stream socket (systemd-journald.service(8)). */
const JOURNAL_STDOUT_SOCKET = '/run/systemd/journal/stdout';

export interface StreamFacts {
  /** The inode in JOURNAL_STREAM (`dev:inode`), which systemd sets when it connects fd 1/2 to the journal. */
  journalStreamInode: number | null;
  /** Socket inode to bound path, from /proc/net/unix; read only when the link is a socket. */
  unixSocketPaths: () => Promise<Map<number, string>>;
}

export async function readStreamTarget(host: Host, process: ProcessBasics, fd: 1 | 2, facts: StreamFacts): Promise<StreamTarget> {
  const link = await readLinkOrNull(host, `/proc/${process.pid}/fd/${fd}`);
  if (link === null) return { kind: 'unknown' };
  const anon = parseAnonLink(link);
  if (anon?.kind === 'pipe') return { kind: 'pipe' };
  if (anon?.kind === 'socket') {
    if (anon.inode === facts.journalStreamInode) return { kind: 'journal', path: JOURNAL_STDOUT_SOCKET };
    // Accepted sockets carry their listener's path, so journald's side of the connection names it.
    const path = (await facts.unixSocketPaths()).get(anon.inode);
    return path === JOURNAL_STDOUT_SOCKET ? { kind: 'journal', path } : { kind: 'socket' };
  }
  if (anon || !link.startsWith('/')) return { kind: 'unknown' };
  if (link === '/dev/null') return { kind: 'null' };
  if (/^\/dev\/(pts\/\d+|tty\w*|console)$/.test(link)) return { kind: 'tty', path: link };
  // A file deleted after it was opened is still readable through the fd itself.
  if (link.endsWith(' (deleted)')) return { kind: 'file', path: `/proc/${process.pid}/fd/${fd}` };
  const path = hostPath(process, link);
  if (link.startsWith('/dev/')) return { kind: 'unknown', path };
  // A named pipe (mkfifo) links to its path like a file does; only stat tells them apart.
  const info = await host.stat(path).catch(() => null);
  return info && !info.isFile && !info.isDirectory ? { kind: 'pipe', path } : { kind: 'file', path };
}

/** JOURNAL_STREAM=`<device>:<inode>` from the process environment. */
export function journalStreamInode(env: Map<string, string> | null): number | null {
  const match = /^\d+:(\d+)$/.exec(env?.get('JOURNAL_STREAM') ?? '');
  return match ? Number(match[1]) : null;
}
