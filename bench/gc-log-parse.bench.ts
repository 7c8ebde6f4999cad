/**
 * GC log parse throughput against a bare Node line split of the same file,
 * both measured in this run, for each family: Go gctrace, G1 gc* and ZGC
 * gc*. Each file repeats a real log from the shared corpus.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, test } from 'vitest';
import { readGcLog } from '../src/main/core/gc-log-reader';
import { corpusPath, hasCorpus } from '../test/helpers/corpus';
import { bareLineSplit } from './bare-line-split';
import { bundleParser, measureBundled } from './bundled-parse';
import { measure, report, writeRepeated } from './measure';

const TARGET_BYTES = Number(process.env.GCLENS_BENCH_MB ?? 200) * 2 ** 20;

/** Real logs from the shared corpus, repeated; a small built-in sample where it is missing. */
const SEEDS = [
  { name: 'gctrace (Go 1.18+)', corpus: 'go-gctrace/tebeka-gctrace/map.gctrace', fallback: gctraceFallback },
  { name: 'G1 gc* (JDK 11+)', corpus: 'jvm/gctoolkit/unified/g1gc/jvm-gc-10Nov2022.log', fallback: g1Fallback },
  { name: 'ZGC gc* (JDK 17)', corpus: 'jvm/jifa/17ZGCParser.log', fallback: null },
];

function gctraceFallback(): string {
  return Array.from(
    { length: 100 },
    (_, i) => `gc ${i + 1} @${i}.5s 2%: 0.05+1.2+0.02 ms clock, 0.2+0.3/1.1/2.0+0.08 ms cpu, 8->9->4 MB, 10 MB goal, 0 MB stacks, 0 MB globals, 4 P`,
  ).join('\n');
}

function g1Fallback(): string {
  return Array.from({ length: 100 }, (_, i) => `[${i}.100s][info][gc] GC(${i}) Pause Young (Normal) (G1 Evacuation Pause) 24M->4M(256M) 3.456ms`).join('\n');
}

let bundle: string;
beforeAll(async () => {
  bundle = await bundleParser();
}, 120_000);

for (const seed of SEEDS) {
  const real = corpusPath(seed.corpus);
  const text = hasCorpus && existsSync(real) ? readFileSync(real, 'utf8') : seed.fallback?.();
  test.runIf(text !== undefined)(`${seed.name} parse throughput`, async () => {
    const path = join(tmpdir(), `gclens-bench-${process.pid}.log`);
    const bytes = await writeRepeated(path, text!, TARGET_BYTES);
    try {
      const baseline = await measure('bare line split (baseline)', bytes, () => bareLineSplit(path));
      let events = 0;
      const parsed = await measure('readGcLog', bytes, async () => {
        const outcome = await readGcLog({ path, name: 'bench' }, { onRecord: (record) => record.type === 'gc' && events++ });
        return outcome.lines;
      });
      report(`${seed.name}: ${(bytes / 2 ** 20).toFixed(0)} MB, ${events} events (under vitest)`, [baseline, parsed], baseline);
      const bundled = await measureBundled(bundle, path, bytes);
      report(`${seed.name}: the same file, bundled as the app ships it, in its own process`, [bundled.baseline, bundled.parsed], bundled.baseline);
    } finally {
      rmSync(path, { force: true });
    }
  });
}
