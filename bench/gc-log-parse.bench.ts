/**
 * GC log parse throughput against a bare Node line split of the same file,
 * both measured in this run. The file repeats real gctrace from the shared
 * corpus (or, without it, the lines of our own test fixture format).
 */
import { createReadStream, existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'vitest';
import { readGcLog } from '../src/main/core/gc-log-reader';
import { corpusPath, hasCorpus } from '../test/helpers/corpus';
import { measure, report, writeRepeated } from './measure';

const TARGET_BYTES = Number(process.env.GCLENS_BENCH_MB ?? 200) * 2 ** 20;

/** The baseline: stream the file and decode every line, doing nothing with it. */
async function bareLineSplit(path: string): Promise<number> {
  let lines = 0;
  let carry = '';
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let start = 0;
    let nl = chunk.indexOf(10);
    while (nl !== -1) {
      const line = chunk.toString('utf8', start, nl);
      if (line.length >= 0) lines++;
      start = nl + 1;
      nl = chunk.indexOf(10, start);
    }
    carry = chunk.toString('utf8', start);
  }
  return lines + (carry ? 1 : 0);
}

function gctraceSeed(): string {
  const real = corpusPath('go-gctrace/tebeka-gctrace/map.gctrace');
  if (hasCorpus && existsSync(real)) return readFileSync(real, 'utf8');
  return Array.from(
    { length: 100 },
    (_, i) => `gc ${i + 1} @${i}.5s 2%: 0.05+1.2+0.02 ms clock, 0.2+0.3/1.1/2.0+0.08 ms cpu, 8->9->4 MB, 10 MB goal, 0 MB stacks, 0 MB globals, 4 P`,
  ).join('\n');
}

test('gctrace parse throughput', async () => {
  const path = join(tmpdir(), `gclens-bench-gctrace-${process.pid}.log`);
  const bytes = await writeRepeated(path, gctraceSeed(), TARGET_BYTES);
  try {
    const baseline = await measure('bare line split (baseline)', bytes, () => bareLineSplit(path));
    let events = 0;
    const parsed = await measure('gctrace parse (readGcLog)', bytes, async () => {
      const outcome = await readGcLog({ path, name: 'bench' }, { onRecord: () => events++ });
      return outcome.lines;
    });
    report(`gctrace: ${(bytes / 2 ** 20).toFixed(0)} MB, ${events} events`, [baseline, parsed], baseline);
  } finally {
    rmSync(path, { force: true });
  }
});
