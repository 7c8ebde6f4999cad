/**
 * One raw artifact open for writing. Chunks are written in the order they
 * were handed over (a tail's onData callback need not await), and the
 * SHA-256 runs alongside, so size and hash are known at any moment without
 * reading the file back.
 */
import { createHash, type Hash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';

export interface WrittenState {
  bytes: number;
  sha256: string;
  /** When the last counted byte was written (ms since the epoch). */
  lastWriteMs: number;
}

export class ArtifactFile {
  private queue: Promise<void> = Promise.resolve();
  private bytes: number;
  private lastWriteMs: number;
  private dirty = false;
  private failure: Error | null = null;
  private closed = false;
  private handleOpen = true;

  private constructor(
    private readonly fh: FileHandle,
    private readonly hash: Hash,
    bytes: number,
    private readonly now: () => number,
  ) {
    this.bytes = bytes;
    this.lastWriteMs = now();
  }

  /** A new file; fails if `path` exists, so no artifact is ever overwritten. */
  static async create(path: string, now: () => number): Promise<ArtifactFile> {
    const fh = await open(path, 'wx', 0o644);
    return new ArtifactFile(fh, createHash('sha256'), 0, now);
  }

  /** An existing file, continued from `bytes` with the hash state of those bytes. */
  static async resume(path: string, state: Hash, bytes: number, now: () => number): Promise<ArtifactFile> {
    const fh = await open(path, 'a');
    return new ArtifactFile(fh, state, bytes, now);
  }

  /**
   * Queues `chunk` and resolves once it is written. The chunk is copied
   * unless `owned` (a caller that awaits and never reuses it, like a stream).
   */
  append(chunk: Uint8Array, owned = false): Promise<void> {
    if (this.closed) return Promise.reject(new Error('artifact is closed'));
    const data = owned ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength) : Buffer.from(chunk);
    return this.enqueue(() => this.write(data));
  }

  /** Size and hash of everything written so far (not necessarily fsynced yet). */
  state(): WrittenState {
    return { bytes: this.bytes, sha256: this.hash.copy().digest('hex'), lastWriteMs: this.lastWriteMs };
  }

  /** Waits for queued writes, then fsyncs if anything changed since the last sync. */
  sync(): Promise<void> {
    return this.enqueue(() => this.syncNow());
  }

  /** Waits for queued writes, syncs and closes; resolves with the state of what was written. */
  async close(): Promise<WrittenState> {
    if (!this.closed) {
      this.closed = true;
      const closing = this.queue.then(async () => {
        try {
          if (!this.failure) await this.syncNow();
        } finally {
          this.handleOpen = false;
          await this.fh.close();
        }
      });
      this.queue = closing.catch(() => undefined);
      await closing;
    } else {
      await this.queue;
    }
    // An earlier failed write was reported to its caller; what was written stands.
    return this.state();
  }

  private async syncNow(): Promise<void> {
    if (!this.dirty || !this.handleOpen) return;
    this.dirty = false;
    await this.fh.sync();
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(() => {
      if (this.failure) throw this.failure;
      return task().catch((err: unknown) => {
        // A failed write leaves the file's end unknown: nothing after it may land.
        this.failure = err instanceof Error ? err : new Error(String(err));
        throw this.failure;
      });
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(chunk: Buffer): Promise<void> {
    let done = 0;
    while (done < chunk.length) {
      const { bytesWritten } = await this.fh.write(chunk, done, chunk.length - done);
      done += bytesWritten;
    }
    this.hash.update(chunk);
    this.bytes += chunk.length;
    this.lastWriteMs = this.now();
    this.dirty = true;
  }
}
