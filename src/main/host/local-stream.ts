/**
 * A program run by LocalHost.spawnStream: its output handed over chunk by
 * chunk as it arrives, its end reported once, and stop() that ends it
 * (SIGTERM, then SIGKILL after a grace period) and mutes it at once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { StreamExit, StreamHandle, StreamOptions } from './host';

export interface PreparedProgram {
  argv: string[];
  env: NodeJS.ProcessEnv;
  /** For messages: the program as the caller named it. */
  program: string;
}

export class LocalStream implements StreamHandle {
  readonly pid: number | null;
  readonly exited: Promise<StreamExit>;
  private readonly child: ChildProcess;
  private muted = false;
  private stopRequested = false;
  private timedOut = false;
  private killTimer: NodeJS.Timeout | undefined;
  private readonly timeout: NodeJS.Timeout | undefined;

  constructor(
    prepared: PreparedProgram,
    options: StreamOptions,
    private readonly killGraceMs: number,
  ) {
    this.child = spawn(prepared.argv[0]!, prepared.argv.slice(1), { env: prepared.env, stdio: ['ignore', 'pipe', 'pipe'], shell: false });
    this.pid = this.child.pid ?? null;
    this.child.stdout?.on('data', (chunk: Buffer) => {
      if (!this.muted) options.onStdout?.(chunk);
    });
    this.child.stderr?.on('data', (chunk: Buffer) => {
      if (!this.muted) options.onStderr?.(chunk);
    });
    if (options.timeoutMs !== undefined) {
      this.timeout = setTimeout(() => {
        this.timedOut = true;
        this.terminate();
      }, options.timeoutMs);
    }
    this.exited = new Promise<StreamExit>((resolve) => {
      const settle = (exit: Omit<StreamExit, 'timedOut' | 'stopped'>) => {
        clearTimeout(this.timeout);
        clearTimeout(this.killTimer);
        resolve({ ...exit, timedOut: this.timedOut, stopped: this.stopRequested });
      };
      this.child.once('error', (err: NodeJS.ErrnoException) => {
        const why = err.code === 'ENOENT' ? `${prepared.program}: program not found` : `cannot run ${prepared.program}: ${err.message}`;
        settle({ code: null, signal: null, error: why });
      });
      this.child.once('exit', () => {
        // A grandchild holding our pipes must not keep a stopped program open.
        if (this.stopRequested || this.timedOut) setTimeout(() => (this.child.stdout?.destroy(), this.child.stderr?.destroy()), 100).unref();
      });
      this.child.once('close', (code, signal) => settle({ code, signal, error: null }));
    });
  }

  stop(): Promise<StreamExit> {
    this.muted = true;
    if (!this.stopRequested) {
      this.stopRequested = true;
      this.terminate();
    }
    return this.exited;
  }

  private terminate(): void {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    this.killTimer ??= setTimeout(() => this.child.kill('SIGKILL'), this.killGraceMs);
  }
}
