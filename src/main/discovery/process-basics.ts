/**
 * What every listed process needs, read from /proc/PID through a Host:
 * user, command line, program, start time, RSS, and whether it lives in a
 * container (another mount namespace), whose files are then read through
 * /proc/PID/root.
 */
import type { Host } from '../host/host';
import { GclensError } from '../../shared/result';
import { parseStartTicks, parseStatus, splitNul } from './proc-files';

export interface ProcessBasics {
  pid: number;
  /** The pid the process sees for itself (its own pid namespace): what %p, hsperfdata and jcmd inside it use. */
  nsPid: number;
  uid: number;
  user: string;
  argv: string[];
  /** The program as the process sees it, without the kernel's " (deleted)" mark. */
  exe: string | null;
  startTicks: number;
  rssBytes: number | null;
  container: boolean;
  /** '' or /proc/PID/root: put before a path the process sees to read it from the host. */
  root: string;
  notes: string[];
}

export function hostPath(process: ProcessBasics, path: string): string {
  return process.root + path;
}

const DELETED = ' (deleted)';
const READLINK_TIMEOUT_MS = 15_000;
const EXE_UNREADABLE = 'The program file (/proc/PID/exe) is readable only by its user or root.';

/** Null when the process is gone, or is a kernel thread (no command line, no program). */
export async function readProcessBasics(host: Host, pid: number, users: Map<number, string>, selfMountNs: string | null): Promise<ProcessBasics | null> {
  const dir = `/proc/${pid}`;
  const notes: string[] = [];
  let statusText: string;
  let statText: string;
  let cmdline: Buffer;
  try {
    [statusText, statText, cmdline] = await Promise.all([
      host.readFile(`${dir}/status`).then(String),
      host.readFile(`${dir}/stat`).then(String),
      host.readFile(`${dir}/cmdline`),
    ]);
  } catch (err) {
    if (err instanceof GclensError && err.kind === 'not-found') return null;
    throw err;
  }
  const status = parseStatus(statusText);
  const startTicks = parseStartTicks(statText);
  const argv = splitNul(cmdline);
  if (argv.length === 0 || status.uid === null || startTicks === null) return null;

  const exe = programFile(await readLinkOrNull(host, `${dir}/exe`), pid, notes);
  if (exe === null) notes.push(EXE_UNREADABLE);
  const mountNs = await readLinkOrNull(host, `${dir}/ns/mnt`);
  const container = mountNs !== null && selfMountNs !== null && mountNs !== selfMountNs;
  return {
    pid,
    nsPid: status.nsPids.at(-1) ?? pid,
    uid: status.uid,
    user: users.get(status.uid) ?? String(status.uid),
    argv,
    exe,
    startTicks,
    rssBytes: status.rssBytes,
    container,
    root: container ? `${dir}/root` : '',
    notes,
  };
}

/** The program from the /proc/PID/exe link, without the kernel's " (deleted)" mark, which becomes a note. */
function programFile(link: string | null, pid: number, notes: string[]): string | null {
  if (link === null || !link.endsWith(DELETED)) return link;
  notes.push(`The program file was replaced or deleted since the process started; it is read through /proc/${pid}/exe.`);
  return link.slice(0, -DELETED.length);
}

/**
 * Another user's /proc/PID/exe, read as that user (sudo -n -u, where it is
 * allowed) when gclens's own user may not: the jcmd and jstat beside the
 * target's java are then found even where no JDK is on PATH. The note that
 * it was unreadable goes once it is read.
 */
export async function readProgramAsOwner(host: Host, process: ProcessBasics): Promise<string | null> {
  const result = await host.run(['readlink', '--', `/proc/${process.pid}/exe`], { timeoutMs: READLINK_TIMEOUT_MS, asUser: process.user }).catch(() => null);
  const link = result?.code === 0 ? result.stdout.toString('utf8').replace(/\n$/, '') : '';
  if (!link.startsWith('/')) return null;
  const unreadable = process.notes.indexOf(EXE_UNREADABLE);
  if (unreadable >= 0) process.notes.splice(unreadable, 1);
  return programFile(link, process.pid, process.notes);
}

/** A link the host may refuse to read (another user's /proc entries) counts as unknown. */
export async function readLinkOrNull(host: Host, path: string): Promise<string | null> {
  try {
    return await host.readLink(path);
  } catch {
    return null;
  }
}

/** A file that is missing or refused counts as unknown. */
export async function readFileOrNull(host: Host, path: string, options?: { maxBytes?: number }): Promise<Buffer | null> {
  try {
    return await host.readFile(path, options);
  } catch {
    return null;
  }
}
