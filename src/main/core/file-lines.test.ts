import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { OpenedFile } from '../../shared/contract';
import type { FileLines } from '../../shared/file-lines';
import { createBackend } from './backend';
import { OpenedInputs } from './file-lines';

const dir = mkdtempSync(join(tmpdir(), 'gclens-lines-'));

/** 60 Go cycles a second apart whose live heap grows 1 MB a cycle: a leak over 59 s. */
function leakingTrace(): string[] {
  const lines: string[] = [];
  for (let n = 1; n <= 60; n++) {
    const live = 10 + n;
    lines.push(`gc ${n} @${n}.000s 2%: 0.020+1.5+0.030 ms clock, 0.1+0.4/1.2/2.5+0.2 ms cpu, ${live * 2}->${live * 2 + 1}->${live} MB, ${live * 2} MB goal, 0 MB stacks, 0 MB globals, 4 P`);
  }
  return lines;
}

function backend() {
  return createBackend({ transport: 'serve', emit: () => {} }).dispatch;
}

async function open(dispatch: ReturnType<typeof backend>, path: string): Promise<OpenedFile> {
  const result = await dispatch('files:open', { requestId: 'r1', sources: [{ kind: 'path', path }] });
  if (!result.ok) throw new Error(result.error.message);
  return result.value as OpenedFile;
}

describe('files:open analyses what it read', () => {
  it('answers a verdict with findings whose evidence cites the file', async () => {
    const path = join(dir, 'leak.log');
    writeFileSync(path, leakingTrace().join('\n') + '\n');
    const opened = await open(backend(), path);
    expect(opened.analysis).toMatchObject({ verdict: 'leak', metrics: { events: 60, runtime: 'go' } });
    const leak = opened.analysis.findings.find((f) => f.rule === 'memory-leak')!;
    expect(leak.evidence[0]).toMatchObject({ artifact: path, lineRange: { from: 1, to: 60 }, timeRange: { fromSec: 1 } });
  });
});

describe('files:lines', () => {
  it('reads a range of a plain file and of a gzipped one by the name evidence cites', async () => {
    const lines = leakingTrace();
    const dispatch = backend();
    for (const [name, bytes] of [
      ['plain.log', Buffer.from(lines.join('\n') + '\n')],
      ['zipped.log.gz', gzipSync(lines.join('\r\n'))],
    ] as const) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      const { fileId } = await open(dispatch, path);
      const result = await dispatch('files:lines', { fileId, file: path, fromLine: 3, toLine: 5 });
      expect(result).toEqual({ ok: true, value: { file: path, lines: [3, 4, 5].map((line) => ({ line, text: lines[line - 1] })) } });
      // Past the end: what there is.
      const tail = (await dispatch('files:lines', { fileId, file: path, fromLine: 59, toLine: 80 })) as { ok: true; value: FileLines };
      expect(tail.value.lines.map((l) => l.line)).toEqual([59, 60]);
    }
  });

  it('reads only files it opened, and at most 200 lines at a time', async () => {
    const dispatch = backend();
    const path = join(dir, 'one.log');
    writeFileSync(path, leakingTrace().join('\n'));
    const { fileId } = await open(dispatch, path);
    const other = join(dir, 'other.log');
    writeFileSync(other, 'secret\n');
    expect(await dispatch('files:lines', { fileId, file: other, fromLine: 1, toLine: 1 })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(await dispatch('files:lines', { fileId: 'AAAAAAAAAAAA', file: path, fromLine: 1, toLine: 1 })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(await dispatch('files:lines', { fileId, file: path, fromLine: 1, toLine: 201 })).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    expect(await dispatch('files:lines', { fileId, file: path, fromLine: 5, toLine: 4 })).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    expect(await dispatch('files:lines', { fileId, file: path, fromLine: 0, toLine: 4 })).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
  });

  it('forgets the oldest opened file past its capacity', async () => {
    const inputs = new OpenedInputs(2);
    inputs.remember('a', [{ name: 'x', path: '/x' }]);
    inputs.remember('b', [{ name: 'y', path: '/y' }]);
    inputs.remember('c', [{ name: 'z', path: '/z' }]);
    expect(() => inputs.pathOf('a', 'x')).toThrow(/no opened file/);
    expect(inputs.pathOf('c', 'z')).toBe('/z');
  });
});
