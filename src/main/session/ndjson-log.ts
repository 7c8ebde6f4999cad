/**
 * An append-only NDJSON file whose lines each carry a sequence number
 * (events.ndjson, journal.ndjson). A line is committed when its newline is
 * on disk: whatever follows the last newline is a torn line. Lines are
 * written in batches (group commit) and fsynced when a batch reaches
 * `batchRecords` or `batchBytes`, or `flushMs` after its first line,
 * whichever comes first: durable within a bounded time without an fsync
 * per line.
 */
import { open, readFile, rename, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { syncDir } from './durable-fs';

export interface NdjsonLogOptions {
  /** Longest a line waits in memory before its batch is written and fsynced (0: at once). */
  flushMs: number;
  batchRecords: number;
  batchBytes: number;
}

interface Waiter {
  resolve: () => void;
  reject: (err: Error) => void;
}

export interface NdjsonTail {
  /** Length of the file up to and including its last newline. */
  committedBytes: number;
  /** Bytes after the last newline (a torn line). */
  tornBytes: number;
  /** `seq` of the last committed line that parses, 0 when none does. */
  lastSeq: number;
}

const TAIL_WINDOW_BYTES = 64 * 1024;

/** Where the committed part of the file ends and the last sequence number in it, read from the end. */
export async function readNdjsonTail(fh: FileHandle): Promise<NdjsonTail> {
  const { size } = await fh.stat();
  let tail = Buffer.alloc(0);
  let start = size;
  let committedBytes = -1;
  while (start > 0) {
    const length = Math.min(TAIL_WINDOW_BYTES, start);
    start -= length;
    const window = Buffer.alloc(length);
    await fh.read(window, 0, length, start);
    tail = Buffer.concat([window, tail]);
    if (committedBytes < 0) {
      const nl = tail.lastIndexOf(0x0a);
      if (nl < 0) continue;
      committedBytes = start + nl + 1;
    }
    const seq = lastSeqIn(tail, committedBytes - start, start === 0);
    if (seq !== null) return { committedBytes, tornBytes: size - committedBytes, lastSeq: seq };
  }
  if (committedBytes < 0) committedBytes = 0;
  return { committedBytes, tornBytes: size - committedBytes, lastSeq: 0 };
}

/** The seq of the last parseable line in `buf[0, end)`; its first line may be cut unless `atFileStart`. */
function lastSeqIn(buf: Buffer, end: number, atFileStart: boolean): number | null {
  let lineEnd = end - 1; // the newline ending the current line
  while (lineEnd > 0 || (lineEnd === 0 && atFileStart)) {
    const prev = lineEnd === 0 ? -1 : buf.lastIndexOf(0x0a, lineEnd - 1);
    if (prev < 0 && !atFileStart) return null; // the line may begin before this window
    const seq = seqOf(buf.subarray(prev + 1, lineEnd));
    if (seq !== null) return seq;
    lineEnd = prev;
  }
  return null;
}

function seqOf(line: Buffer): number | null {
  try {
    const seq = (JSON.parse(line.toString('utf8')) as { seq?: unknown } | null)?.seq;
    return typeof seq === 'number' && Number.isSafeInteger(seq) && seq > 0 ? seq : null;
  } catch {
    return null;
  }
}

export class NdjsonLog {
  private lines: string[] = [];
  private pendingBytes = 0;
  private waiters: Waiter[] = [];
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  private failure: Error | null = null;
  private lastSeq: number;
  private durable: number;
  private appended = 0;

  private constructor(
    private readonly path: string,
    private fh: FileHandle,
    lastSeq: number,
    private readonly options: NdjsonLogOptions,
    private readonly onError: (err: Error) => void,
  ) {
    this.lastSeq = lastSeq;
    this.durable = lastSeq;
  }

  /**
   * Opens (or creates) `path` for appending. A torn last line is cut off
   * first, so new lines start on a line boundary; its size is returned.
   * Numbering goes on after the file's last seq, or after `minSeq` if higher.
   */
  static async open(
    path: string,
    options: NdjsonLogOptions,
    onError: (err: Error) => void,
    minSeq = 0,
  ): Promise<{ log: NdjsonLog; tornBytes: number }> {
    const fh = await open(path, 'a+', 0o644);
    try {
      const tail = await readNdjsonTail(fh);
      if (tail.tornBytes > 0) {
        await fh.truncate(tail.committedBytes);
        await fh.sync();
      }
      return { log: new NdjsonLog(path, fh, Math.max(tail.lastSeq, minSeq), options, onError), tornBytes: tail.tornBytes };
    } catch (err) {
      await fh.close();
      throw err;
    }
  }

  /** The highest sequence number handed out. */
  get lastSequence(): number {
    return this.lastSeq;
  }

  /** Characters appended since the file was opened or last emptied. */
  get appendedChars(): number {
    return this.appended;
  }

  /** The highest sequence number known to be on disk. */
  get durableSequence(): number {
    return this.durable;
  }

  /**
   * Numbers the bodies (each line is `{"seq":N,...body}`) and queues them;
   * resolves once their batch is fsynced.
   */
  append(bodies: readonly object[]): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (bodies.length === 0) return Promise.resolve();
    for (const body of bodies) {
      // JSON.stringify escapes every newline inside strings: one object, one line.
      const line = JSON.stringify({ seq: ++this.lastSeq, ...body }) + '\n';
      this.lines.push(line);
      this.pendingBytes += line.length;
      this.appended += line.length;
    }
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (this.options.flushMs <= 0 || this.lines.length >= this.options.batchRecords || this.pendingBytes >= this.options.batchBytes) {
      this.flushInBackground();
    } else if (this.timer === null) {
      this.timer = setTimeout(() => this.flushInBackground(), this.options.flushMs);
    }
    return done;
  }

  /** Writes and fsyncs everything queued so far. */
  flush(): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const lines = this.lines;
    const waiters = this.waiters;
    const lastSeq = this.lastSeq;
    this.lines = [];
    this.waiters = [];
    this.pendingBytes = 0;
    return this.exclusive(async () => {
      try {
        if (this.failure) throw this.failure;
        if (lines.length > 0) {
          await writeAll(this.fh, Buffer.from(lines.join(''), 'utf8'));
          await this.fh.datasync();
          this.durable = lastSeq;
        }
        waiters.forEach((w) => w.resolve());
      } catch (err) {
        const error = err instanceof Error ? err : new Error(String(err));
        if (this.failure === null) {
          this.failure = error;
          this.onError(error);
        }
        waiters.forEach((w) => w.reject(error));
        throw error;
      }
    });
  }

  /**
   * Drops the lines numbered up to `seq` (a checkpoint folded them in
   * elsewhere) and keeps any later ones; numbering goes on. Lines written
   * after `seq` are copied to a new file that replaces this one atomically,
   * so a crash leaves either the old file or the new, never a loss.
   */
  async dropThrough(seq: number): Promise<void> {
    await this.flush();
    await this.exclusive(async () => {
      if (this.failure) return;
      if (this.durable <= seq) {
        await this.fh.truncate(0);
        await this.fh.sync();
        this.appended = 0;
        return;
      }
      const lines = (await readFile(this.path, 'utf8')).split('\n').slice(0, -1);
      const keep = lines.filter((line) => (seqOf(Buffer.from(line, 'utf8')) ?? Infinity) > seq).map((line) => line + '\n').join('');
      const tmp = join(dirname(this.path), `.${basename(this.path)}.tmp`);
      const fresh = await open(tmp, 'w+', 0o644);
      await writeAll(fresh, Buffer.from(keep, 'utf8'));
      await fresh.sync();
      await fresh.close();
      await rename(tmp, this.path);
      await syncDir(dirname(this.path));
      const old = this.fh;
      this.fh = await open(this.path, 'a+');
      await old.close();
      this.appended = keep.length;
    });
  }

  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      await this.fh.close();
    }
  }

  /** Runs `task` after every earlier one. */
  private exclusive(task: () => Promise<void>): Promise<void> {
    const run = this.chain.then(task);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** A failure reaches the waiters and onError; nobody awaits this call itself. */
  private flushInBackground(): void {
    this.flush().catch(() => undefined);
  }
}

async function writeAll(fh: FileHandle, data: Buffer): Promise<void> {
  let done = 0;
  while (done < data.length) done += (await fh.write(data, done, data.length - done)).bytesWritten;
}
