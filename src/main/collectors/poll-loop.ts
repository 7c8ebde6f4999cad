/**
 * Runs an async job every `intervalMs`, one run at a time: the next run is
 * scheduled when the last one ends, so a slow target never piles requests
 * up. stop() clears the timer and waits for a run in flight, so nothing
 * runs after it resolves.
 */
export class PollLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly intervalMs: number,
    private readonly job: () => Promise<void>,
    /** Errors a run throws; the loop goes on. */
    private readonly onError: (err: unknown) => void,
  ) {}

  /** The first run now (default) or after one interval. */
  start(options: { immediately?: boolean } = {}): void {
    if (this.stopped) return;
    if (options.immediately === false) this.schedule();
    else this.runOnce();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.runOnce();
    }, this.intervalMs);
  }

  private runOnce(): void {
    if (this.stopped) return;
    this.running = this.job()
      .catch((err: unknown) => {
        if (!this.stopped) this.onError(err);
      })
      .finally(() => {
        this.running = null;
        this.schedule();
      });
  }
}
