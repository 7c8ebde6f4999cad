/**
 * Crashes simulated on the folder itself: a copy of it taken mid-recording
 * is what a killed writer leaves (its lock then names a dead process, which
 * is ignored: the copy drops it), and its files are cut or extended the way
 * a kill mid-write leaves them. A real SIGKILL of a recording process is in
 * session-kill.test.ts.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GcEvent } from '../../shared/gc-event';
import { SessionReader } from './session-reader';
import { SessionWriter } from './session-writer';
import { GO_TARGET, collect, gctraceText, parseGctrace, sha256OfFile, tempDir } from './test-support';

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The folder as a writer killed now would leave it: its files as they are, its lock held by nobody. */
function crashCopy(dir: string): string {
  const copy = join(tempDir('crashed'), 'session');
  cpSync(dir, copy, { recursive: true });
  rmSync(join(copy, 'writer.lock'));
  return copy;
}

describe('a session left by a crash', () => {
  it('reads everything up to the crash, skips the torn record, and recomputes the artifact the manifest lagged behind', async () => {
    const writer = await SessionWriter.create(tempDir('crash'), { target: GO_TARGET });
    const trace = await writer.addArtifact('gctrace', 'stderr', '', '/proc/4242/fd/2', { growing: true });
    const before = gctraceText(1, 40);
    await writer.appendToArtifact(trace.id, before);
    await writer.appendEvents(parseGctrace(before, trace.path), { artifact: trace.id });
    await writer.flush(); // sizes and hashes journalled up to here
    const dir = crashCopy(writer.dir);
    await writer.close();

    // The crash: raw bytes landed after the last journal line, one more event
    // line made it whole, and the next was cut mid-write.
    const lagging = gctraceText(41, 3);
    appendFileSync(join(dir, trace.path), lagging);
    const [whole, torn] = parseGctrace(lagging, trace.path, 41);
    appendFileSync(join(dir, 'events.ndjson'), JSON.stringify({ seq: 41, recordedAt: new Date().toISOString(), record: whole }) + '\n');
    const tornLine = JSON.stringify({ seq: 42, recordedAt: new Date().toISOString(), record: torn });
    appendFileSync(join(dir, 'events.ndjson'), tornLine.slice(0, 57));

    const reader = await SessionReader.open(dir);
    expect(reader.recording).toBe(false);
    expect(reader.manifest.capture.endedAt).toBeNull();
    expect(reader.report.recomputed).toEqual([trace.id]);
    expect(reader.artifact(trace.id)).toMatchObject({
      bytes: Buffer.byteLength(before + lagging),
      sha256: sha(before + lagging),
      complete: false,
      growing: true,
      kind: 'gctrace',
      source: '/proc/4242/fd/2',
    });
    expect((await reader.verifyArtifacts())[0]).toMatchObject({ status: 'ok', actualSha256: sha256OfFile(join(dir, trace.path)) });
    const stream = reader.events();
    const events = await collect(stream);
    expect(stream.stats).toEqual({ records: 41, tornRecords: 1, corruptLines: [], seqBreaks: 0 });
    expect(events.map((e) => (e.record as GcEvent).id)).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));

    // Reopening to continue repairs the folder and says so.
    const resumed = await SessionWriter.open(dir);
    const repaired = resumed.manifest;
    expect(repaired.recoveries).toEqual([{ at: expect.any(String), tornEventBytes: 57, artifacts: [trace.id] }]);
    expect(repaired.capture.resumedAt).toHaveLength(1);
    const after = gctraceText(44, 5);
    await resumed.appendToArtifact(trace.id, after); // the running hash goes on from the recomputed one
    await resumed.appendEvents(parseGctrace(after, trace.path, 44), { artifact: trace.id });
    await resumed.close();

    const final = await SessionReader.open(dir);
    const full = before + lagging + after;
    expect(readFileSync(join(dir, trace.path), 'utf8')).toBe(full);
    expect(final.artifact(trace.id)).toMatchObject({ bytes: Buffer.byteLength(full), sha256: sha(full), complete: true, growing: false });
    const again = final.events();
    const all = await collect(again);
    expect(again.stats).toMatchObject({ records: 46, tornRecords: 0, seqBreaks: 0 });
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 46 }, (_, i) => i + 1));
    expect(all.slice(41).map((e) => (e.record as GcEvent).id)).toEqual([44, 45, 46, 47, 48]);
  });

  it('takes an events file cut in the middle of its last line as one torn record', async () => {
    const writer = await SessionWriter.create(tempDir('cut'), { target: GO_TARGET });
    await writer.appendEvents(parseGctrace(gctraceText(1, 10), 'raw/0001-x'));
    const dir = crashCopy(writer.dir);
    await writer.close();
    const path = join(dir, 'events.ndjson');
    const text = readFileSync(path, 'utf8');
    const lastLineStart = text.lastIndexOf('\n', text.length - 2) + 1;
    truncateSync(path, lastLineStart + 30);

    const stream = (await SessionReader.open(dir)).events();
    const events = await collect(stream);
    expect(events).toHaveLength(9);
    expect(stream.stats.tornRecords).toBe(1);
  });

  it('keeps a snapshot interrupted mid-download listed, with its kind and source and the bytes that made it', async () => {
    const writer = await SessionWriter.create(tempDir('mid-download'), { target: { ...GO_TARGET, runtime: 'jvm' } });
    let firstChunkWritten!: () => void;
    const waiting = new Promise<void>((resolve) => (firstChunkWritten = resolve));
    let restArrives!: (err: Error) => void;
    async function* dump(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('JAVA PROFILE 1.0.2\0 first chunk');
      firstChunkWritten(); // runs when the writer asks for the next chunk, after writing this one
      await new Promise((_, reject) => (restArrives = reject));
    }
    const adding = writer.addArtifact('hprof', '/tmp/heap dump.hprof', dump(), 'jcmd 4242 GC.heap_dump /tmp/heap dump.hprof');
    await waiting;
    const dir = crashCopy(writer.dir); // the process dies before the rest arrives
    restArrives(new Error('gone'));
    await expect(adding).rejects.toThrow('gone');
    await writer.close();

    const reader = await SessionReader.open(dir);
    expect(reader.artifacts).toHaveLength(1);
    expect(reader.artifacts[0]).toMatchObject({
      path: 'raw/0001-tmp-heap-dump.hprof',
      kind: 'hprof',
      source: 'jcmd 4242 GC.heap_dump /tmp/heap dump.hprof',
      bytes: 31,
      sha256: sha('JAVA PROFILE 1.0.2\0 first chunk'),
      complete: false,
    });
  });

  it('reports tampering instead of recovering it: a changed prefix, a shortened file, a missing one, a stray one', async () => {
    const dir = tempDir('tamper');
    const writer = await SessionWriter.create(dir, { target: GO_TARGET });
    const a = await writer.addArtifact('pprof', 'heap', 'AAAA', 'GET /debug/pprof/heap');
    const b = await writer.addArtifact('pprof', 'goroutine', 'BBBBBBBB', 'GET /debug/pprof/goroutine');
    const c = await writer.addArtifact('pprof', 'allocs', 'CCCC', 'GET /debug/pprof/allocs');
    const d = await writer.addArtifact('jstat', 'jstat -gc', 'S0C S1C\n', 'jstat -gc 4242 1000');
    await writer.close();

    writeFileSync(join(dir, a.path), 'AXAAmore'); // longer, but what was recorded changed: not a lag
    truncateSync(join(dir, b.path), 4);
    rmSync(join(dir, c.path));
    writeFileSync(join(dir, 'raw', 'planted.txt'), 'x');

    const reader = await SessionReader.open(dir);
    expect(reader.report).toMatchObject({ recomputed: [], diverged: [a.id, b.id], missing: [c.id], unlistedFiles: ['raw/planted.txt'] });
    expect(reader.artifact(a.id)).toMatchObject({ bytes: 4, sha256: sha('AAAA'), complete: true });
    const checks = await reader.verifyArtifacts();
    expect(checks.map((ch) => [ch.id, ch.status, ch.actualBytes])).toEqual([
      [a.id, 'mismatch', 8],
      [b.id, 'mismatch', 4],
      [c.id, 'missing', null],
      [d.id, 'ok', 8],
    ]);
  });

  it('skips a corrupt line in the middle, and a torn journal line, without losing the rest', async () => {
    const writer = await SessionWriter.create(tempDir('corrupt'), { target: GO_TARGET });
    await writer.appendEvents(parseGctrace(gctraceText(1, 5), 'raw/0001-x'));
    const dir = crashCopy(writer.dir);
    await writer.close();
    const path = join(dir, 'events.ndjson');
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[2] = '\0'.repeat(lines[2]!.length); // a block lost to the disk
    writeFileSync(path, lines.join('\n'));
    appendFileSync(join(dir, 'journal.ndjson'), '{"seq":99,"artifact":{"id":"a0');

    const reader = await SessionReader.open(dir);
    expect(reader.report.journal).toEqual({ tornLines: 1, corruptLines: [] });
    const stream = reader.events();
    const events = await collect(stream);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 4, 5]);
    expect(stream.stats).toMatchObject({ records: 4, tornRecords: 0, corruptLines: [3], seqBreaks: 1 });

    // A writer reopening it cuts the torn journal line and numbers on after the last good event.
    const resumed = await SessionWriter.open(dir);
    await resumed.appendEvents(parseGctrace(gctraceText(6, 1), 'raw/0001-x'));
    await resumed.close();
    expect(statSync(join(dir, 'journal.ndjson')).size).toBe(0);
    expect((await collect((await SessionReader.open(dir)).events())).map((e) => e.seq)).toEqual([1, 2, 4, 5, 6]);
  });
});
