/**
 * The gcleak Go fixture leaking until killed, gently (a 50 ms tick, 1 MiB of
 * garbage a tick), gctrace going to a real file (discovery sees
 * /proc/PID/fd/2 as one and tails it) and pprof on a free loopback port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { buildGoFixture } from './go-fixture';

export interface Gcleak {
  child: ChildProcess;
  pid: number;
  stderrPath: string;
  /** Where its pprof and expvar answer, e.g. http://127.0.0.1:PORT. */
  baseUrl: string;
  exited: Promise<void>;
  /** SIGKILL, if it still runs (SIGCONT first, so a stopped one goes too). */
  kill(): Promise<void>;
}

export async function startLeakingGcleak(stderrPath: string): Promise<Gcleak> {
  const binary = await buildGoFixture('gcleak');
  const env: NodeJS.ProcessEnv = { ...process.env, GODEBUG: 'gctrace=1' };
  delete env.GOGC;
  delete env.GOMEMLIMIT;
  const fd = openSync(stderrPath, 'w');
  const args = ['-mode', 'leak', '-duration', '0', '-tick', '50ms', '-garbage-bytes-per-tick', String(1 << 20), '-pprof-addr', '127.0.0.1:0'];
  const child = spawn(binary, args, { env, stdio: ['ignore', 'pipe', fd] });
  closeSync(fd);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let text = '';
  child.stdout!.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: string) => {
      text += chunk;
      if (/pprof listening on/.test(text)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`gcleak exited with ${code} before listening:\n${text}`)));
  });
  const kill = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGCONT');
    child.kill('SIGKILL');
    await exited;
  };
  const baseUrl = /pprof listening on (http:\/\/\S+)/.exec(text)![1]!;
  return { child, pid: child.pid!, stderrPath, baseUrl, exited, kill };
}

/** What the fixture has leaked so far, from its expvar gcleak_leaked_bytes. */
export async function leakedBytes(gcleak: Gcleak): Promise<number> {
  const vars = (await (await fetch(`${gcleak.baseUrl}/debug/vars`)).json()) as { gcleak_leaked_bytes: number };
  return vars.gcleak_leaked_bytes;
}

/** Whether a process of this pid still exists (signal 0 only checks). */
export function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls `check` every 100 ms; fails naming `what` after `timeoutMs` (a hang guard, not a timed assertion). */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
