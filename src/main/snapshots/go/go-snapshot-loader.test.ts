import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, corpusPath, hasCorpus } from '../../../../test/helpers/corpus';
import { GclensError } from '../../../shared/result';
import { sampleCount } from './go-snapshot';
import { loadGoSnapshot, parseGoSnapshot } from './go-snapshot-loader';
import { goSnapshotFormats } from './index';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
}

/** pprof's own renderings of the profiles beside them: text, not profiles. */
const isGolden = (name: string): boolean => /\.(string|pprof\.txt|protoc\.txt)$/.test(name);

/** Legacy profiles no Go program writes, each refused with what it is. */
const NOT_READ: Record<string, string> = {
  'cppbench.thread': 'a C++ threadz profile',
  'java.contention': 'a Java contention profile ("format = java")',
  'java.cpu': 'a Java legacy CPU profile',
  'java.heap': 'a Java heapz profile',
};
const refusedAs = (name: string): string | undefined => NOT_READ[name.slice(name.lastIndexOf('/') + 1)];

const testdata = readdirSync(join(__dirname, 'testdata'))
  .filter((f) => f !== 'README.md')
  .map((f) => join(__dirname, 'testdata', f));

describe.skipIf(!hasCorpus)('every file of the shared pprof corpus', () => {
  const files = hasCorpus ? walk(corpusPath('pprof')).map((f) => relative(CORPUS_DIR, f)) : [];

  it.each(files.filter((f) => !isGolden(f) && !refusedAs(f)))('%s decodes', async (name) => {
    const snapshot = await loadGoSnapshot(join(CORPUS_DIR, name), name);
    expect(snapshot.kind).toBe('pprof');
    expect(snapshot.file).toBe(name);
    expect(sampleCount(snapshot.profile)).toBeGreaterThan(0);
    expect(snapshot.profile.values.length).toBe(sampleCount(snapshot.profile) * snapshot.profile.sampleTypes.length);
  });

  it.each(files.filter((f) => isGolden(f) || refusedAs(f)))('%s is refused with a clear error', async (name) => {
    const err = await loadGoSnapshot(join(CORPUS_DIR, name), name).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GclensError);
    expect((err as GclensError).kind).toBe('unsupported-format');
    const what = refusedAs(name);
    const message = (err as GclensError).message;
    if (what) expect(message).toBe(`${name}: ${what}: not a Go snapshot gclens reads`);
    else expect(message.startsWith(`${name}: not a Go snapshot gclens reads (`)).toBe(true);
  });
});

describe('the kind comes from the content', () => {
  const expected: Record<string, string> = {
    'memleak-1.goroutine-debug1.txt': 'goroutine-text',
    'memleak-1.goroutine-debug2.txt': 'goroutine-text',
    'memleak-1.goroutine.pb.gz': 'pprof',
    'memleak-1.heap.pb.gz': 'pprof',
    'memleak-1.heap.txt': 'heap-text',
  };

  it.each(Object.entries(expected))('%s is %s, sniffed from its head and loaded whole, gzipped or not', async (name, kind) => {
    const file = readFileSync(join(__dirname, 'testdata', name));
    const bytes = name.endsWith('.gz') ? gunzipSync(file) : file;
    for (const head of [bytes.subarray(0, 512), gzipSync(bytes).subarray(0, 512)]) {
      const claimed = goSnapshotFormats.filter((f) => f.sniff(head, name)).map((f) => f.kind);
      expect(claimed).toEqual([kind]);
    }
    expect((await goSnapshotFormats[0]!.load(join(__dirname, 'testdata', name), name)).kind).toBe(kind);
    expect(parseGoSnapshot(gzipSync(bytes), name).kind).toBe(kind);
  });

  it('no format claims text that is none of them, or an empty file', () => {
    for (const head of [Buffer.from('Hello, world\n'), Buffer.from('{"json": true}'), Buffer.alloc(0)]) {
      expect(goSnapshotFormats.filter((f) => f.sniff(head, 'x'))).toEqual([]);
    }
    expect(() => parseGoSnapshot(Buffer.alloc(0), 'empty')).toThrow('empty: the file is empty');
  });

  it('every capture of the fixture loads', () => {
    for (const path of testdata) expect(() => parseGoSnapshot(readFileSync(path), path)).not.toThrow();
  });
});
