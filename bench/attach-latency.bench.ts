/**
 * From attach to the first chart: a real gcleak process writing gctrace to a
 * file is attached through the backend, and the time until the attach view
 * (or the first update) carries heap points is measured, five times. The
 * baseline, measured in the same run, is reading and parsing that gctrace
 * file once with the engine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'vitest';
import type { AttachUpdate, AttachView, EventChannel, EventMap } from '../src/shared/contract';
import type { Result } from '../src/shared/result';
import { createBackend } from '../src/main/core/backend';
import { readGcLog } from '../src/main/core/gc-log-reader';
import { buildGoFixture } from '../test/helpers/go-fixture';

const ROUNDS = 5;

test('attach to the first chart', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gclens-bench-attach-'));
  const binary = await buildGoFixture('gcleak');
  const stderrPath = join(dir, 'gcleak.stderr.log');
  const fd = openSync(stderrPath, 'w');
  const child: ChildProcess = spawn(binary, ['-mode', 'leak', '-duration', '0', '-tick', '50ms'], { env: { ...process.env, GODEBUG: 'gctrace=1' }, stdio: ['ignore', 'ignore', fd] });
  closeSync(fd);
  await new Promise((r) => setTimeout(r, 2000));
  try {
    const baselineStart = process.hrtime.bigint();
    await readGcLog({ path: stderrPath, name: 'gctrace' }, { onRecord: () => {} });
    const baselineMs = Number(process.hrtime.bigint() - baselineStart) / 1e6;

    const latencies: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      let firstUpdate: ((update: AttachUpdate) => void) | null = null;
      const backend = createBackend({
        transport: 'serve',
        sessionsDir: join(dir, `sessions-${round}`),
        emit: <E extends EventChannel>(channel: E, payload: EventMap[E]) => {
          if (channel === 'session:update' && (payload as AttachUpdate).heap.length > 0) firstUpdate?.(payload as AttachUpdate);
        },
      });
      const start = process.hrtime.bigint();
      const charted = new Promise<void>((resolve) => (firstUpdate = () => resolve()));
      const result = (await backend.dispatch('session:attach', { pid: child.pid })) as Result<AttachView>;
      if (!result.ok) throw new Error(result.error.message);
      if (result.value.heap.length === 0) await charted;
      latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
      await backend.dispatch('session:detach', { attachId: result.value.attachId });
      await backend.dispose();
    }
    latencies.sort((a, b) => a - b);
    process.stdout.write(
      `\nattach to first chart (gctrace in a file), ${ROUNDS} rounds\n` +
        `  baseline: read and parse the gctrace file once   ${baselineMs.toFixed(0)} ms\n` +
        `  attach until heap points reach the UI           median ${latencies[Math.floor(ROUNDS / 2)]!.toFixed(0)} ms, max ${latencies.at(-1)!.toFixed(0)} ms\n`,
    );
  } finally {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
