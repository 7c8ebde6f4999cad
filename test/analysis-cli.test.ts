/**
 * `gclens analyze` end to end through runAnalyze: real files on disk, read
 * the way the binary reads them, printed as JSON and as the readable report.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../src/shared/analysis';
import { parseSize, runAnalyze } from '../src/main/cli/analyze-command';
import { UsageError } from '../src/main/cli/cli-io';
import { corpusPath, hasCorpus } from './helpers/corpus';

const MIB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'gclens-analyze-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runAnalyze(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

/** A Go 1.18+ gctrace whose live heap grows 1 MB every second for two minutes: a leak by every rule. */
function leakingGctrace(): string {
  const lines: string[] = [];
  for (let i = 0; i < 120; i++) {
    const live = 4 + i;
    lines.push(`gc ${i + 1} @${i}.000s 1%: 0.020+1.0+0.010 ms clock, 0.08+0/1.0/2.0+0.04 ms cpu, ${2 * live}->${2 * live + 1}->${live} MB, ${2 * live + 2} MB goal, 0 MB stacks, 0 MB globals, 4 P`);
  }
  return lines.join('\n') + '\n';
}

const leaking = join(dir, 'leaking.gctrace');
writeFileSync(leaking, leakingGctrace());

describe('parseSize', () => {
  it('reads limits as -Xmx, GOMEMLIMIT and Kubernetes write them, all binary', () => {
    expect(parseSize('536870912')).toBe(512 * MIB);
    expect(parseSize('512MiB')).toBe(512 * MIB);
    expect(parseSize('512m')).toBe(512 * MIB);
    expect(parseSize('512Mi')).toBe(512 * MIB);
    expect(parseSize('512MB')).toBe(512 * MIB);
    expect(parseSize('1.5GiB')).toBe(1536 * MIB);
    expect(parseSize('2g')).toBe(2048 * MIB);
    expect(parseSize('64k')).toBe(64 * 1024);
    expect(parseSize('100B')).toBe(100);
  });

  it('refuses what it cannot read', () => {
    expect(() => parseSize('lots')).toThrow(UsageError);
    expect(() => parseSize('0')).toThrow(UsageError);
    expect(() => parseSize('5 PB')).toThrow(UsageError);
  });
});

describe('gclens analyze', () => {
  it('--json prints the result with its fixed field names', async () => {
    const { code, stdout, stderr } = await run(leaking, '--json', '--limit', '512MiB');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as AnalysisResult;
    expect(Object.keys(result)).toEqual(['verdict', 'confidence', 'summary', 'metrics', 'findings', 'notes']);
    expect(result.verdict).toBe('leak');
    // 1 MiB a second from 4 MiB: 123 MiB at 119 s, (512 − 123) s to the limit.
    expect(result.metrics.floorTrend).toMatchObject({ source: 'go-live-heap', shape: 'rising', slopeBytesPerSec: MIB, collections: 120 });
    expect(result.metrics.timeToLimitSec).toBeCloseTo(512 - 123, 6);
    expect(result.metrics.limit).toEqual({ bytes: 512 * MIB, source: 'given' });
    // The GC CPU share Go printed on the last line.
    expect(result.metrics.gcCpuPercent).toBe(1);
    expect(result.findings[0]).toMatchObject({ rule: 'memory-leak', evidence: [{ artifact: leaking, lineRange: { from: 1, to: 120 } }] });
  });

  it('prints the verdict first, then findings, then metrics', async () => {
    const { code, stdout } = await run(leaking, '--limit', '512m');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('Verdict: LEAK (confidence 0.85)');
    // The levels are medians of the first and last twelve cycles: 4..15 MiB and 112..123 MiB.
    expect(lines[1]).toBe('Leak: the live heap rises steadily at 60.0 MiB/min (9.5 MiB → 118 MiB over 119 s, 120 collections); at its recent rate (60.0 MiB/min) it reaches the limit of 512 MiB in 6 min.');
    expect(stdout.indexOf('Findings (')).toBeGreaterThan(0);
    expect(stdout.indexOf('Metrics:')).toBeGreaterThan(stdout.indexOf('Findings ('));
    expect(stdout).toContain(`      ${leaking} (lines 1-120; 0.000-119.000 s): the 120 collections whose post-GC figure the trend is fitted on`);
    expect(stdout).toContain('  limit              512 MiB (given); time to limit 6 min');
  });

  it('says what is wrong with its arguments', async () => {
    await expect(run()).rejects.toThrow(/analyze needs at least one INPUT/);
    await expect(run(leaking, '--limit', 'much')).rejects.toThrow(UsageError);
    await expect(run(leaking, '--pause-target', 'soon')).rejects.toThrow(/--pause-target wants milliseconds/);
    await expect(run(leaking, '--bogus')).rejects.toThrow(UsageError);
  });

  it('takes a pause target', async () => {
    const { stdout } = await run(leaking, '--json', '--pause-target', '0.02');
    const result = JSON.parse(stdout) as AnalysisResult;
    // Every pause is 0.020 + 0.010 = 0.03 ms: all 120 over a 0.02 ms target.
    expect(result.findings.find((f) => f.rule === 'pause-target')).toMatchObject({ severity: 'warning', metrics: { violations: 120, pauses: 120 } });
  });

  it.skipIf(!hasCorpus)('reads a rotated JDK 8 log set given out of order as one log', async () => {
    const parts = [6, 2, 4, 1, 3, 5].map((n) => corpusPath('jvm/gcviewer/openjdk', `SampleSun1_8_0Series-Part${n}.txt`));
    const { stdout } = await run(...parts, '--json');
    const result = JSON.parse(stdout) as AnalysisResult;
    // Parts 1–6 hold 74 + 93 + 93 + 92 + 92 + 89 collections.
    expect(result.metrics.events).toBe(533);
    expect(result.metrics.runs).toBe(1);
  });

  it('fails with the reader\'s message on a file that is not a GC log', async () => {
    const notALog = join(dir, 'notes.txt');
    writeFileSync(notALog, 'hello\nworld\n');
    await expect(run(notALog)).rejects.toThrow(/is not a GC log gclens can read/);
  });
});
