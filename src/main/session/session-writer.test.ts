import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { GcEvent } from '../../shared/gc-event';
import { sessionManifestSchema } from '../../shared/session-manifest';
import { SessionReader } from './session-reader';
import { SessionWriter } from './session-writer';
import { GO_TARGET, collect, gctraceText, parseGctrace, sha256OfFile, tempDir } from './test-support';

const clock = (iso: string) => () => new Date(iso);

describe('SessionWriter and SessionReader: a round trip', () => {
  it('reads back every artifact, hash and record exactly as written', async () => {
    const dir = join(tempDir('roundtrip'), 'session');
    const writer = await SessionWriter.create(dir, { target: GO_TARGET }, { now: clock('2024-05-01T10:05:00.000Z') });

    // A one-shot snapshot given as bytes, one as text, one as a stream.
    const heapBytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31) & 0xff));
    const heap = await writer.addArtifact('pprof', 'heap', heapBytes, 'GET /debug/pprof/heap');
    const goroutines = await writer.addArtifact('goroutine-text', 'goroutine?debug=2', 'goroutine 1 [running]:\nmain.main()\n', 'GET /debug/pprof/goroutine?debug=2');
    const histoChunks = ['   1:  1000  64000  [B\n', '   2:  500  16000  java.lang.String\n', 'Total  1500  80000\n'];
    const histo = await writer.addArtifact('class-histogram', 'GC.class_histogram', Readable.from(histoChunks), 'jcmd 4242 GC.class_histogram');

    // A tailed gctrace: chunks cut mid-line, appended without awaiting, parsed as a collector would.
    const trace = await writer.addArtifact('gctrace', '/var/log/leaky/stderr.log', '', '/var/log/leaky/stderr.log', { growing: true });
    const text = gctraceText(1, 300);
    const appends: Promise<void>[] = [];
    for (let at = 0; at < text.length; at += 997) appends.push(writer.appendToArtifact(trace.id, text.slice(at, at + 997)));
    const records = parseGctrace(text, trace.path);
    for (let i = 0; i < records.length; i += 50) void writer.appendEvents(records.slice(i, i + 50), { artifact: trace.id });
    await Promise.all(appends);
    await writer.close();

    const reader = await SessionReader.open(dir);
    const m = reader.manifest;
    expect(sessionManifestSchema.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')))).toEqual(m);
    expect(m).toMatchObject({
      schemaVersion: 1,
      target: GO_TARGET,
      capture: { startedAt: '2024-05-01T10:05:00.000Z', endedAt: '2024-05-01T10:05:00.000Z', resumedAt: [] },
      clockOffsetMs: null,
      events: { path: 'events.ndjson', records: 300 },
      recoveries: [],
    });
    expect(reader.recording).toBe(false);
    expect(reader.report).toEqual({ recomputed: [], diverged: [], missing: [], unlistedFiles: [], journal: { tornLines: 0, corruptLines: [] } });
    expect(m.artifacts.map((a) => [a.id, a.path, a.kind, a.complete, a.growing])).toEqual([
      ['a0001', 'raw/0001-heap', 'pprof', true, false],
      ['a0002', 'raw/0002-goroutine-debug-2', 'goroutine-text', true, false],
      ['a0003', 'raw/0003-GC.class_histogram', 'class-histogram', true, false],
      ['a0004', 'raw/0004-var-log-leaky-stderr.log', 'gctrace', true, false],
    ]);
    expect([heap.id, goroutines.id, histo.id, trace.id]).toEqual(['a0001', 'a0002', 'a0003', 'a0004']);

    // Sizes and hashes agree with node:crypto over the files, and with the bytes handed in.
    const expected = [heapBytes, Buffer.from('goroutine 1 [running]:\nmain.main()\n'), Buffer.from(histoChunks.join('')), Buffer.from(text)];
    m.artifacts.forEach((a, i) => {
      const onDisk = readFileSync(join(dir, a.path));
      expect(onDisk.equals(expected[i]!)).toBe(true);
      expect(a.bytes).toBe(onDisk.length);
      expect(a.sha256).toBe(sha256OfFile(join(dir, a.path)));
      expect(a.sha256).toBe(createHash('sha256').update(expected[i]!).digest('hex'));
    });
    expect((await reader.verifyArtifacts()).map((c) => c.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(readdirSync(dir).sort()).toEqual(['events.ndjson', 'journal.ndjson', 'manifest.json', 'raw']);
    expect(readFileSync(join(dir, 'journal.ndjson'), 'utf8')).toBe(''); // folded into the manifest at close

    // Every record, in order, numbered, citing its artifact; the first is the real parser's reading of line 1.
    const stream = reader.events();
    const events = await collect(stream);
    expect(stream.stats).toEqual({ records: 300, tornRecords: 0, corruptLines: [], seqBreaks: 0 });
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(events.map((e) => e.record)).toEqual(records);
    expect(events[0]).toMatchObject({ recordedAt: '2024-05-01T10:05:00.000Z', artifact: 'a0004' });
    const first = events[0]!.record as GcEvent;
    expect(first).toMatchObject({ type: 'gc', id: 1, startSec: 0.5, liveBytes: 10 * 2 ** 20, source: { file: 'raw/0004-var-log-leaky-stderr.log', line: 1 } });

    // A byte range of an artifact reads back as stored.
    const part: Buffer[] = [];
    for await (const chunk of await reader.openArtifact(trace.id, { start: 0, end: 9 })) part.push(chunk as Buffer);
    expect(Buffer.concat(part).toString()).toBe('gc 1 @0.50');
  });

  it('goes on after a clean close: numbering continues, the resume is noted', async () => {
    const dir = tempDir('resume');
    const first = await SessionWriter.create(dir, { target: GO_TARGET }, { now: clock('2024-05-01T10:00:00.000Z') });
    await first.appendEvents(parseGctrace(gctraceText(1, 5), 'raw/0001-x'));
    await first.addArtifact('heap-text', 'heap?debug=1', '# runtime.MemStats\n', 'GET /debug/pprof/heap?debug=1');
    await first.close();

    const second = await SessionWriter.open(dir, { now: clock('2024-05-01T11:00:00.000Z') });
    await second.appendEvents(parseGctrace(gctraceText(6, 5), 'raw/0001-x'));
    const next = await second.addArtifact('heap-text', 'heap?debug=1', '# runtime.MemStats\n', 'GET /debug/pprof/heap?debug=1');
    await second.updateSession({ clockOffsetMs: -1234, target: { processStartedAt: '2024-05-01T09:00:00.000+02:00' } });
    await second.close();

    expect(next.path).toBe('raw/0002-heap-debug-1');
    const reader = await SessionReader.open(dir);
    expect(reader.manifest.capture).toEqual({
      startedAt: '2024-05-01T10:00:00.000Z',
      endedAt: '2024-05-01T11:00:00.000Z',
      resumedAt: ['2024-05-01T11:00:00.000Z'],
    });
    expect(reader.manifest.recoveries).toEqual([]); // it had closed cleanly: nothing to repair
    expect(reader.manifest.clockOffsetMs).toBe(-1234);
    expect(reader.manifest.target.processStartedAt).toBe('2024-05-01T09:00:00.000+02:00');
    const events = await collect(reader.events());
    expect(events.map((e) => [e.seq, (e.record as GcEvent).id])).toEqual(Array.from({ length: 10 }, (_, i) => [i + 1, i + 1]));
  });

  it('refuses a second writer, a folder that is not empty, and appends to a finished artifact', async () => {
    const dir = tempDir('refuse');
    const writer = await SessionWriter.create(dir, { target: GO_TARGET });
    await expect(SessionWriter.open(dir)).rejects.toThrow(/being recorded by process \d+/);
    const snap = await writer.addArtifact('nmt', 'VM.native_memory', 'Native Memory Tracking:\n', 'jcmd 1 VM.native_memory summary');
    await expect(writer.appendToArtifact(snap.id, 'more')).rejects.toThrow(/not open for appends/);
    expect(() => writer.appendToArtifact('a9999', 'more')).toThrow(/No artifact a9999/);
    await writer.close();
    await expect(writer.appendEvents([])).rejects.toThrow(/closed/);
    await expect(SessionWriter.create(dir, { target: GO_TARGET })).rejects.toThrow(/already holds a session/);
    const other = tempDir('not-empty');
    writeFileSync(join(other, 'notes.txt'), 'mine');
    await expect(SessionWriter.create(other, { target: GO_TARGET })).rejects.toThrow(/not empty/);
  });

  it('keeps hostile artifact names inside raw/, readable and unique', async () => {
    const base = tempDir('hostile');
    const dir = join(base, 'session');
    const writer = await SessionWriter.create(dir, { target: GO_TARGET });
    const names = ['../../etc/passwd', '../../etc/passwd', 'a/b', 'gc\u0000.log', '<script>alert(1)</script>', '..', '/'];
    const added = [];
    for (const name of names) added.push(await writer.addArtifact('other', name, `content of ${JSON.stringify(name)}`, name));
    await writer.close();
    expect(added.map((a) => a.path)).toEqual([
      'raw/0001-etc-passwd',
      'raw/0002-etc-passwd',
      'raw/0003-a-b',
      'raw/0004-gc.log',
      'raw/0005-script-alert-1-script',
      'raw/0006-artifact',
      'raw/0007-artifact',
    ]);
    expect(readdirSync(base)).toEqual(['session']); // nothing landed beside the session…
    expect(readdirSync(join(dir, 'raw')).sort()).toEqual(added.map((a) => a.path.slice(4)).sort()); // …or beside raw/
    const reader = await SessionReader.open(dir);
    expect(reader.artifacts.map((a) => a.source)).toEqual(names); // the original text is kept, as data
    expect((await reader.verifyArtifacts()).every((c) => c.status === 'ok')).toBe(true);
  });

  it('records what arrived when a content stream fails, as incomplete', async () => {
    const dir = tempDir('stream-fails');
    const writer = await SessionWriter.create(dir, { target: GO_TARGET });
    async function* dump(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('JAVA PROFILE 1.0.2\0');
      throw new Error('connection reset');
    }
    await expect(writer.addArtifact('hprof', 'heap.hprof', dump(), 'jcmd 1 GC.heap_dump /tmp/x.hprof')).rejects.toThrow('connection reset');
    await writer.close();
    const reader = await SessionReader.open(dir);
    expect(reader.artifacts[0]).toMatchObject({ kind: 'hprof', bytes: 19, complete: false, growing: false });
    expect((await reader.verifyArtifacts())[0]!.status).toBe('ok');
  });

  it('folds the journal into the manifest as it grows; a crash at any point between loses no entry', async () => {
    const writer = await SessionWriter.create(tempDir('fold'), { target: GO_TARGET });
    const longSource = `jcmd 4242 VM.command_line ${'-Dsome.long.flag=value '.repeat(45)}`;
    for (let i = 0; i < 300; i++) await writer.addArtifact('jcmd-output', `VM.command_line ${i}`, `output ${i}\n`, longSource);
    const copy = join(tempDir('fold-crash'), 'session');
    cpSync(writer.dir, copy, { recursive: true });
    rmSync(join(copy, 'writer.lock'));
    await writer.close();

    const onDisk = sessionManifestSchema.parse(JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8')));
    expect(onDisk.journal.seq).toBeGreaterThan(0); // at least one checkpoint happened…
    expect(onDisk.artifacts.length).toBeLessThan(300); // …and the journal holds what came after it
    expect(statSync(join(copy, 'journal.ndjson')).size).toBeLessThan(600 * longSource.length);
    for (const dir of [copy, writer.dir]) {
      const reader = await SessionReader.open(dir);
      expect(reader.artifacts.map((a) => a.id)).toEqual(Array.from({ length: 300 }, (_, i) => `a${String(i + 1).padStart(4, '0')}`));
      expect(reader.artifacts.every((a) => a.complete && a.source === longSource)).toBe(true);
      expect((await reader.verifyArtifacts()).every((c) => c.status === 'ok')).toBe(true);
    }
  });

  it('appends 100,000 events through small batches and reads them all back', async () => {
    const dir = tempDir('many');
    const writer = await SessionWriter.create(dir, { target: GO_TARGET });
    const template = parseGctrace(gctraceText(1, 1), 'raw/0001-gctrace')[0] as GcEvent;
    const pending: Promise<void>[] = [];
    for (let i = 1; i <= 100_000; i += 10) {
      const batch = Array.from({ length: 10 }, (_, k) => ({ ...template, id: i + k, source: { file: template.source.file, line: i + k } }));
      pending.push(writer.appendEvents(batch));
    }
    await Promise.all(pending);
    await writer.close();
    const reader = await SessionReader.open(dir);
    expect(reader.manifest.events.records).toBe(100_000);
    const stream = reader.events();
    let n = 0;
    for await (const event of stream) {
      n++;
      if (event.seq !== n || (event.record as GcEvent).id !== n) throw new Error(`record ${n} out of place`);
    }
    expect(stream.stats).toMatchObject({ records: 100_000, tornRecords: 0, seqBreaks: 0 });
  });
});
