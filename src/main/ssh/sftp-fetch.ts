/**
 * Host.fetchFile over SFTP, for heap dumps and other large artifacts: reads
 * pipelined (several requests in flight, so a long round trip does not set
 * the pace), progress as bytes land, and resume: a copy continues at the
 * local file's size, after a dropped link as after an earlier attempt. Once
 * complete, the SHA-256 computed on the box (sha256sum) must equal the one
 * computed here; a resumed copy that does not match is made again from zero
 * once, and a mismatch after that is an error.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { SFTPWrapper } from 'ssh2';
import { GclensError } from '../../shared/result';
import { droppedDuring, LinkDropped, sftpClose, sftpError, sftpOpen, sftpRead, statRemoteFile, type SftpContext } from './sftp-files';

const CHUNK_BYTES = 64 * 1024;
/** Requests in flight: 1 MiB, enough to fill a link with a 100 ms round trip at 10 MB/s. */
const WINDOW = 16;
/** A copy that keeps losing its link gives up after this many resumes. */
const MAX_RESUMES = 20;

export interface FetchContext extends SftpContext {
  /** sha256sum of the file, computed on the box. */
  remoteSha256(path: string, sizeBytes: number): Promise<string>;
}

export async function fetchOverSftp(ctx: FetchContext, path: string, localPath: string, onProgress?: (bytes: number, total: number) => void): Promise<void> {
  const info = await statRemoteFile(ctx, path);
  if (!info) throw new GclensError('not-found', `${path} does not exist on ${ctx.label}`);
  if (!info.isFile) throw new GclensError('invalid-argument', `${path} on ${ctx.label} is not a regular file`);
  const total = info.size;
  let from = await localSize(localPath);
  // A local file longer than the remote one is not a part of it.
  if (from > total) from = 0;

  for (let round = 1; ; round++) {
    await copyWithResume(ctx, path, localPath, from, total, onProgress);
    const [remote, local] = await Promise.all([ctx.remoteSha256(path, total), sha256OfLocalFile(localPath)]);
    if (remote === local) return;
    if (from > 0 && round === 1) {
      // The part already here may have come from another version of the file: copy it all again.
      from = 0;
      continue;
    }
    throw new GclensError('io', `${path} from ${ctx.label} arrived damaged: SHA-256 ${local} here, ${remote} on the box (the file may have changed while it was copied)`);
  }
}

async function localSize(localPath: string): Promise<number> {
  try {
    return (await stat(localPath)).size;
  } catch {
    return 0;
  }
}

async function copyWithResume(ctx: FetchContext, path: string, localPath: string, from: number, total: number, onProgress?: (bytes: number, total: number) => void): Promise<void> {
  let start = from;
  for (let resumes = 0; ; resumes++) {
    const { sftp, link } = await ctx.connection.sftp(ctx.waitMs);
    try {
      // Not raced against the link: the copy must have stopped writing before the next one appends.
      await copyRange(sftp, path, localPath, start, total, onProgress, ctx.label, () => link.isClosed());
      return;
    } catch (err) {
      if (!(err instanceof LinkDropped) && !(await droppedDuring(link))) throw err;
      if (resumes >= MAX_RESUMES) throw new GclensError('io', `copying ${path} from ${ctx.label}: the link dropped ${resumes + 1} times`);
      // Whatever reached the disk stays; go on from there.
      start = await localSize(localPath);
    }
  }
}

/** Copies bytes [start, total) of the remote file to the end of the local file (truncated first when start is 0). */
async function copyRange(
  sftp: SFTPWrapper,
  path: string,
  localPath: string,
  start: number,
  total: number,
  onProgress: ((bytes: number, total: number) => void) | undefined,
  label: string,
  dropped: () => boolean,
): Promise<void> {
  // A request made once the link is gone is never answered: look before each one.
  const checkLink = () => {
    if (dropped()) throw new LinkDropped('the link dropped');
  };
  let handle: Buffer;
  try {
    checkLink();
    handle = await sftpOpen(sftp, path);
  } catch (err) {
    throw sftpError(err, 'read', path, label);
  }
  const local = await open(localPath, start === 0 ? 'w' : 'a');
  const inFlight = new Map<number, { length: number; data: Promise<Buffer> }>();
  try {
    let written = start;
    let requested = start;
    onProgress?.(written, total);
    while (written < total) {
      checkLink();
      while (inFlight.size < WINDOW && requested < total) {
        const length = Math.min(CHUNK_BYTES, total - requested);
        const data = sftpRead(sftp, handle, requested, length);
        data.catch(() => {}); // awaited in order below; a later one may never be
        inFlight.set(requested, { length, data });
        requested += length;
      }
      const next = inFlight.get(written)!;
      inFlight.delete(written);
      const data = await next.data;
      if (data.length === 0) throw new GclensError('io', `${path} on ${label} shrank while it was copied (${written} of ${total} bytes)`);
      checkLink();
      await local.write(data);
      written += data.length;
      onProgress?.(written, total);
      if (data.length < next.length) {
        // A short read: the requests after it start at the wrong places. Ask again from here.
        await Promise.allSettled([...inFlight.values()].map((r) => r.data));
        inFlight.clear();
        requested = written;
      }
    }
  } catch (err) {
    throw sftpError(err, 'read', path, label);
  } finally {
    await Promise.allSettled([...inFlight.values()].map((r) => r.data));
    await local.close();
    void sftpClose(sftp, handle);
  }
}

export async function sha256OfLocalFile(localPath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(localPath)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
