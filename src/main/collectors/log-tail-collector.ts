/**
 * Follows a GC log file on the host (Go gctrace where stderr goes, a JVM GC
 * log found with VM.log list or switched on for the attach) through
 * Host.tailFile, which follows truncation and rotation. What the file holds
 * already is read too, up to its last HISTORY_BYTES: the chart has the
 * past at once, and a leak shows in hours of history, not in the seconds
 * since attaching.
 */
import type { TailHandle } from '../host/host';
import type { KnownFormat } from '../parsers/gc-log-formats';
import { messageOf, type Collector, type CollectorContext } from './collector';
import { RecordFeed } from './record-feed';

/** How much of an existing log is read at attach. */
export const HISTORY_BYTES = 64 * 1024 * 1024;
/** Looking back for the line start before the history window. */
const LINE_SEARCH_BYTES = 64 * 1024;
const FINAL_READ_BYTES = 64 * 1024 * 1024;

export interface LogTailOptions {
  /** gctrace or gc-log: the collector's name and the artifact's kind. */
  kind: 'gctrace' | 'gc-log';
  /** The file as the host reads it. */
  path: string;
  format?: KnownFormat;
  /** Read what the file holds already (default true); false starts at its end. */
  history?: boolean;
  pollMs?: number;
}

export class LogTailCollector implements Collector {
  readonly name: string;
  private feed: RecordFeed | null = null;
  private tail: TailHandle | null = null;
  private stopped = false;
  private errorNoted = false;

  constructor(
    private readonly context: CollectorContext,
    private readonly options: LogTailOptions,
  ) {
    this.name = options.kind;
  }

  async start(): Promise<void> {
    const { host, sink } = this.context;
    const { path } = this.options;
    const info = await host.stat(path);
    const from = info === null ? 0 : this.options.history === false ? info.size : await this.historyStart(info.size);
    const where = from > 0 ? ` from byte ${from}` : '';
    this.feed = new RecordFeed(this.context, { kind: this.options.kind, name: `${this.options.kind}.log`, source: `${path}${where}`, format: this.options.format });
    await this.feed.open();
    if (this.stopped) return;
    this.tail = host.tailFile(path, {
      fromOffset: from,
      pollMs: this.options.pollMs,
      onData: (chunk) => this.feed?.push(chunk),
      onReset: (reason) => {
        this.feed?.restart();
        sink.note(`${path} was ${reason}; reading goes on from the start of the new file.`);
      },
      onError: (err) => {
        if (this.errorNoted) return;
        this.errorNoted = true;
        sink.note(`Tailing ${path}: ${err.message}`);
        sink.status({ name: this.name, state: 'failed', detail: `${path}: ${err.message}` });
      },
    });
    sink.status({ name: this.name, state: 'running', detail: info === null ? `${path} (waiting for it to appear)` : path });
  }

  async stop(options: { final?: boolean } = {}): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const tail = this.tail;
    this.tail = null;
    await tail?.stop();
    if (options.final && tail && this.feed) await this.readRest(tail.offset);
    await this.feed?.end();
    this.context.sink.status({ name: this.name, state: 'stopped', detail: this.options.path });
  }

  /** Lines written after the last poll: a target that exits writes its last collections just before. */
  private async readRest(offset: number): Promise<void> {
    try {
      const info = await this.context.host.stat(this.options.path);
      if (!info || info.size <= offset) return;
      this.feed!.push(await this.context.host.readFile(this.options.path, { offset, maxBytes: FINAL_READ_BYTES }));
    } catch (err) {
      // The file went with its process (/proc/PID/fd/2): what was read is all there is.
      this.context.sink.note(`Reading the end of ${this.options.path}: ${messageOf(err)}`);
    }
  }

  /** The first line start within the last HISTORY_BYTES of the file. */
  private async historyStart(size: number): Promise<number> {
    if (size <= HISTORY_BYTES) return 0;
    const from = size - HISTORY_BYTES;
    const look = await this.context.host.readFile(this.options.path, { offset: from - 1, maxBytes: LINE_SEARCH_BYTES });
    const newline = look.indexOf(0x0a);
    this.context.sink.note(`${this.options.path} holds ${size} bytes; its last ${HISTORY_BYTES >> 20} MiB are read.`);
    return newline < 0 ? from : from - 1 + newline + 1;
  }
}
