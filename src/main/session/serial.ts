/**
 * Runs jobs one at a time, and folds requests that pile up while one runs
 * into a single next run: ten manifest rewrites asked for during one write
 * become one more write, which sees every change made before it starts.
 */
export class Serial {
  private tail: Promise<void> = Promise.resolve();
  private pending: Promise<void> | null = null;

  /** Resolves when a run that started after this call has finished. */
  coalesced(job: () => Promise<void>): Promise<void> {
    if (this.pending) return this.pending;
    const run = this.tail.then(() => {
      this.pending = null; // from here on, a new request needs a new run
      return job();
    });
    this.pending = run;
    this.tail = run.catch(() => undefined);
    return run;
  }
}
