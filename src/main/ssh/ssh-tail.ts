/**
 * Host.tailFile over SSH: `tail -c +N -F` on the box (N = offset + 1), the
 * byte offset counted from what arrives. When the link drops, the tail
 * starts again from the last byte received once the link is back: no byte
 * lost, none twice. Before each start the file's inode and size are read
 * (`stat`), so a file rotated or truncated while the link was down is read
 * from its start with onReset, as LocalHost's polling tail does; the rest of
 * a file rotated meanwhile is read first, found by its inode beside the path
 * (where the JVM and logrotate rename it to).
 *
 * While it runs, truncation and rotation are what tail -F reports: its
 * notices come in-band and in order (see tail-notices.ts); after one the
 * offset starts again at 0. tail polls (---disable-inotify, where the box's
 * tail knows it): with inotify it leaves a renamed file at once, losing what
 * the writer still puts in it; polling, it reads the old file to its end and
 * moves to the new one only after the old one stayed unchanged for a few
 * polls, as LocalHost's tail does. Needs GNU coreutils' tail, stat and find.
 */
import { posix } from 'node:path';
import type { ClientChannel } from 'ssh2';
import type { TailHandle, TailOptions } from '../host/host';
import { GclensError } from '../../shared/result';
import { remoteCommandLine } from './shell-quote';
import type { Link, SshConnection } from './ssh-connection';
import { classifyNotice, markPath, TailNoticeSplitter, type TailPiece } from './tail-notices';

const DEFAULT_POLL_MS = 250;
/** Held bytes that may begin a notice are let go after this long without more output. */
const NOTICE_QUIET_MS = 300;
const LINK_WAIT_MS = 60_000;
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 10_000;
/** The rest of a file rotated while the link was down is read in pieces this big. */
const MOVED_CHUNK_BYTES = 1024 * 1024;

export interface TailContext {
  connection: SshConnection;
  label: string;
  /** inode and size of the path on the box, or null when it does not exist. */
  statRemote(path: string): Promise<{ inode: string; size: number } | null>;
  /** Whether the box has `tail`, and whether it can poll rather than use inotify (asked once per host). */
  tail(): Promise<{ polls: boolean } | null>;
  /** The regular file in `dir` (not below it) with this inode, or null. */
  findByInode(dir: string, inode: string): Promise<string | null>;
  /** Up to `maxBytes` of the file from `offset`. */
  readRange(path: string, offset: number, maxBytes: number): Promise<Buffer>;
}

export class SshTail implements TailHandle {
  private next = 0;
  private inode: string | null = null;
  private started = false;
  private stopped = false;
  private channel: ClientChannel | null = null;
  private readonly loop: Promise<void>;
  private readonly pollMs: number;
  private wakeSleep: (() => void) | null = null;
  private lastError = '';
  private markStopped: () => void = () => {};
  /** Settles when stop() is called: what the loop waits on never holds a stop up. */
  private readonly stopping = new Promise<void>((resolve) => (this.markStopped = resolve));

  constructor(
    private readonly ctx: TailContext,
    private readonly path: string,
    private readonly options: TailOptions,
    private readonly onStopped: (tail: SshTail) => void,
  ) {
    this.pollMs = options.pollMs ?? DEFAULT_POLL_MS;
    this.loop = this.run();
  }

  get offset(): number {
    return this.next;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.markStopped();
    this.wakeSleep?.();
    try {
      this.channel?.signal('TERM');
    } catch {
      // already closed
    }
    this.channel?.close();
    await this.loop;
    this.onStopped(this);
  }

  private async run(): Promise<void> {
    let retryMs = RETRY_MIN_MS;
    while (!this.stopped) {
      try {
        const tail = await this.unlessStopped(this.ctx.tail());
        if (!tail) throw new GclensError('not-found', `tail is not installed on ${this.ctx.label}: cannot follow ${this.path}`);
        const link = await this.unlessStopped(this.ctx.connection.link(LINK_WAIT_MS));
        const start = await this.unlessStopped(this.startOffset());
        if (this.stopped) return;
        const ending = await this.unlessStopped(this.follow(link, start, tail.polls));
        if (ending === 'stopped') return;
        if (ending === 'dropped') {
          retryMs = RETRY_MIN_MS;
          continue;
        }
        this.report(new GclensError('io', `tail of ${this.path} on ${this.ctx.label} ended (${ending}); starting it again`));
      } catch (err) {
        if (this.stopped) return;
        if (err instanceof GclensError && err.kind === 'cancelled') return;
        this.report(err as Error);
      }
      await this.sleep(retryMs);
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    }
  }

  /** `work`, or a 'cancelled' error as soon as stop() is called (the work itself winds down on its own). */
  private unlessStopped<T>(work: Promise<T>): Promise<T> {
    work.catch(() => {});
    const stopped = this.stopping.then(() => Promise.reject(new GclensError('cancelled', `the tail of ${this.path} was stopped`)));
    return Promise.race([work, stopped]);
  }

  /** Where to start: the resume offset, or from 0 (with onReset) when the file was truncated or replaced meanwhile. */
  private async startOffset(): Promise<number> {
    const info = await this.ctx.statRemote(this.path);
    if (this.stopped) return 0;
    const first = !this.started;
    this.started = true;
    const rotated = !first && this.inode !== null && this.inode !== info?.inode;
    // Read before the reset, as LocalHost drains a renamed file before it moves on.
    if (rotated) await this.readMoved(this.inode!);
    if (!info) {
      // Everything in a file that appears later is new; one that was being read is gone.
      const wasReading = first ? (this.options.fromOffset ?? 0) > 0 : this.next > 0;
      this.next = 0;
      this.inode = null;
      if (wasReading) this.options.onReset?.('rotated');
      return 0;
    }
    const wanted = first ? (this.options.fromOffset ?? info.size) : this.next;
    this.inode = info.inode;
    if (rotated || wanted > info.size) {
      this.next = 0;
      this.options.onReset?.(rotated ? 'rotated' : 'truncated');
      return 0;
    }
    this.next = wanted;
    return wanted;
  }

  /**
   * The bytes past the offset of the file that was being read, renamed away
   * while the link was down. Not found (moved to another folder, deleted, no
   * `find` on the box): whatever was written to it after the drop is lost.
   */
  private async readMoved(inode: string): Promise<void> {
    try {
      const moved = await this.ctx.findByInode(posix.dirname(this.path), inode);
      if (moved === null) return;
      for (;;) {
        const chunk = await this.ctx.readRange(moved, this.next, MOVED_CHUNK_BYTES);
        if (chunk.length === 0 || this.stopped) return;
        this.deliver(chunk);
      }
    } catch (err) {
      // A dropped link is tried again with the next start; a file or program that is not there will not be.
      if (!(err instanceof GclensError && err.kind === 'not-found')) throw err;
    }
  }

  /** Runs one tail from `start`; answers how it ended. */
  private follow(link: Link, start: number, polls: boolean): Promise<'stopped' | 'dropped' | string> {
    const { markedPath, marker } = markPath(this.path);
    const seconds = String(Math.max(this.pollMs, 10) / 1000);
    // A hidden option of GNU tail (coreutils tail.c, "-disable-inotify"): why it is wanted is said above.
    const argv = ['tail', '-c', `+${start + 1}`, '-F', ...(polls ? ['---disable-inotify'] : []), '-s', seconds, '--', markedPath];
    const command = remoteCommandLine({ argv, env: { LC_ALL: 'C' }, mergeStderr: true });
    return this.ctx.connection.exec(command, LINK_WAIT_MS).then(({ channel, exit }) => {
      this.channel = channel;
      if (this.stopped) channel.close();
      const splitter = new TailNoticeSplitter(marker);
      let quiet: NodeJS.Timeout | null = null;
      channel.on('data', (chunk: Buffer) => {
        this.handle(splitter.push(chunk));
        if (quiet) clearTimeout(quiet);
        quiet = splitter.holding ? setTimeout(() => this.handle(splitter.flush()), NOTICE_QUIET_MS) : null;
      });
      return new Promise<string>((resolve) => {
        channel.once('close', () => {
          if (quiet) clearTimeout(quiet);
          this.channel = null;
          if (this.stopped) return resolve('stopped');
          // Bytes held back are not counted in the offset: the next tail sends them again.
          const ended = exit();
          if (link.isClosed() && ended === null) return resolve('dropped');
          resolve(ended?.signal ? `signal ${ended.signal}` : `exit code ${ended?.code ?? null}`);
        });
      });
    });
  }

  private handle(pieces: TailPiece[]): void {
    for (const piece of pieces) {
      if (this.stopped) return;
      if (piece.kind === 'data') {
        this.deliver(piece.bytes);
        continue;
      }
      const kind = classifyNotice(piece.text);
      if (kind === 'truncated' || kind === 'rotated' || (kind === 'appeared' && this.next > 0)) {
        this.next = 0;
        this.options.onReset?.(kind === 'truncated' ? 'truncated' : 'rotated');
      }
      if (kind === 'rotated' || kind === 'appeared') this.refreshInode();
      if (kind === 'giving-up') this.report(new GclensError('io', `${this.path} on ${this.ctx.label}: ${piece.text}`));
    }
  }

  private deliver(bytes: Buffer): void {
    const at = this.next;
    this.next += bytes.length;
    this.options.onData(bytes, at);
  }

  /** After a rotation: the inode the next resume compares with. */
  private refreshInode(): void {
    this.inode = null;
    this.ctx.statRemote(this.path).then(
      (info) => (this.inode = info?.inode ?? null),
      () => {},
    );
  }

  /** Each distinct trouble once, not once per retry. */
  private report(err: Error): void {
    if (err.message === this.lastError) return;
    this.lastError = err.message;
    this.options.onError?.(err);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeSleep = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeSleep = done;
    });
  }
}
