/**
 * HPROF histogram pass throughput against a bare read of the same file, both
 * measured in this run, with the heap each one holds at its peak. The dump is
 * taken from the HeapGrowth fixture grown to a few hundred MB: mostly small
 * instances (records, map nodes, strings), the costliest shape per byte.
 */
import { createReadStream, createWriteStream, statSync, writeFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { join } from 'node:path';
import { test } from 'vitest';
import { readHprofHistogram } from '../src/main/snapshots/jvm';
import { findJdks, startJavaFixture } from '../test/helpers/java-fixture';
import { measure, type Measurement } from './measure';

/** Records to grow; about 210 dump bytes each. */
const RECORDS = Number(process.env.GCLENS_BENCH_HPROF_RECORDS ?? 1_500_000);
const RUNS = 3;

/** The baseline: stream the file in the pass's chunk size and touch nothing. */
async function bareRead(path: string): Promise<number> {
  let chunks = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 4 * 2 ** 20 }) as AsyncIterable<Buffer>) chunks += chunk.length > 0 ? 1 : 0;
  return chunks;
}

/** The gzip baseline: inflate the file and touch nothing. */
async function bareGunzip(path: string): Promise<number> {
  let chunks = 0;
  const stream = createReadStream(path, { highWaterMark: 4 * 2 ** 20 }).pipe(createGunzip({ chunkSize: 1 << 20 }));
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks += chunk.length > 0 ? 1 : 0;
  return chunks;
}

/** Runs `work` while sampling the heap, so the figure is its peak, not what is left after. */
async function withPeakHeap(name: string, bytes: number, work: () => Promise<number>): Promise<Measurement> {
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  try {
    const result = await measure(name, bytes, work);
    return { ...result, heapUsedMb: Math.max(peak, process.memoryUsage().heapUsed) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

/** The best of RUNS: the first run warms the JIT and the page cache. */
async function bestOf(run: () => Promise<Measurement>): Promise<Measurement> {
  let best = await run();
  for (let i = 1; i < RUNS; i++) {
    const next = await run();
    if (next.seconds < best.seconds) best = next;
  }
  return best;
}

function print(title: string, rows: Measurement[], baseline: Measurement): void {
  const lines = [`\n${title}`];
  for (const row of rows) {
    const mbPerSec = row.bytes / 2 ** 20 / row.seconds;
    lines.push(
      `  ${row.name.padEnd(34)} ${mbPerSec.toFixed(0).padStart(6)} MB/s  ${row.seconds.toFixed(2).padStart(6)} s  ` +
        `${((baseline.seconds / row.seconds) * 100).toFixed(0).padStart(4)} % of baseline  peak heap ${row.heapUsedMb.toFixed(0)} MB`,
    );
  }
  process.stdout.write(lines.join('\n') + '\n');
}

test('HPROF histogram pass throughput', async () => {
  const [jdk] = await findJdks();
  if (!jdk) throw new Error('No JDK found');
  const perSecond = Math.ceil(RECORDS / 4);
  const fixture = await startJavaFixture(jdk, 'HeapGrowth', ['-Xmx2g', '-XX:+UseParallelGC'], ['600', String(perSecond), '0', 'stop-growing']);
  try {
    await fixture.waitFor(/^ready$/m);
    // Grow to RECORDS, then freeze the heap and dump it.
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      const histogram = await fixture.jcmd('GC.class_histogram');
      const leaked = /^\s*\d+:\s+(\d+)\s+\d+\s+LeakedRecord\s*$/m.exec(histogram);
      if (Number(leaked?.[1] ?? 0) >= RECORDS) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    writeFileSync(join(fixture.dir, 'stop-growing'), '');
    await fixture.waitFor(/^stopped records=/m);
    const path = join(fixture.dir, 'bench.hprof');
    await fixture.jcmd('GC.heap_dump', path);
    const bytes = statSync(path).size;

    const gzPath = `${path}.gz`;
    await pipeline(createReadStream(path), createGzip({ level: 1 }), createWriteStream(gzPath));

    let classes = 0;
    let objects = 0;
    const pass = (file: string) => async (): Promise<number> => {
      const snapshot = await readHprofHistogram(file, 'bench.hprof');
      classes = snapshot.classes.length;
      objects = snapshot.totalInstances;
      return snapshot.meta.records;
    };
    // MB/s are of the uncompressed dump in every row, so the rows compare.
    const plain = await bestOf(() => withPeakHeap('bare read (baseline)', bytes, () => bareRead(path)));
    const plainPass = await bestOf(() => withPeakHeap('HPROF histogram pass', bytes, pass(path)));
    const gunzip = await bestOf(() => withPeakHeap('bare gunzip of .hprof.gz (baseline)', bytes, () => bareGunzip(gzPath)));
    const gzPass = await bestOf(() => withPeakHeap('HPROF histogram pass, .hprof.gz', bytes, pass(gzPath)));
    const title = `HPROF: ${(bytes / 2 ** 20).toFixed(0)} MB dump (${(statSync(gzPath).size / 2 ** 20).toFixed(0)} MB gzipped), ${(objects / 1e6).toFixed(2)} M objects, ${classes} classes (best of ${RUNS})`;
    print(title, [plain, plainPass], plain);
    print('  gzipped:', [gunzip, gzPass], gunzip);
  } finally {
    fixture.stop();
  }
});
