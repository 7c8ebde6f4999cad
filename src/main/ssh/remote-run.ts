/**
 * Host.run over SSH: one exec channel per program (see remote-process.ts for
 * how it starts and ends), output collected up to a cap, and a time limit:
 * at the limit SIGTERM, SIGKILL after the grace period, and the result says
 * it timed out, as a local run does.
 *
 * Not retried: a run whose link drops fails with GclensError('io'), since
 * the program may or may not have done its work on the box.
 */
import type { RunOptions, RunResult } from '../host/host';
import { GclensError } from '../../shared/result';
import { checkProgramRan, RemoteProcess, type ExecContext } from './remote-process';

const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/** Keeps up to `maxBytes` of a stream; past the cap the bytes are still read, so the program never blocks. */
class Capped {
  readonly chunks: Buffer[] = [];
  truncated = false;
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  add(chunk: Buffer): void {
    const room = this.maxBytes - this.bytes;
    if (chunk.length > room) this.truncated = true;
    if (room <= 0) return;
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.chunks.push(kept);
    this.bytes += kept.length;
  }
}

export async function runRemote(ctx: ExecContext, argv: string[], options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const maxBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const stdout = new Capped(maxBytes);
  const stderr = new Capped(maxBytes);
  const remote = await RemoteProcess.start(ctx, argv, options, options.timeoutMs, {
    onStdout: (chunk) => stdout.add(chunk),
    onStderr: (chunk) => stderr.add(chunk),
  });
  let timedOut = false;
  const timer = setTimeout(
    () => {
      timedOut = true;
      remote.terminate();
    },
    Math.max(0, options.timeoutMs - (Date.now() - started)),
  );
  const { exit, linkDropped } = await remote.ended;
  clearTimeout(timer);
  if (linkDropped && !timedOut) {
    throw new GclensError('io', `the SSH link to ${ctx.label} dropped while ${argv[0]} was running; it may or may not have finished there (not retried)`);
  }
  let code = exit?.code ?? null;
  let signal = exit?.signal ?? null;
  if (timedOut) {
    // Ended by our kill (a signal), or by the box's `timeout` (124, or 128+9 after its -k): say it as a signal, as a local run does.
    if (code === 137) signal = 'SIGKILL';
    else if (signal === null) signal = 'SIGTERM';
    code = null;
  }
  const result: RunResult = { code, signal, stdout: Buffer.concat(stdout.chunks), stderr: Buffer.concat(stderr.chunks), timedOut, truncated: stdout.truncated || stderr.truncated };
  checkProgramRan(result, remote.prepared, ctx.label);
  return result;
}
