/**
 * Follows a growing file by polling. fs.watch is not used: it misses events
 * across rename-rotation and on some filesystems (NFS, overlay), and a poll
 * every few hundred milliseconds is cheap next to a GC log's pace.
 *
 * Rotation is seen as a new inode at the same path (the JVM and logrotate
 * rename the file and open a new one); truncation as a size below the read
 * offset (logrotate's copytruncate, `> file`).
 */
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { TailHandle, TailOptions } from './host';

const DEFAULT_POLL_MS = 250;
const CHUNK_BYTES = 256 * 1024;

export class PollingFileTail implements TailHandle {
  private handle: FileHandle | null = null;
  private inode: number | null = null;
  private next = 0;
  /** Where to begin once the file is first opened: the resume offset, its end, or 0 for a file born after the tail began. */
  private startAt: number | 'end';
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> | null = null;
  private stopped = false;
  private readonly pollMs: number;

  constructor(
    private readonly path: string,
    private readonly options: TailOptions,
    private readonly onStopped: (tail: PollingFileTail) => void = () => {},
  ) {
    this.pollMs = options.pollMs ?? DEFAULT_POLL_MS;
    this.startAt = options.fromOffset ?? 'end';
    this.tick();
  }

  get offset(): number {
    return this.next;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // Data is never delivered after stop() resolves.
    await this.inFlight;
    await this.closeHandle();
    this.onStopped(this);
  }

  private tick(): void {
    if (this.stopped) return;
    this.inFlight = this.poll()
      .catch((err: unknown) => this.options.onError?.(err instanceof Error ? err : new Error(String(err))))
      .finally(() => {
        this.inFlight = null;
        if (!this.stopped) this.timer = setTimeout(() => this.tick(), this.pollMs);
      });
  }

  private async poll(): Promise<void> {
    if (!this.handle && !(await this.openFirst())) return;
    const size = (await this.handle!.stat()).size;
    if (size < this.next) this.reset('truncated');
    await this.drain();

    const current = await statOrNull(this.path);
    if (current && current.ino !== this.inode) {
      // The writer may have written its last lines between our drain and the rename.
      await this.drain();
      const fresh = await openOrNull(this.path);
      // Gone again between stat and open: keep the old file and look on the next poll.
      if (!fresh) return;
      await this.closeHandle();
      this.handle = fresh;
      this.inode = (await fresh.stat()).ino;
      this.reset('rotated');
      await this.drain();
    }
  }

  /** Opens the file the first time it exists; answers whether it is open. */
  private async openFirst(): Promise<boolean> {
    const handle = await openOrNull(this.path);
    if (!handle) {
      // Everything in a file that appears later is new.
      if (this.startAt === 'end') this.startAt = 0;
      return false;
    }
    this.handle = handle;
    const info = await handle.stat();
    this.inode = info.ino;
    const start = this.startAt === 'end' ? info.size : this.startAt;
    if (start > info.size) {
      // The file is shorter than where we stopped: it was truncated or replaced meanwhile.
      this.next = 0;
      this.options.onReset?.('truncated');
    } else {
      this.next = start;
    }
    return true;
  }

  private reset(reason: 'truncated' | 'rotated'): void {
    this.next = 0;
    this.options.onReset?.(reason);
  }

  /** Reads from the offset to the end of the open file. */
  private async drain(): Promise<void> {
    const handle = this.handle;
    if (!handle) return;
    for (;;) {
      if (this.stopped) return;
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, this.next);
      if (bytesRead === 0) return;
      const at = this.next;
      this.next += bytesRead;
      this.options.onData(buffer.subarray(0, bytesRead), at);
    }
  }

  private async closeHandle(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    await handle?.close().catch(() => {});
  }
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

async function openOrNull(path: string): Promise<FileHandle | null> {
  try {
    return await open(path, 'r');
  } catch (err) {
    if (isMissing(err)) return null;
    throw err;
  }
}

async function statOrNull(path: string): Promise<{ ino: number } | null> {
  try {
    return await stat(path);
  } catch (err) {
    if (isMissing(err)) return null;
    throw err;
  }
}
