/**
 * Tells when an attached process has gone: /proc/PID/stat missing or a
 * zombie's, or held by another process with the same pid (its start time
 * differs). Read through the Host, once a second and whenever a collector
 * suspects it.
 */
import { parseStartTicks } from '../discovery/proc-files';
import type { Host } from '../host/host';
import { PollLoop } from '../collectors/poll-loop';

export class TargetWatch {
  private startTicks: number | null = null;
  private loop: PollLoop | null = null;
  private gone = false;

  constructor(
    private readonly host: Host,
    private readonly pid: number,
    private readonly onGone: (why: string) => void,
    private readonly intervalMs = 1000,
  ) {}

  async start(): Promise<void> {
    this.startTicks = await this.readStartTicks();
    this.loop = new PollLoop(this.intervalMs, () => this.check().then(() => undefined), () => undefined);
    this.loop.start({ immediately: false });
  }

  async stop(): Promise<void> {
    await this.loop?.stop();
  }

  /** Whether the process still runs; reports it gone (once) when not. */
  async check(): Promise<boolean> {
    if (this.gone) return false;
    let ticks: number | null;
    try {
      ticks = await this.readStartTicks();
    } catch {
      // The host could not tell (a dropped link): not a reason to end the attach.
      return true;
    }
    if (ticks !== null && (this.startTicks === null || ticks === this.startTicks)) return true;
    if (this.gone) return false;
    this.gone = true;
    this.onGone(ticks === null ? `process ${this.pid} exited` : `process ${this.pid} exited (its pid now belongs to another process)`);
    return false;
  }

  private async readStartTicks(): Promise<number | null> {
    const stat = await this.host.readFile(`/proc/${this.pid}/stat`).catch((err: { kind?: string }) => {
      if (err.kind === 'not-found') return null;
      throw err;
    });
    if (stat === null) return null;
    const text = String(stat);
    // A zombie (exited, not yet reaped by its parent) still has its /proc entry.
    const state = text.slice(text.lastIndexOf(')') + 1).trim()[0];
    return state === 'Z' || state === 'X' ? null : parseStartTicks(text);
  }
}
