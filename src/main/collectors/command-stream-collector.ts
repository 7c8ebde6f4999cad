/**
 * A GC log that arrives as a program's output rather than as a file: the
 * journal of a systemd service (`journalctl -f _PID=N`), or a Go program
 * gclens launches itself with GODEBUG=gctrace=1 (gctrace cannot be switched
 * on in a running Go process; launching under gclens is the one way to get
 * it from a program whose stderr goes nowhere readable). Runs through
 * Host.spawnStream, so it works over SSH the same.
 */
import type { StreamExit, StreamHandle } from '../host/host';
import type { KnownFormat } from '../parsers/gc-log-formats';
import type { Collector, CollectorContext } from './collector';
import { RecordFeed } from './record-feed';

export interface CommandStreamOptions {
  kind: 'gctrace' | 'gc-log';
  argv: string[];
  env?: Record<string, string>;
  asUser?: string;
  /** The stream that carries the log. */
  logStream: 'stdout' | 'stderr';
  /** Record the other stream as well, as an artifact of its own (a launched program's output). */
  keepOtherStream?: boolean;
  format?: KnownFormat;
}

/** `journalctl` for one process's messages, following, with some history first. */
export function journalArgv(pid: number): string[] {
  return ['journalctl', '--follow', '--output=cat', '--lines=20000', '--no-pager', `_PID=${pid}`];
}

export class CommandStreamCollector implements Collector {
  readonly name: string;
  private feed: RecordFeed | null = null;
  private otherId: string | null = null;
  private stream: StreamHandle | null = null;
  private stopped = false;

  constructor(
    private readonly context: CollectorContext,
    private readonly options: CommandStreamOptions,
  ) {
    this.name = options.kind;
  }

  /** The program's pid on the host, once started (the target, when gclens launched it). */
  get pid(): number | null {
    return this.stream?.pid ?? null;
  }

  /** Settles when the program ends; null before start. */
  get exited(): Promise<StreamExit> | null {
    return this.stream?.exited ?? null;
  }

  async start(): Promise<void> {
    const { session, sink, host } = this.context;
    const { argv, logStream } = this.options;
    const command = argv.join(' ');
    this.feed = new RecordFeed(this.context, { kind: this.options.kind, name: `${this.options.kind}-${logStream}.log`, source: `${command} (${logStream})`, format: this.options.format });
    await this.feed.open();
    if (this.options.keepOtherStream) {
      const other = logStream === 'stdout' ? 'stderr' : 'stdout';
      this.otherId = (await session.addArtifact('other', `${other}.log`, '', `${command} (${other})`, { growing: true })).id;
    }
    if (this.stopped) return;
    const toOther = (chunk: Buffer) => {
      if (this.otherId) void session.appendToArtifact(this.otherId, chunk).catch(() => undefined);
    };
    const toFeed = (chunk: Buffer) => this.feed?.push(chunk);
    this.stream = host.spawnStream(argv, {
      env: this.options.env,
      asUser: this.options.asUser,
      onStdout: logStream === 'stdout' ? toFeed : toOther,
      onStderr: logStream === 'stderr' ? toFeed : toOther,
    });
    sink.status({ name: this.name, state: 'running', detail: command });
    void this.stream.exited.then((exit) => {
      if (this.stopped) return;
      const how = exit.error ?? (exit.signal ? `ended by ${exit.signal}` : `exited with ${exit.code}`);
      sink.status({ name: this.name, state: exit.error ? 'failed' : 'stopped', detail: `${command}: ${how}` });
      sink.suspectExit(`${argv[0]} ${how}`);
    });
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.stream?.stop();
    await this.feed?.end();
    if (this.otherId) await this.context.session.finishArtifact(this.otherId).catch(() => undefined);
    this.context.sink.status({ name: this.name, state: 'stopped', detail: this.options.argv.join(' ') });
  }
}
