import { describe, expect, it } from 'vitest';
import { PollLoop } from './poll-loop';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PollLoop', () => {
  it('never overlaps runs, and runs nothing after stop() resolves', async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const loop = new PollLoop(
      1,
      async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        runs++;
        await sleep(20);
        active--;
      },
      () => {},
    );
    loop.start();
    await sleep(100);
    await loop.stop();
    const after = runs;
    expect(active).toBe(0);
    await sleep(50);
    expect(runs).toBe(after);
    expect(maxActive).toBe(1);
    expect(runs).toBeGreaterThan(1);
  });

  it('goes on after a failing run and reports it', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const loop = new PollLoop(
      1,
      async () => {
        runs++;
        throw new Error(`run ${runs}`);
      },
      (err) => errors.push(err),
    );
    loop.start();
    await sleep(30);
    await loop.stop();
    expect(runs).toBeGreaterThan(1);
    expect(errors.length).toBe(runs);
  });
});
