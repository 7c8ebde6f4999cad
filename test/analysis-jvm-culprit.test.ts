/**
 * A JVM leak found end to end, with its culprit: the HeapGrowth fixture adds
 * LeakedRecords to a map at a steady pace for ~35 s under a unified GC log;
 * two class histograms bracket the run. `gclens analyze` over the log and the
 * histograms must say leak and name what grows: LeakedRecord and the byte[]
 * payload each one holds.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/main/cli/index';
import { findJdks, startJavaFixture, type JavaFixture } from './helpers/java-fixture';

const GROW_SECONDS = 36;
const dir = mkdtempSync(join(tmpdir(), 'gclens-jvm-culprit-'));
const gcLog = join(dir, 'gc.log');
const before = join(dir, 'histo-1.txt');
const after = join(dir, 'histo-2.txt');
let fixture: JavaFixture | undefined;

beforeAll(async () => {
  const [jdk] = await findJdks();
  // A small young generation keeps young collections coming while the records pile up.
  fixture = await startJavaFixture(jdk!, 'HeapGrowth', ['-Xmx512m', '-Xmn8m', '-XX:+UseParallelGC', `-Xlog:gc*:file=${gcLog}:uptime,level,tags`], [String(GROW_SECONDS), '20000', '200']);
  await fixture.waitFor(/^ready$/m);
  writeFileSync(before, await fixture.jcmd('GC.class_histogram'));
  await fixture.waitFor(/^stopped /m, (GROW_SECONDS + 60) * 1000);
  writeFileSync(after, await fixture.jcmd('GC.class_histogram'));
}, (GROW_SECONDS + 120) * 1000);

afterAll(() => {
  fixture?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a leaking JVM with class histograms', () => {
  it('gets a leak verdict and names LeakedRecord and its payload among the top growers', async () => {
    let stdout = '';
    const code = await main(['analyze', gcLog, before, after, '--json'], { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => true } });
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.verdict, result.summary).toBe('leak');
    const localised = result.findings.find((f: { rule: string }) => f.rule === 'leak-localised');
    const evidence = localised.evidence.find((e: { artifact: string }) => e.artifact === after);
    const grown = (evidence.rows as string[]).slice(0, 3);
    expect(grown).toEqual(expect.arrayContaining(['[B', expect.stringMatching(/LeakedRecord$/)]));
  });
});
