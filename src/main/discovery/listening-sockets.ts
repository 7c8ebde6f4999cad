/**
 * The TCP ports a process listens on: the LISTEN rows of its network
 * namespace's /proc/PID/net/tcp and tcp6, kept when their socket inode is
 * one of the process's own fds (`socket:[INODE]` links in /proc/PID/fd).
 */
import type { Host } from '../host/host';
import { mapLimit } from './map-limit';
import { readFileOrNull } from './process-basics';
import { parseAnonLink, parseListeningSockets, type ListeningSocket } from './proc-files';

const FD_LINKS_IN_FLIGHT = 16;

/** The LISTEN rows of the process's network namespace (the same for every process in it). */
export async function readListenTable(host: Host, pid: number): Promise<ListeningSocket[]> {
  const tables = await Promise.all([readFileOrNull(host, `/proc/${pid}/net/tcp`), readFileOrNull(host, `/proc/${pid}/net/tcp6`)]);
  return tables.flatMap((table) => (table ? parseListeningSockets(table.toString()) : []));
}

/** The process's listening sockets, or null when its fds are not readable (another user's process). */
export async function findListeningSockets(host: Host, pid: number, table: ListeningSocket[]): Promise<ListeningSocket[] | null> {
  if (table.length === 0) return [];
  let fds: string[];
  try {
    fds = await host.readDir(`/proc/${pid}/fd`);
  } catch {
    return null;
  }
  const byInode = new Map(table.map((socket) => [socket.inode, socket]));
  const links = await mapLimit(fds, FD_LINKS_IN_FLIGHT, (fd) => host.readLink(`/proc/${pid}/fd/${fd}`).catch(() => null));
  const found = new Set<ListeningSocket>();
  for (const link of links) {
    const anon = link ? parseAnonLink(link) : null;
    const socket = anon?.kind === 'socket' ? byInode.get(anon.inode) : undefined;
    if (socket) found.add(socket);
  }
  return [...found].sort((a, b) => a.port - b.port);
}
