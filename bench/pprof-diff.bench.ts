/**
 * pprof decode + diff of two large profiles against `go tool pprof -top
 * -diff_base` on the same files, both timed in this run, and their rows
 * checked equal. The profiles (gzipped, as Go serves them, each at least
 * GCLENS_BENCH_PPROF_MB, 20 by default) are synthesised with pprof-format's
 * encoder from a real one: the corpus' large.cpu (23 000 functions) or,
 * without the corpus, a heap profile of our memleak fixture. Each sample
 * splices the root part of one real stack onto the leaf part of another,
 * with a random leaf, so most stacks are distinct, as in a big service.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Profile, Sample } from 'pprof-format';
import { test } from 'vitest';
import { loadGoSnapshot } from '../src/main/snapshots/go/go-snapshot-loader';
import { comparePprofTop, goToolPprofTop } from '../src/main/snapshots/go/go-tool-pprof';
import { diffGoSnapshots } from '../src/main/snapshots/go/snapshot-diff';
import { corpusPath, hasCorpus } from '../test/helpers/corpus';
import { type Measurement, measure } from './measure';

const TARGET_BYTES = Number(process.env.GCLENS_BENCH_PPROF_MB ?? 20) * 2 ** 20;
/** Gzipped bytes per synthetic sample, measured on large.cpu; the loop below corrects a wrong guess. */
const GZ_BYTES_PER_SAMPLE = 33;

function seedProfile(): Buffer {
  const real = corpusPath('pprof/google-pprof/proto/large.cpu');
  if (hasCorpus && existsSync(real)) return readFileSync(real);
  return readFileSync(join(__dirname, '../src/main/snapshots/go/testdata/memleak-2.heap.pb.gz'));
}

/** mulberry32: a small seeded generator, so both runs of the bench build the same files. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function synthesise(seed: Buffer, samples: number, rngSeed: number): Buffer {
  const profile = Profile.decode(gunzipSync(seed));
  const stacks = profile.sample.map((s) => s.locationId).filter((ids) => ids.length > 0);
  const locations = profile.location.map((l) => l.id);
  const width = profile.sampleType.length;
  const next = random(rngSeed);
  const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)] as T;
  const out: Sample[] = [];
  for (let i = 0; i < samples; i++) {
    const root = pick(stacks);
    const leaf = pick(stacks);
    const ids = [...leaf.slice(0, 1 + Math.floor(next() * leaf.length)), ...root.slice(Math.floor(next() * root.length))];
    ids[0] = pick(locations);
    const count = 1 + Math.floor(next() * 50);
    // Values of the seed's shape: a count, then sizes or durations proportional to it.
    out.push(new Sample({ locationId: ids, value: Array.from({ length: width }, (_, t) => (t === 0 ? count : count * 10_000_000)) }));
  }
  profile.sample = out;
  return gzipSync(profile.encode());
}

function writeProfile(path: string, seed: Buffer, rngSeed: number): number {
  let samples = Math.ceil(TARGET_BYTES / GZ_BYTES_PER_SAMPLE);
  for (;;) {
    const bytes = synthesise(seed, samples, rngSeed);
    if (bytes.length >= TARGET_BYTES) {
      writeFileSync(path, bytes);
      return samples;
    }
    samples = Math.ceil((samples * TARGET_BYTES * 1.05) / bytes.length);
  }
}

function line(row: Measurement, baseline: Measurement): string {
  const mbPerSec = row.bytes / 2 ** 20 / row.seconds;
  return (
    `  ${row.name.padEnd(44)} ${row.seconds.toFixed(2).padStart(7)} s ${mbPerSec.toFixed(1).padStart(7)} MB/s ` +
    `${((row.seconds / baseline.seconds) * 100).toFixed(0).padStart(4)} % of go tool pprof's time  node heap after ${row.heapUsedMb.toFixed(0)} MB`
  );
}

test('pprof decode + diff against go tool pprof -top -diff_base', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gclens-bench-pprof-'));
  try {
    const seed = seedProfile();
    const basePath = join(dir, 'base.pb.gz');
    const newPath = join(dir, 'new.pb.gz');
    const samples = writeProfile(basePath, seed, 1);
    writeProfile(newPath, seed, 2);
    const bytes = statSync(basePath).size + statSync(newPath).size;
    const header = Profile.decode(gunzipSync(seed));
    const seedType = header.sampleType.length;
    // Both tools compare the default sample type, the last; printed in its own unit, pprof's values are exact.
    const unit = header.stringTable.strings[Number(header.sampleType.at(-1)?.unit ?? 0)] ?? '';

    let pprofRows: Awaited<ReturnType<typeof goToolPprofTop>>['rows'] = [];
    const go = await measure('go tool pprof -top -diff_base', bytes, async () => {
      pprofRows = (await goToolPprofTop({ base: basePath, profile: newPath, unit, cwd: dir, timeoutMs: 600_000 })).rows;
      return pprofRows.length;
    });

    let decodeSeconds = 0;
    let rows: ReturnType<typeof diffGoSnapshots>['rows'] = [];
    const ours = await measure('gclens decode + diff by function', bytes, async () => {
      const start = process.hrtime.bigint();
      const base = await loadGoSnapshot(basePath, 'base.pb.gz');
      const next = await loadGoSnapshot(newPath, 'new.pb.gz');
      decodeSeconds = Number(process.hrtime.bigint() - start) / 1e9;
      rows = diffGoSnapshots(base, next, { by: 'function' }).rows;
      return rows.length;
    });
    const mismatches = comparePprofTop(rows, pprofRows);

    const byStack = await measure('gclens decode + diff by stack (top 1000)', bytes, async () => {
      const base = await loadGoSnapshot(basePath, 'base.pb.gz');
      const next = await loadGoSnapshot(newPath, 'new.pb.gz');
      return diffGoSnapshots(base, next, { by: 'stack', limit: 1000 }).rows.length;
    });

    const mb = (n: number): string => (n / 2 ** 20).toFixed(1);
    process.stdout.write(
      [
        `\npprof diff: two synthetic profiles of ${samples} samples, ${mb(statSync(basePath).size)} and ${mb(statSync(newPath).size)} MB gzipped, ${seedType} sample types`,
        line(go, go),
        line(ours, go),
        `    of which decoding both files ${decodeSeconds.toFixed(2)} s, the diff ${(ours.seconds - decodeSeconds).toFixed(2)} s`,
        line(byStack, go),
        `  rows: ${rows.length} functions; ${mismatches.length === 0 ? 'every flat and cum equal to go tool pprof' : `${mismatches.length} differ from go tool pprof, e.g. ${mismatches[0]}`}`,
        '',
      ].join('\n'),
    );
    if (mismatches.length > 0) throw new Error(`the diff differs from go tool pprof: ${mismatches.slice(0, 5).join('; ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
