/**
 * JVM snapshots from a real JVM: the HeapGrowth fixture runs on each JDK
 * found, and its class histograms (jcmd and jmap), NMT summaries and heap
 * dumps go through gclens's parsers and diff.
 */
import { createReadStream, createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { createGzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffJvmSnapshots, jvmSnapshotFormats, parseClassHistogram, parseNmt, readHprofHistogram } from '../src/main/snapshots/jvm';
import type { ClassSnapshot } from '../src/main/snapshots/jvm';
import { findJdks, startJavaFixture, type JavaFixture } from './helpers/java-fixture';

const jdks = await findJdks();
/** The fixture's own classes: nothing but the program allocates them, so their counts must agree exactly. */
const OWN_CLASSES = ['LeakedRecord', 'Grower'];
/** Six longs, an int and a reference after a 12-byte header (compressed oops, the default below 32 GB). */
const LEAKED_RECORD_BYTES = 72;

function entryOf(snapshot: ClassSnapshot, name: string): { instances: number; bytes: number } | undefined {
  return snapshot.classes.find((c) => c.name === name);
}

describe.each(jdks)('JVM snapshots from a live HeapGrowth on JDK $majorVersion', (jdk) => {
  let fixture: JavaFixture;

  beforeAll(async () => {
    // Up to 30 s of growth at 20 000 records a second (about 100 MB), unless the stop file appears first.
    fixture = await startJavaFixture(jdk, 'HeapGrowth', ['-Xmx256m', '-XX:NativeMemoryTracking=summary'], ['30', '20000', '0', 'stop-growing']);
    await fixture.waitFor(/^ready$/m);
  });
  afterAll(() => fixture?.stop());

  it('finds LeakedRecord the top grower between two GC.class_histogram taken seconds apart', async () => {
    const first = parseClassHistogram(Buffer.from(await fixture.jcmd('GC.class_histogram')), 'first.txt');
    await sleep(3000);
    const second = parseClassHistogram(Buffer.from(await fixture.jcmd('GC.class_histogram')), 'second.txt');
    expect(first).toMatchObject({ pid: fixture.pid, hasModuleColumn: true, hasTotalLine: true, unknownLineCount: 0 });

    const diff = diffJvmSnapshots(first, second, { by: 'class' });
    const top = diff.rows[0];
    expect(top?.key).toBe('LeakedRecord');
    expect(top?.deltaCount).toBeGreaterThan(10_000);
    expect(top?.delta).toBe((top?.deltaCount ?? 0) * LEAKED_RECORD_BYTES);
    expect(diff.newTotal).toBeGreaterThan(diff.baseTotal);
    // Each record brings its key, a String (give or take the JVM's own strings that came and went).
    const string = diff.rows.find((r) => r.key === 'java.lang.String');
    expect(string?.deltaCount).toBeGreaterThan((top?.deltaCount ?? 0) * 0.99);
  });

  it('reads jmap -histo:live like jcmd', async () => {
    const histogram = parseClassHistogram(Buffer.from(await fixture.jmap('-histo:live')), 'jmap.txt');
    expect(histogram).toMatchObject({ pid: null, hasModuleColumn: true, hasTotalLine: true, unknownLineCount: 0 });
    expect(entryOf(histogram, 'Grower')).toEqual({ name: 'Grower', readableName: 'Grower', instances: 1, bytes: 32 });
    const bytes = histogram.classes.find((c) => c.name === '[B');
    expect(bytes).toMatchObject({ readableName: 'byte[]', module: expect.stringMatching(/^java\.base@/) });
  });

  it('reads VM.native_memory summary and summary.diff', async () => {
    await fixture.jcmd('VM.native_memory', 'baseline');
    const summary = parseNmt(Buffer.from(await fixture.jcmd('VM.native_memory', 'summary')), 'nmt.txt');
    expect(summary).toMatchObject({ pid: fixture.pid, isDiff: false, unknownLineCount: 0 });
    const heap = summary.categories.find((c) => c.name === 'Java Heap');
    expect(heap?.committedBytes).toBeGreaterThan(0);
    expect(heap?.reservedBytes).toBe(256 * 2 ** 20);
    expect(summary.total.committedBytes).toBeGreaterThan(heap?.committedBytes ?? 0);

    await sleep(500);
    const diff = parseNmt(Buffer.from(await fixture.jcmd('VM.native_memory', 'summary.diff')), 'nmt-diff.txt');
    expect(diff.unknownLineCount).toBe(0);
    expect(diff.categories.map((c) => c.name)).toContain('Java Heap');
    const nmtDiff = diffJvmSnapshots(summary, diff, { by: 'category' });
    expect(nmtDiff.rows.map((r) => r.key)).toContain('Thread');
  });

  it("counts the fixture's classes in a GC.heap_dump exactly as GC.class_histogram does, .hprof and .hprof.gz", async () => {
    writeFileSync(join(fixture.dir, 'stop-growing'), '');
    const records = Number((await fixture.waitFor(/^stopped records=(\d+)/m))[1]);
    const dumpPath = join(fixture.dir, 'heap.hprof');
    // Both commands collect first (a dump without -all keeps live objects only): with growth stopped, they see one heap.
    await fixture.jcmd('GC.heap_dump', dumpPath);
    const histogram = parseClassHistogram(Buffer.from(await fixture.jcmd('GC.class_histogram')), 'after-dump.txt');
    const dump = await readHprofHistogram(dumpPath, 'heap.hprof');

    expect(dump.meta).toMatchObject({ format: 'JAVA PROFILE 1.0.2', idSize: 8 });
    expect(entryOf(dump, 'LeakedRecord')?.instances).toBe(records);
    for (const name of OWN_CLASSES) {
      expect(entryOf(dump, name), name).toEqual(entryOf(histogram, name));
    }
    expect(dump.classes[0]?.name).toBe('LeakedRecord');

    // Beyond the fixture's classes, nearly every count agrees too (see hprof-shallow-size.ts for the few that cannot).
    const counted = histogram.classes.filter((c) => entryOf(dump, c.name)?.instances === c.instances);
    expect(counted.length / histogram.classes.length).toBeGreaterThan(0.95);
    const sameBytes = histogram.classes.filter((c) => entryOf(dump, c.name)?.bytes === c.bytes);
    expect(sameBytes.length / histogram.classes.length).toBeGreaterThan(0.95);

    // A dump diffs against a histogram: nothing of the fixture's own moved.
    const diff = diffJvmSnapshots(histogram, dump, { filter: /^(LeakedRecord|Grower)$/ });
    expect(diff.rows.map((r) => [r.key, r.deltaCount, r.delta])).toEqual([
      ['Grower', 0, 0],
      ['LeakedRecord', 0, 0],
    ]);

    const gzPath = `${dumpPath}.gz`;
    await pipeline(createReadStream(dumpPath), createGzip({ level: 1 }), createWriteStream(gzPath));
    const hprof = jvmSnapshotFormats.find((f) => f.kind === 'hprof');
    const fromGzip = await hprof?.load(gzPath, 'heap.hprof.gz');
    expect(fromGzip?.kind).toBe('hprof');
    expect((fromGzip as ClassSnapshot).classes).toEqual(dump.classes);
  });
});
