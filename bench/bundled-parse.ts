/**
 * readGcLog as it ships: bundled by Vite into one ES module and timed in a
 * plain Node process. Under vitest every read of an imported binding goes
 * through the module runner's getter, a cost the parser's hot loop feels and
 * the bundled app does not. The child times the bare split from the same
 * bundle, so both figures come from one process.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import type { Measurement } from './measure';

export async function bundleParser(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'gclens-bench-bundle-'));
  await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      ssr: resolve('bench/bundle-entry.ts'),
      outDir,
      minify: false,
      target: 'node20',
      rollupOptions: { output: { format: 'es', entryFileNames: 'parse.mjs' } },
    },
  });
  return join(outDir, 'parse.mjs');
}

/** Each run in its own timing, like measure(): the baseline first, then the parser. */
const CHILD = `
const [bundle, path] = process.argv.slice(-2);
const { readGcLog, bareLineSplit } = await import(bundle);
const time = async (run) => { const start = process.hrtime.bigint(); const lines = await run(); return { lines, seconds: Number(process.hrtime.bigint() - start) / 1e9, heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20 }; };
const baseline = await time(() => bareLineSplit(path));
const parsed = await time(async () => (await readGcLog({ path, name: 'bench' }, { onRecord: () => {} })).lines);
process.stdout.write(JSON.stringify({ baseline, parsed }));
`;

export async function measureBundled(bundle: string, path: string, bytes: number): Promise<{ baseline: Measurement; parsed: Measurement }> {
  const stdout = await new Promise<string>((done, fail) =>
    execFile(process.execPath, ['--input-type=module', '-e', CHILD, bundle, path], { maxBuffer: 1 << 20 }, (err, out) => (err ? fail(err) : done(out))),
  );
  const { baseline, parsed } = JSON.parse(stdout) as Record<'baseline' | 'parsed', Omit<Measurement, 'name' | 'bytes'>>;
  return {
    baseline: { name: 'bare line split, bundled process', bytes, ...baseline },
    parsed: { name: 'readGcLog, bundled process', bytes, ...parsed },
  };
}
