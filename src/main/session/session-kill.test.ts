/**
 * A real crash: a separate node process records into a session as fast as
 * it can (a growing log, events, snapshots streamed in chunks) and is
 * killed with SIGKILL mid-recording. Whatever it had reported durable must
 * read back, the rest must be a clean prefix of what it was writing, and a
 * writer must be able to take the folder over and go on.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GcEvent } from '../../shared/gc-event';
import { SessionReader } from './session-reader';
import { SessionWriter } from './session-writer';
import { collect, tempDir } from './test-support';

const work = tempDir('kill');

// The writer is TypeScript; the child gets it bundled to one ES module.
beforeAll(async () => {
  await build({
    configFile: false,
    root: resolve(import.meta.dirname, '../../..'),
    logLevel: 'silent',
    ssr: { noExternal: true },
    build: {
      ssr: resolve(import.meta.dirname, 'index.ts'),
      outDir: work,
      emptyOutDir: false,
      minify: false,
      copyPublicDir: false,
      rollupOptions: { output: { entryFileNames: 'session.mjs', format: 'es' } },
    },
  });
  writeFileSync(join(work, 'recorder.mjs'), RECORDER);
});

/** The line the recorder writes for cycle `i`, and the record it parses from it. */
const gcLine = (i: number): string => `gc ${i} @${i}.000s 1%: 0.1+2.0+0.1 ms clock, 0.4+0/1/2+0.4 ms cpu, 40->41->20 MB, 42 MB goal, 0 MB stacks, 0 MB globals, 8 P\n`;
const snapshotChunk = (n: number, k: number): string => `goroutine ${n * 100 + k} [chan send, ${k} minutes]:\nmain.leak()\n\t/src/leak.go:${k}\n\n`.repeat(200);

const RECORDER = `
import { SessionWriter } from './session.mjs';
const gcLine = ${gcLine.toString()};
const snapshotChunk = ${snapshotChunk.toString()};
const writer = await SessionWriter.create(process.argv[2], {
  target: { host: 'this machine', pid: process.pid, user: null, command: 'recorder', runtime: 'go', version: null, processStartedAt: null },
}, { events: { flushMs: 20 }, artifactProgressMs: 30 });
const log = await writer.addArtifact('gctrace', 'stderr', '', 'recorder stderr', { growing: true });
async function* snapshot(n) {
  for (let k = 0; k < 20; k++) {
    yield snapshotChunk(n, k);
    await new Promise((r) => setImmediate(r));
  }
}
let snapshotsAdded = 0;
let snapshotsBusy = 0;
for (let i = 1; ; i++) {
  const written = writer.appendToArtifact(log.id, gcLine(i));
  const durable = writer.appendEvents([{ type: 'gc', runtime: 'go', collector: 'go', id: i, source: { file: log.path, line: i } }], { artifact: log.id });
  if (i % 200 === 0 && snapshotsBusy < 2) {
    snapshotsBusy++;
    const added = writer.addArtifact('goroutine-text', 'goroutine?debug=2', snapshot(++snapshotsAdded), 'GET /debug/pprof/goroutine?debug=2');
    void added.finally(() => snapshotsBusy--);
  }
  if (i % 200 === 0) {
    // Lines and events land in call order: i written and durable means 1..i are.
    void Promise.all([written, durable]).then(() => process.stdout.write(JSON.stringify({ durable: i }) + '\\n'));
  }
  // Keep writing while the reports travel, so the kill lands mid-write, but
  // no faster than the log's writes drain.
  if (i % 20 === 0) await written;
}
`;

describe('a recording killed with SIGKILL', () => {
  it('reads back everything the killed process had made durable, and can be continued', async () => {
    const dir = join(work, 'session');
    const child = spawn(process.execPath, [join(work, 'recorder.mjs'), dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    let reported = 0;
    for await (const text of createInterface({ input: child.stdout })) {
      reported = (JSON.parse(text) as { durable: number }).durable;
      if (reported >= 6000) {
        child.kill('SIGKILL');
        break;
      }
    }
    expect(await exited, stderr).toBe('SIGKILL');

    const reader = await SessionReader.open(dir);
    expect(reader.recording).toBe(false); // its lock names a dead process
    expect(reader.manifest.capture.endedAt).toBeNull();

    // Events: at least every one reported durable, in order, none damaged; at most one torn.
    const stream = reader.events();
    const events = await collect(stream);
    expect(events.length).toBeGreaterThanOrEqual(reported);
    expect(stream.stats.corruptLines).toEqual([]);
    expect(stream.stats.seqBreaks).toBe(0);
    expect(stream.stats.tornRecords).toBeLessThanOrEqual(1);
    events.forEach((e, i) => {
      if (e.seq !== i + 1 || (e.record as GcEvent).id !== i + 1) throw new Error(`event ${i + 1} is out of place`);
    });

    // The growing log: a clean prefix of what was written, at least up to the last report.
    const [log, ...snapshots] = reader.artifacts;
    const logText = readFileSync(join(dir, log!.path), 'utf8');
    expect(logText.endsWith('\n')).toBe(true); // each append is one write(2): whole or absent
    const lines = logText.split('\n').slice(0, -1);
    expect(lines.length).toBeGreaterThanOrEqual(reported);
    lines.forEach((line, i) => {
      if (line + '\n' !== gcLine(i + 1)) throw new Error(`log line ${i + 1} is damaged`);
    });
    expect(log).toMatchObject({ kind: 'gctrace', growing: true, complete: false, bytes: Buffer.byteLength(logText) });

    // Snapshots: each a prefix of its content; the finished ones complete and whole.
    expect(snapshots.length).toBeGreaterThanOrEqual(3);
    snapshots.forEach((s, i) => {
      const whole = Array.from({ length: 20 }, (_, k) => snapshotChunk(i + 1, k)).join('');
      const onDisk = readFileSync(join(dir, s.path), 'utf8');
      expect(whole.startsWith(onDisk)).toBe(true);
      if (s.complete) expect(onDisk).toBe(whole);
    });
    expect(snapshots.filter((s) => s.complete).length).toBeGreaterThanOrEqual(1);
    expect((await reader.verifyArtifacts()).filter((c) => c.status !== 'ok')).toEqual([]);

    // Taken over and finished by another writer.
    const resumed = await SessionWriter.open(dir);
    const next = events.length + 1;
    await resumed.appendToArtifact(log!.id, gcLine(lines.length + 1));
    await resumed.appendEvents([{ ...(events[0]!.record as GcEvent), id: next }]);
    await resumed.close();
    const final = await SessionReader.open(dir);
    expect(final.manifest.recoveries).toHaveLength(1);
    expect(final.artifacts.every((a) => !a.growing)).toBe(true);
    expect((await final.verifyArtifacts()).every((c) => c.status === 'ok')).toBe(true);
    const finalStream = final.events();
    const all = await collect(finalStream);
    expect(finalStream.stats).toMatchObject({ tornRecords: 0, seqBreaks: 0, corruptLines: [] });
    expect(all.at(-1)).toMatchObject({ seq: next, record: { id: next } });
  });
});
