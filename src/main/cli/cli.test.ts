import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './index';

const dir = mkdtempSync(join(tmpdir(), 'gclens-cli-'));
const MIB = 1024 * 1024;

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

const trace = join(dir, 'trace.log');
writeFileSync(
  trace,
  [
    'starting service',
    'gc 1 @0.011s 2%: 0.015+1.2+0.020 ms clock, 0.06+0.1/1.0/2.0+0.08 ms cpu, 4->4->1 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 4 P',
    'gc 2 @0.530s 1%: 0.031+2.5+0.044 ms clock, 0.12+0/2.2/4.1+0.17 ms cpu, 7->8->3 MB, 8 MB goal, 1 MB stacks, 0 MB globals, 4 P (forced)',
    'gc 3 @0.9',
  ].join('\n'),
);

describe('gclens parse', () => {
  it('--json prints one object per collection, unknown lines, then the summary', async () => {
    const { code, stdout, stderr } = await run('parse', trace, '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({
      type: 'gc',
      runtime: 'go',
      id: 1,
      startSec: 0.011,
      heapBeforeBytes: 4 * MIB,
      heapAfterBytes: 4 * MIB,
      liveBytes: MIB,
      goalBytes: 4 * MIB,
      forced: false,
      source: { file: trace, line: 2 },
    });
    expect(lines[0].pauseMs).toBeCloseTo(0.035, 12);
    expect(lines[1]).toMatchObject({ id: 2, forced: true, liveBytes: 3 * MIB, stacksBytes: MIB, source: { line: 3 } });
    expect(lines[1].pauseMs).toBeCloseTo(0.075, 12);
    expect(lines[2]).toEqual({ type: 'unknown', text: 'gc 3 @0.9', source: { file: trace, line: 4 } });
    expect(lines[3]).toMatchObject({ type: 'summary', events: 2, unknownLines: 1, format: 'go-gctrace' });
    expect(lines[3].totalPauseMs).toBeCloseTo(0.11, 12);
  });

  it('prints a readable table without --json', async () => {
    const { code, stdout } = await run('parse', trace);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\s+2\s+0\.530\s+0\.075\s+7->8->3\s+8\s+cycle \(forced\)$/m);
    expect(stdout).toMatch(/line 4 not understood: gc 3 @0\.9/);
    expect(stdout).toMatch(/2 collections \(go-gctrace\), total pause 0\.110 ms, 1 line not understood/);
  });

  it('exits 1 with a clear message for a file that is not a GC log', async () => {
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'just some notes\n');
    const { code, stderr } = await run('parse', notes);
    expect(code).toBe(1);
    expect(stderr).toMatch(/notes\.txt is not a GC log gclens can read/);
  });

  it('exits 1 naming a missing file', async () => {
    const { code, stderr } = await run('parse', join(dir, 'nope.log'));
    expect(code).toBe(1);
    expect(stderr).toMatch(/nope\.log/);
  });

  it('exits 2 with usage for bad usage', async () => {
    for (const argv of [['parse'], ['parse', trace, '--format', 'nonsense'], ['parse', trace, '--bogus'], ['frobnicate'], []]) {
      const { code, stderr } = await run(...argv);
      expect(code).toBe(2);
      expect(stderr).toMatch(/Usage:/);
    }
  });
});

describe('gclens --help and --version', () => {
  it('prints usage and the version', async () => {
    expect((await run('--help')).stdout).toMatch(/gclens serve \[--port N\] \[--host H\]/);
    expect((await run('--version')).stdout).toMatch(/^gclens \d+\.\d+\.\d+\n$/);
  });
});

describe('gclens parse of a rotated set', () => {
  it('reads the files in time order whatever order they are named in', async () => {
    const line = (n: number, t: number) => `gc ${n} @${t}s 1%: 0.1+1+0.1 ms clock, 0.1+0/1/1+0.1 ms cpu, 4->4->2 MB, 4 MB goal, 4 P`;
    const current = join(dir, 'svc.log');
    const older = join(dir, 'svc.log.0');
    writeFileSync(current, `${line(3, 30)}\n${line(4, 40)}\n`);
    writeFileSync(older, `${line(1, 10)}\n${line(2, 20)}\n`);
    const { code, stdout } = await run('parse', current, older, '--json');
    expect(code).toBe(0);
    const ids = stdout.trim().split('\n').map((l) => JSON.parse(l)).filter((r) => r.type === 'gc').map((r) => `${r.source.file.split('/').pop()}:${r.id}`);
    expect(ids).toEqual(['svc.log.0:1', 'svc.log.0:2', 'svc.log:3', 'svc.log:4']);
  });
});
