/**
 * Host.readFile, stat, readDir and readLink over SFTP. These are reads, and
 * reads are safe to repeat: one whose link drops is tried once more on the
 * link that replaces it. /proc files report size 0, so files are read until
 * the server says end-of-file, never up to a stat'ed size.
 */
import type { FileEntryWithStats, SFTPWrapper, Stats } from 'ssh2';
import type { FileInfo } from '../host/host';
import { GclensError } from '../../shared/result';
import type { Link, SshConnection } from './ssh-connection';

/** SFTP status codes (draft-ietf-secsh-filexfer-02, SSH_FX_*). */
const NO_SUCH_FILE = 2;
const PERMISSION_DENIED = 3;
const FAILURE = 4;
/** OpenSSH's sftp-server answers EINVAL (readlink of a file that is no link) with this. */
const BAD_MESSAGE = 5;
const READ_CHUNK_BYTES = 256 * 1024;
const S_IFMT = 0o170000;

export interface SftpContext {
  connection: SshConnection;
  label: string;
  /** How long a call waits for a link that is down to come back. */
  waitMs: number;
}

/** The link went away under a call. */
export class LinkDropped extends Error {}

function code(err: unknown): number | undefined {
  const value = (err as { code?: unknown } | null)?.code;
  return typeof value === 'number' ? value : undefined;
}

/** Whether `link` is gone, asked once the close that may be on its way has been handled. */
export async function droppedDuring(link: Link): Promise<boolean> {
  await new Promise((resolve) => setImmediate(resolve));
  return link.isClosed();
}

/**
 * `work` against the link's SFTP session; a drop is LinkDropped, whatever SFTP
 * said about it. The race matters: ssh2 fails the requests outstanding when
 * the link goes, but a request made after that is never answered.
 */
export async function onLink<T>(link: Link, work: () => Promise<T>): Promise<T> {
  let unsubscribe = () => {};
  const gone = new Promise<never>((_, reject) => (unsubscribe = link.onClose(() => reject(new LinkDropped('the link dropped')))));
  gone.catch(() => {});
  const running = work();
  running.catch(() => {});
  try {
    return await Promise.race([running, gone]);
  } catch (err) {
    if (err instanceof LinkDropped || (await droppedDuring(link))) throw new LinkDropped('the link dropped');
    throw err;
  } finally {
    unsubscribe();
  }
}

/** Runs an idempotent read, once more on a new link if the first one drops under it. */
export async function withSftp<T>(ctx: SftpContext, what: string, work: (sftp: SFTPWrapper) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const { sftp, link } = await ctx.connection.sftp(ctx.waitMs);
    try {
      return await onLink(link, () => work(sftp));
    } catch (err) {
      if (!(err instanceof LinkDropped)) throw err;
      if (attempt >= 2) throw new GclensError('io', `the SSH link to ${ctx.label} dropped twice while trying to ${what}`);
    }
  }
}

export function sftpError(err: unknown, verb: string, path: string, label: string): Error {
  if (err instanceof GclensError || err instanceof LinkDropped) return err;
  if (code(err) === NO_SUCH_FILE) return new GclensError('not-found', `${path} does not exist on ${label}`);
  if (code(err) === PERMISSION_DENIED) return new GclensError('io', `permission denied: cannot ${verb} ${path} on ${label}`);
  return new GclensError('io', `cannot ${verb} ${path} on ${label}: ${(err as Error).message}`);
}

export function sftpOpen(sftp: SFTPWrapper, path: string): Promise<Buffer> {
  return new Promise((resolve, reject) => sftp.open(path, 'r', (err, handle) => (err ? reject(err) : resolve(handle))));
}

export function sftpClose(sftp: SFTPWrapper, handle: Buffer): Promise<void> {
  return new Promise((resolve) => sftp.close(handle, () => resolve()));
}

/** Up to `length` bytes at `position`; fewer at the end of the file, none past it. */
export function sftpRead(sftp: SFTPWrapper, handle: Buffer, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  return new Promise((resolve, reject) =>
    sftp.read(handle, buffer, 0, length, position, (err, bytesRead) => (err ? reject(err) : resolve(buffer.subarray(0, bytesRead)))),
  );
}

export function sftpStat(sftp: SFTPWrapper, path: string): Promise<Stats> {
  return new Promise((resolve, reject) => sftp.stat(path, (err, stats) => (err ? reject(err) : resolve(stats))));
}

export async function readRemoteFile(ctx: SftpContext, path: string, options: { offset?: number; maxBytes?: number } = {}): Promise<Buffer> {
  return withSftp(ctx, `read ${path}`, async (sftp) => {
    let handle: Buffer;
    try {
      handle = await sftpOpen(sftp, path);
    } catch (err) {
      throw sftpError(err, 'read', path, ctx.label);
    }
    try {
      const chunks: Buffer[] = [];
      let position = options.offset ?? 0;
      let left = options.maxBytes ?? Number.POSITIVE_INFINITY;
      while (left > 0) {
        const chunk = await sftpRead(sftp, handle, position, Math.min(left, READ_CHUNK_BYTES));
        if (chunk.length === 0) break;
        chunks.push(chunk);
        position += chunk.length;
        left -= chunk.length;
      }
      return Buffer.concat(chunks);
    } catch (err) {
      throw sftpError(err, 'read', path, ctx.label);
    } finally {
      void sftpClose(sftp, handle);
    }
  });
}

export async function statRemoteFile(ctx: SftpContext, path: string): Promise<FileInfo | null> {
  return withSftp(ctx, `stat ${path}`, async (sftp) => {
    try {
      const stats = await sftpStat(sftp, path);
      const type = stats.mode & S_IFMT;
      // SFTP version 3 carries neither an inode nor sub-second times.
      return { size: stats.size, mtimeMs: stats.mtime * 1000, inode: null, isFile: type === 0o100000, isDirectory: type === 0o040000 };
    } catch (err) {
      if (code(err) === NO_SUCH_FILE) return null;
      throw sftpError(err, 'stat', path, ctx.label);
    }
  });
}

export async function readRemoteDir(ctx: SftpContext, path: string): Promise<string[]> {
  return withSftp(ctx, `list ${path}`, async (sftp) => {
    try {
      const entries = await new Promise<FileEntryWithStats[]>((resolve, reject) => sftp.readdir(path, (err, list) => (err ? reject(err) : resolve(list))));
      return entries.map((e) => e.filename).filter((name) => name !== '.' && name !== '..');
    } catch (err) {
      throw sftpError(err, 'list', path, ctx.label);
    }
  });
}

export async function readRemoteLink(ctx: SftpContext, path: string): Promise<string | null> {
  return withSftp(ctx, `read the link ${path}`, async (sftp) => {
    try {
      return await new Promise<string>((resolve, reject) => sftp.readlink(path, (err, target) => (err ? reject(err) : resolve(target))));
    } catch (err) {
      // Missing, or not a link (readlink's EINVAL: BAD_MESSAGE from OpenSSH, FAILURE from others).
      if (code(err) === NO_SUCH_FILE || code(err) === BAD_MESSAGE || code(err) === FAILURE) return null;
      throw sftpError(err, 'read the link', path, ctx.label);
    }
  });
}
