import { afterAll, describe, expect, it } from 'vitest';
import { LocalHost } from './local-host';

const host = new LocalHost({ killGraceMs: 300 });
afterAll(() => host.dispose());

describe('LocalHost.spawnStream', () => {
  it('hands output over as it comes, by argv, with the environment given', async () => {
    const chunks: string[] = [];
    const errs: string[] = [];
    const stream = host.spawnStream(['sh', '-c', 'echo "one $X"; sleep 0.1; echo two >&2; echo three'], {
      env: { X: 'a $(b)' },
      onStdout: (c) => chunks.push(c.toString()),
      onStderr: (c) => errs.push(c.toString()),
    });
    expect(stream.pid).toBeGreaterThan(0);
    expect(await stream.exited).toEqual({ code: 0, signal: null, timedOut: false, stopped: false, error: null });
    expect(chunks.join('')).toBe('one a $(b)\nthree\n');
    expect(errs.join('')).toBe('two\n');
  });

  it('stop() ends a follower and nothing is delivered after', async () => {
    let lines = 0;
    const stream = host.spawnStream(['sh', '-c', 'while :; do echo tick; sleep 0.02; done'], { onStdout: () => lines++ });
    while (lines < 3) await new Promise((r) => setTimeout(r, 10));
    const exit = await stream.stop();
    expect(exit).toMatchObject({ stopped: true, signal: 'SIGTERM' });
    const seen = lines;
    await new Promise((r) => setTimeout(r, 100));
    expect(lines).toBe(seen);
    expect(await stream.stop()).toEqual(exit);
  });

  it('ends a program past its timeout, with SIGKILL when it ignores SIGTERM', async () => {
    const stream = host.spawnStream(['sh', '-c', 'trap "" TERM; while :; do sleep 0.05; done'], { timeoutMs: 100 });
    expect(await stream.exited).toMatchObject({ timedOut: true, signal: 'SIGKILL', stopped: false });
  });

  it('says a missing program is missing, without throwing', async () => {
    const stream = host.spawnStream(['gclens-no-such-program'], {});
    expect(await stream.exited).toMatchObject({ code: null, error: 'gclens-no-such-program: program not found' });
  });

  it('dispose() stops every stream the host started', async () => {
    const own = new LocalHost({ killGraceMs: 300 });
    const stream = own.spawnStream(['sleep', '30'], {});
    await own.dispose();
    expect(await stream.exited).toMatchObject({ stopped: true });
    expect(() => own.spawnStream(['true'], {})).toThrow(/disposed/);
  });
});
