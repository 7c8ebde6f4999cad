import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ParsedRecord } from '../../shared/gc-event';
import { readGcLog, type ReadProgress } from './gc-log-reader';

const dir = mkdtempSync(join(tmpdir(), 'gclens-reader-'));
const LINE = (n: number) =>
  `gc ${n} @${n}.5s 1%: 0.1+2.0+0.2 ms clock, 0.4+0/1/2+0.8 ms cpu, 8->9->4 MB, 10 MB goal, 0 MB stacks, 0 MB globals, 4 P`;

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function read(path: string, name = path) {
  const records: ParsedRecord[] = [];
  const progress: ReadProgress[] = [];
  const outcome = await readGcLog({ path, name }, { onRecord: (r) => records.push(r), onProgress: (p) => progress.push(p) });
  return { outcome, records, progress };
}

describe('readGcLog', () => {
  it('reads CRLF line ends and a truncated last line', async () => {
    const { records, outcome } = await read(file('crlf.log', `${LINE(1)}\r\nhello from the app\r\n${LINE(2)}\r\n${LINE(3).slice(0, 40)}`));
    expect(outcome.format).toBe('go-gctrace');
    expect(outcome.lines).toBe(4);
    expect(records.map((r) => (r.type === 'gc' ? `gc ${r.id}` : `unknown ${r.source.line}`))).toEqual(['gc 1', 'gc 2', 'unknown 4']);
  });

  it('reads gzipped logs and reports progress in file bytes', async () => {
    const text = Array.from({ length: 500 }, (_, i) => LINE(i + 1)).join('\n') + '\n';
    const path = file('gc.log.gz', gzipSync(text));
    const { records, progress, outcome } = await read(path, 'gc.log.gz');
    expect(records).toHaveLength(500);
    expect(progress.at(-1)).toEqual({ name: 'gc.log.gz', bytesRead: outcome.bytes, totalBytes: outcome.bytes });
  });

  it('finds gctrace lines after application output at the start', async () => {
    const text = Array.from({ length: 1000 }, (_, i) => `INFO request ${i} served`).join('\n') + `\n${LINE(1)}\n`;
    const { records } = await read(file('late.log', text));
    expect(records).toEqual([expect.objectContaining({ type: 'gc', id: 1, source: { file: expect.any(String), line: 1001 } })]);
  });

  it('names the file and what was expected when it is not a GC log', async () => {
    await expect(read(file('notes.txt', 'hello world\n'), 'notes.txt')).rejects.toThrow(
      /^notes\.txt is not a GC log gclens can read: found no Go gctrace lines like "gc 1 @/,
    );
  });

  it('says an empty file is empty', async () => {
    await expect(read(file('empty.log', ''), 'empty.log')).rejects.toMatchObject({ kind: 'unsupported-format', message: expect.stringMatching(/^empty\.log is empty/) });
  });

  it('rejects binary noise without reading more than it must', async () => {
    const noise = Buffer.alloc(6 * 1024 * 1024);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251;
    await expect(read(file('noise.bin', noise), 'noise.bin')).rejects.toMatchObject({ kind: 'unsupported-format' });
  });

  it('reports corrupt gzip with the file name', async () => {
    const gz = gzipSync(Array.from({ length: 2000 }, (_, i) => LINE(i)).join('\n'));
    const cut = Buffer.concat([gz.subarray(0, gz.length / 2), Buffer.from('garbage garbage garbage')]);
    await expect(read(file('cut.log.gz', cut), 'cut.log.gz')).rejects.toThrow(/cut\.log\.gz/);
  });

  it('says so when the file does not exist', async () => {
    await expect(read(join(dir, 'missing.log'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
