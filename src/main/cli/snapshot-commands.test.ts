import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './index';

const testdata = resolve(__dirname, '../snapshots/go/testdata');
const dir = mkdtempSync(join(tmpdir(), 'gclens-cli-snapshots-'));

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

function histogram(name: string, leaked: number): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    [
      '12345:',
      ' num     #instances         #bytes  class name (module)',
      '-------------------------------------------------------',
      `   1:        ${leaked}        ${leaked * 72}  com.example.LeakedSession`,
      '   2:          100           4000  java.lang.String (java.base@17.0.15)',
      `Total         ${leaked + 100}        ${leaked * 72 + 4000}`,
      '',
    ].join('\n'),
  );
  return path;
}

describe('gclens diff', () => {
  it('--json gives the documented shape, the leaking function on top', async () => {
    const { code, stdout, stderr } = await run('diff', join(testdata, 'memleak-1.heap.pb.gz'), join(testdata, 'memleak-2.heap.pb.gz'), '--top', '3', '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const diff = JSON.parse(stdout);
    expect(diff).toMatchObject({ kind: 'pprof', sample: 'inuse_space', by: 'function' });
    expect(diff.rows).toHaveLength(3);
    expect(diff.rows[0]).toMatchObject({ key: 'main.retainHeader' });
    expect(diff.rows[0].delta).toBe(diff.rows[0].new - diff.rows[0].base);
    expect(Object.keys(diff.rows[0])).toEqual(expect.arrayContaining(['key', 'base', 'new', 'delta', 'cumBase', 'cumNew', 'cumDelta']));
  });

  it('groups goroutines by stack and state', async () => {
    const { stdout } = await run('diff', join(testdata, 'memleak-1.goroutine-debug2.txt'), join(testdata, 'memleak-2.goroutine-debug2.txt'), '--json');
    const diff = JSON.parse(stdout);
    expect(diff.by).toBe('goroutine');
    expect(diff.rows[0]).toMatchObject({ state: 'chan send', base: 21, new: 54, delta: 33 });
    expect(diff.rows[0].key).toContain('main.parkSenders.func1');
  });

  it('diffs class histograms in bytes with instance counts beside', async () => {
    const { code, stdout } = await run('diff', histogram('a.histo', 1000), histogram('b.histo', 5000), '--json');
    expect(code).toBe(0);
    const diff = JSON.parse(stdout);
    expect(diff).toMatchObject({ kind: 'class-histogram', by: 'class' });
    expect(diff.rows[0]).toMatchObject({ key: 'com.example.LeakedSession', base: 72_000, new: 360_000, delta: 288_000, baseCount: 1000, newCount: 5000, deltaCount: 4000 });
  });

  it('prints a readable table', async () => {
    const { stdout } = await run('diff', join(testdata, 'memleak-1.heap.pb.gz'), join(testdata, 'memleak-2.heap.pb.gz'), '--top', '1');
    expect(stdout).toMatch(/pprof diff by function, inuse_space \(bytes\)/);
    expect(stdout).toMatch(/\+9\.25MiB\s+\+200\.0%\s+main\.retainHeader/);
  });

  it('refuses two snapshots of different kinds, naming both', async () => {
    const { code, stderr } = await run('diff', join(testdata, 'memleak-1.heap.pb.gz'), histogram('c.histo', 1));
    expect(code).toBe(1);
    expect(stderr).toMatch(/memleak-1\.heap\.pb\.gz.*c\.histo/);
  });

  it('exits 2 on bad usage and 1 on a file that is no snapshot', async () => {
    expect((await run('diff', 'only-one')).code).toBe(2);
    expect((await run('diff', 'a', 'b', '--by', 'colour')).code).toBe(2);
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'hello\n');
    const { code, stderr } = await run('diff', notes, notes);
    expect(code).toBe(1);
    expect(stderr).toMatch(/notes\.txt is not a snapshot gclens can read/);
  });
});

describe('gclens snapshot', () => {
  it('summarises one snapshot, largest rows first', async () => {
    const { code, stdout } = await run('snapshot', join(testdata, 'memleak-2.heap.pb.gz'), '--top', '2', '--json');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({ kind: 'pprof', defaultSample: 'inuse_space', by: 'function' });
    expect(summary.top[0].key).toBe('main.retainHeader');
    const text = await run('snapshot', histogram('d.histo', 10));
    expect(text.stdout).toMatch(/class-histogram/);
    expect(text.stdout).toMatch(/com\.example\.LeakedSession/);
  });
});

describe('gclens analyze with snapshots', () => {
  it('diffs the first and last snapshot of a kind and names the top grower', async () => {
    const trace = join(dir, 'short.gctrace');
    writeFileSync(trace, 'gc 1 @0.1s 1%: 0.1+1+0.1 ms clock, 0.1+0/1/1+0.1 ms cpu, 4->4->2 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 4 P\n');
    const { code, stdout } = await run('analyze', trace, join(testdata, 'memleak-1.heap.pb.gz'), join(testdata, 'memleak-2.heap.pb.gz'), '--json');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    const localised = result.findings.find((f: { rule: string }) => f.rule === 'leak-localised');
    expect(localised.title).toMatch(/main\.retainHeader/);
    expect(localised.evidence[0].artifact).toBe(join(testdata, 'memleak-2.heap.pb.gz'));
  });
});
