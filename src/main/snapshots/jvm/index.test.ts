import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { HprofTestWriter } from './hprof-test-writer';
import { jvmSnapshotFormats, type JvmSnapshotFormat } from './index';
import type { SnapshotProgress } from './snapshot-file';

const dir = mkdtempSync(join(tmpdir(), 'gclens-jvm-formats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HISTOGRAM = `1234:
 num     #instances         #bytes  class name (module)
-------------------------------------------------------
   1:            10            720  LeakedRecord
Total            10            720
`;
const NMT = `1234:

Native Memory Tracking:

Total: reserved=100KB, committed=50KB

-                 Java Heap (reserved=64KB, committed=32KB)
`;

function smallDump(): Buffer {
  const w = new HprofTestWriter(8);
  w.string(1, 'LeakedRecord').loadClass(1, 0x100, 1);
  w.segment(w.classDump({ classId: 0x100, superId: 0, fields: [{ nameId: 2, type: 11 }] }), w.instance(0x1000, 0x100, 8), w.instance(0x1010, 0x100, 8));
  return w.end().bytes();
}

function write(name: string, bytes: Buffer | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

function formatOf(head: Buffer, name: string): JvmSnapshotFormat['kind'] | undefined {
  return jvmSnapshotFormats.find((format) => format.sniff(head, name))?.kind;
}

function format(kind: JvmSnapshotFormat['kind']): JvmSnapshotFormat {
  return jvmSnapshotFormats.find((f) => f.kind === kind) as JvmSnapshotFormat;
}

describe('JVM snapshot formats', () => {
  it('sniffs each kind from its first bytes, gzipped or not, and nothing else', () => {
    expect(formatOf(smallDump().subarray(0, 64), 'a.hprof')).toBe('hprof');
    expect(formatOf(gzipSync(smallDump()).subarray(0, 64), 'a.hprof.gz')).toBe('hprof');
    expect(formatOf(Buffer.from(HISTOGRAM), 'h.txt')).toBe('class-histogram');
    expect(formatOf(gzipSync(HISTOGRAM), 'h.txt.gz')).toBe('class-histogram');
    expect(formatOf(Buffer.from(NMT), 'n.txt')).toBe('nmt');
    expect(formatOf(Buffer.from('gc 1 @0.1s 2%: 0.05+1.2+0.02 ms clock'), 'gctrace.log')).toBeUndefined();
    expect(formatOf(Buffer.alloc(0), 'empty')).toBeUndefined();
  });

  it('loads an HPROF dump and a gzipped one alike, reporting progress', async () => {
    const progress: SnapshotProgress[] = [];
    const plain = await format('hprof').load(write('a.hprof', smallDump()), 'a.hprof', (p) => progress.push(p));
    const gz = await format('hprof').load(write('a.hprof.gz', gzipSync(smallDump())), 'a.hprof.gz');
    expect(plain.kind).toBe('hprof');
    if (plain.kind !== 'hprof' || gz.kind !== 'hprof') return;
    expect(plain.classes.find((c) => c.name === 'LeakedRecord')).toMatchObject({ instances: 2, bytes: 48 });
    expect(gz.classes).toEqual(plain.classes);
    expect(progress.at(-1)).toEqual({ name: 'a.hprof', bytesRead: smallDump().length, totalBytes: smallDump().length });
  });

  it('names the file when a gzipped dump is cut short', async () => {
    const gz = gzipSync(smallDump());
    const path = write('cut.hprof.gz', gz.subarray(0, gz.length - 12));
    await expect(format('hprof').load(path, 'cut.hprof.gz')).rejects.toThrow(/^cut\.hprof\.gz: /);
  });

  it('loads histograms and NMT summaries, gzipped too', async () => {
    const histogram = await format('class-histogram').load(write('h.txt.gz', gzipSync(HISTOGRAM)), 'h.txt.gz');
    expect(histogram).toMatchObject({ kind: 'class-histogram', pid: 1234, totalBytes: 720 });
    const nmt = await format('nmt').load(write('n.txt', NMT), 'n.txt');
    expect(nmt).toMatchObject({ kind: 'nmt', total: { committedBytes: 50 * 1024 } });
    await expect(format('nmt').load(write('bad.gz', gzipSync(NMT).subarray(0, 20)), 'bad.gz')).rejects.toThrow(/^bad\.gz: corrupt or truncated gzip data/);
  });
});

describe('sniffing a large gzipped head', () => {
  it('looks inside without inflating it all', () => {
    // Zeros compress about 1000:1: a 64 KB head would inflate to some 64 MB.
    const big = gzipSync(Buffer.concat([smallDump(), Buffer.alloc(64 * 2 ** 20)])).subarray(0, 64 * 1024);
    expect(formatOf(big, 'big.hprof.gz')).toBe('hprof');
  });
});
