/**
 * Our function rows against `go tool pprof -top` itself, on every protobuf
 * profile of the shared corpus (one profile alone, every sample type) and on
 * diffs of compatible pairs (`-diff_base`). The Go toolchain is required.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Profile } from 'pprof-format';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, corpusPath, hasCorpus } from '../../../../test/helpers/corpus';
import { loadGoSnapshot } from './go-snapshot-loader';
import { sniffGoSnapshot } from './go-snapshot-sniff';
import { comparePprofTop, goToolPprofTop } from './go-tool-pprof';
import { diffGoSnapshots } from './snapshot-diff';
import { summarizeGoSnapshot } from './snapshot-summary';

const cwd = mkdtempSync(join(tmpdir(), 'gclens-pprof-'));

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
}

const protobufFiles = hasCorpus ? walk(corpusPath('pprof')).filter((f) => sniffGoSnapshot(readFileSync(f).subarray(0, 4096))?.encoding === 'protobuf') : [];

describe.skipIf(!hasCorpus)('one profile: flat and cum per function equal go tool pprof -top', () => {
  it('finds the corpus protobuf profiles', () => {
    expect(protobufFiles.length).toBeGreaterThanOrEqual(20);
  });

  it.each(protobufFiles.map((f) => relative(CORPUS_DIR, f)))('%s, every sample type', async (name) => {
    const path = join(CORPUS_DIR, name);
    const snapshot = await loadGoSnapshot(path, name);
    // large.cpu alone takes go tool pprof a second per run: its default sample type is enough.
    const types = name.endsWith('large.cpu') ? [snapshot.profile.sampleTypes.at(-1)!] : snapshot.profile.sampleTypes;
    for (const type of types) {
      const ours = summarizeGoSnapshot(snapshot, Infinity, { sample: type.type, by: 'function' }).top;
      const { rows } = await goToolPprofTop({ profile: path, sample: type.type, unit: type.unit, cwd });
      expect(rows.length, `${name} ${type.type}`).toBeGreaterThan(0);
      expect(comparePprofTop(ours, rows), `${name} ${type.type}`).toEqual([]);
    }
  });
});

describe.skipIf(!hasCorpus)('two profiles: the diff equals go tool pprof -top -diff_base', () => {
  const series = hasCorpus ? readdirSync(corpusPath('pprof/parca/heap-series')).sort().map((f) => corpusPath('pprof/parca/heap-series', f)) : [];
  const pairs: [string, string][] = series.slice(1).map((f, i) => [series[i] as string, f]);
  pairs.push([series[0] as string, series.at(-1) as string]);
  // Different programs, same sample types: nothing lines up but the arithmetic must still agree.
  pairs.push([corpusPath('pprof/parca/fib.pb.gz'), corpusPath('pprof/parca/profile1.pb.gz')]);
  pairs.push([corpusPath('pprof/parca/alloc_space_delta.pb.gz'), corpusPath('pprof/parca/alloc_objects.pb.gz')]);

  it.each(pairs.map(([a, b]) => [relative(CORPUS_DIR, a), relative(CORPUS_DIR, b)]))('%s → %s, every sample type', async (a, b) => {
    const base = await loadGoSnapshot(join(CORPUS_DIR, a), a);
    const next = await loadGoSnapshot(join(CORPUS_DIR, b), b);
    for (const type of next.profile.sampleTypes) {
      const diff = diffGoSnapshots(base, next, { by: 'function', sample: type.type });
      // Some neighbours in the series hold equal values: pprof then prints no row, and every delta of ours must be zero.
      expect(diff.rows.length).toBeGreaterThan(0);
      const { rows } = await goToolPprofTop({ base: join(CORPUS_DIR, a), profile: join(CORPUS_DIR, b), sample: type.type, unit: type.unit, cwd });
      expect(comparePprofTop(diff.rows, rows), `${a} → ${b} ${type.type}`).toEqual([]);
    }
  });
});

describe('drop_frames and keep_frames, cut as go tool pprof cuts them', () => {
  const cases: [string, string, string][] = [
    ['memleak-2.heap.pb.gz', 'main\\.main', ''],
    ['memleak-2.heap.pb.gz', 'main\\..*', 'main\\.main'],
    ['memleak-2.goroutine.pb.gz', 'runtime\\.chansend.*|runtime\\.netpollblock', ''],
    ['memleak-2.goroutine.pb.gz', 'main\\..*', 'main\\.main\\.func1'],
  ];

  it.each(cases)('%s with drop %s keep %s', async (name, drop, keep) => {
    const profile = Profile.decode(gunzipSync(readFileSync(join(__dirname, 'testdata', name))));
    profile.dropFrames = profile.stringTable.dedup(drop);
    if (keep) profile.keepFrames = profile.stringTable.dedup(keep);
    const path = join(cwd, `${name}.${cases.findIndex((c) => c[1] === drop)}.pb`);
    writeFileSync(path, profile.encode());
    const snapshot = await loadGoSnapshot(path, name);
    const type = snapshot.profile.sampleTypes.at(-1)!;
    const ours = summarizeGoSnapshot(snapshot, Infinity, { by: 'function' }).top;
    const { rows } = await goToolPprofTop({ profile: path, sample: type.type, unit: type.unit, cwd });
    expect(comparePprofTop(ours, rows)).toEqual([]);
    // The cut happened: flat values moved off the dropped frames.
    const uncut = summarizeGoSnapshot(await loadGoSnapshot(join(__dirname, 'testdata', name), name), Infinity, { by: 'function' }).top;
    expect(ours.map((r) => [r.key, r.new])).not.toEqual(uncut.map((r) => [r.key, r.new]));
  });
});
