/**
 * Host.spawnStream over SSH: a program on the box whose output is handed over
 * as it arrives, its pid on the box known from its first stderr line (see
 * remote-process.ts): launch-with-gctrace attaches to that pid.
 *
 * A stream is not restarted when the link drops: it ends with an error, and
 * once the link is back the program, if it outlived its channel, is sent
 * SIGTERM by pid (only if that pid still has the start time it had, so a
 * reused pid is never hit). Restarting a follower is the collector's choice.
 */
import type { StreamExit, StreamHandle, StreamOptions } from '../host/host';
import { checkProgramRan, RemoteProcess, type ExecContext } from './remote-process';

/** Enough of stderr to tell "program not found" from the program's own words. */
const STDERR_KEPT = 4096;
/** How long a stream with no time limit waits for a link and a channel to start. */
const START_WAIT_MS = 30_000;

/** For a program that outlives its dropped channel. */
export interface Orphans {
  /** The process's start time on the box (/proc/PID/stat), read while the link is up. */
  startTime(pid: number): Promise<string | null>;
  /** SIGTERM to pid once the link is back, if it still has that start time. */
  kill(pid: number, asUser: string | null, startTime: Promise<string | null>): void;
}

export class SshStream implements StreamHandle {
  readonly exited: Promise<StreamExit>;
  private remote: RemoteProcess | null = null;
  private muted = false;
  private stopRequested = false;
  private timedOut = false;
  private startTime: Promise<string | null> = Promise.resolve(null);
  private stoppedBeforeStart: (exit: StreamExit) => void = () => {};

  constructor(
    private readonly ctx: ExecContext,
    argv: string[],
    private readonly options: StreamOptions,
    private readonly orphans: Orphans,
  ) {
    const ran = this.run(argv).catch((err: Error) => ({ code: null, signal: null, timedOut: this.timedOut, stopped: this.stopRequested, error: err.message }));
    // Stopped while still waiting for a link or a channel: it is over now; should it start after all, it is ended at once.
    const early = new Promise<StreamExit>((resolve) => (this.stoppedBeforeStart = resolve));
    this.exited = Promise.race([ran, early]);
  }

  get pid(): number | null {
    return this.remote?.pid ?? null;
  }

  stop(): Promise<StreamExit> {
    this.muted = true;
    if (!this.stopRequested) {
      this.stopRequested = true;
      if (this.remote) this.remote.terminate();
      else this.stoppedBeforeStart({ code: null, signal: null, timedOut: false, stopped: true, error: null });
    }
    return this.exited;
  }

  private async run(argv: string[]): Promise<StreamExit> {
    const started = Date.now();
    const program = argv[0]!;
    let sawStdout = false;
    let stderrStart = Buffer.alloc(0);
    const remote = await RemoteProcess.start(this.ctx, argv, this.options, this.options.timeoutMs ?? START_WAIT_MS, {
      onStdout: (chunk) => {
        sawStdout = true;
        if (!this.muted) this.options.onStdout?.(chunk);
      },
      onStderr: (chunk) => {
        if (stderrStart.length < STDERR_KEPT) stderrStart = Buffer.concat([stderrStart, chunk]).subarray(0, STDERR_KEPT);
        if (!this.muted) this.options.onStderr?.(chunk);
      },
      onPid: (pid) => (this.startTime = this.orphans.startTime(pid)),
    });
    this.remote = remote;
    if (this.stopRequested) remote.terminate();
    let timer: NodeJS.Timeout | undefined;
    if (this.options.timeoutMs !== undefined) {
      const left = Math.max(0, this.options.timeoutMs - (Date.now() - started));
      timer = setTimeout(() => {
        this.timedOut = true;
        remote.terminate();
      }, left);
    }
    const { exit, linkDropped } = await remote.ended;
    clearTimeout(timer);
    const base = { timedOut: this.timedOut, stopped: this.stopRequested };
    if (linkDropped && !this.stopRequested) {
      if (remote.pid !== null) this.orphans.kill(remote.pid, remote.prepared.asUser, this.startTime);
      return { code: null, signal: null, ...base, error: `the SSH link to ${this.ctx.label} dropped while ${program} was running` };
    }
    let code = exit?.code ?? null;
    let signal = exit?.signal ?? null;
    if ((this.timedOut || this.stopRequested) && code !== 0) {
      // Ended by our kill, or by the box's `timeout`: say it as a signal, as a local stream does.
      signal ??= code === 137 ? 'SIGKILL' : 'SIGTERM';
      code = null;
    }
    let error: string | null = null;
    try {
      checkProgramRan({ code, stdout: sawStdout ? Buffer.from(' ') : Buffer.alloc(0), stderr: stderrStart }, remote.prepared, this.ctx.label);
    } catch (err) {
      error = (err as Error).message;
    }
    return { code, signal, ...base, error };
  }
}
