import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusPath, hasCorpus } from '../../../../test/helpers/corpus';
import { GclensError } from '../../../shared/result';
import { parseGoSnapshot } from './go-snapshot-loader';
import { parseLegacyHeap, scaleHeapSample } from './legacy-heap-parser';
import { goldenView, parseProfileString } from './pprof-golden';
import { decodePprof } from './pprof-decode';
import { summarizeGoSnapshot } from './snapshot-summary';
import { splitLines } from './text-lines';

const testdata = (name: string): Buffer => readFileSync(join(__dirname, 'testdata', name));

function parseError(text: string, file = 'cut.heap'): string {
  try {
    parseGoSnapshot(Buffer.from(text), file);
  } catch (err) {
    expect(err).toBeInstanceOf(GclensError);
    expect((err as GclensError).kind).toBe('unsupported-format');
    return (err as GclensError).message;
  }
  throw new Error('parsed without complaint');
}

describe.skipIf(!hasCorpus)('legacy text heap profiles against pprof goldens', () => {
  it.each(['gobench.heap', 'cppbench.heap', 'cppbench.growth'])('%s: every sample, scaled as pprof scales it, and its stack', (name) => {
    const dir = corpusPath('pprof/google-pprof/legacy');
    const text = readFileSync(join(dir, name), 'utf8');
    const golden = parseProfileString(readFileSync(join(dir, `${name}.string`), 'utf8'));
    const ours = goldenView(parseLegacyHeap(splitLines(text), name).profile);
    expect(ours).toEqual(golden);
  });

  it('gobench.heap: Go prints the sampling rate doubled; pprof halves it', () => {
    const heap = parseLegacyHeap(splitLines(readFileSync(corpusPath('pprof/google-pprof/legacy/gobench.heap'), 'utf8')), 'gobench.heap');
    expect(heap.scheme).toBe('heap');
    expect(heap.profile.period).toBe(524288);
    // `1: 524288 [3: 1572864]`: one sampled 512 KiB object at rate 512 KiB counts as 1/(1 - e^-1) of one.
    expect(Array.from(heap.profile.values.subarray(0, 4))).toEqual([4, 2488234, 1, 829411]);
    expect(heap.symbolized).toBe(false);
  });
});

describe('heap?debug=1 from the memleak fixture', () => {
  it('scales to exactly what the runtime wrote into the protobuf profile taken next to it', () => {
    const text = parseGoSnapshot(testdata('memleak-2.heap.txt'), 'memleak-2.heap.txt');
    const proto = { kind: 'pprof' as const, encoding: 'protobuf' as const, file: 'pb', profile: decodePprof(testdata('memleak-2.heap.pb.gz'), 'pb') };
    expect(text.kind).toBe('heap-text');
    for (const sample of ['inuse_space', 'inuse_objects', 'alloc_space', 'alloc_objects']) {
      const a = summarizeGoSnapshot(text, 1000, { sample }).top.filter((r) => r.key.startsWith('main.'));
      const b = summarizeGoSnapshot(proto, 1000, { sample }).top.filter((r) => r.key.startsWith('main.'));
      expect(a).toEqual(b);
    }
    const top = summarizeGoSnapshot(text, 1, { sample: 'inuse_space' }).top[0];
    expect(top).toMatchObject({ key: 'main.retainHeader', new: 14552359, cumNew: 14552359 });
  });

  it('frames come from the # lines, leaf first', () => {
    const heap = parseLegacyHeap(splitLines(testdata('memleak-1.heap.txt').toString('utf8')), 'memleak-1.heap.txt');
    const view = goldenView(heap.profile);
    expect(view.samples[3]).toEqual({ values: [4, 4850786, 4, 4850786], frames: ['main.retainHeader', 'main.main', 'runtime.main'] });
    // A record with only runtime frames is printed whole.
    expect(view.samples[0]?.frames).toEqual(['runtime.mallocgc', 'runtime.newobject', 'runtime.(*scavengerState).init', 'runtime.bgscavenge']);
    expect(heap.symbolized).toBe(true);
  });

  it('scaleHeapSample follows pprof: zero stays zero, rate 1 means every allocation was recorded', () => {
    expect(scaleHeapSample(4, 4194304, 524288)).toEqual([4, 4850786]);
    expect(scaleHeapSample(0, 0, 524288)).toEqual([0, 0]);
    expect(scaleHeapSample(3, 300, 1)).toEqual([3, 300]);
  });
});

describe('a cut heap?debug=1: a clear error naming the file, never a crash', () => {
  const text = testdata('memleak-2.heap.txt').toString('utf8');

  it('cut mid-line', () => {
    const at = text.indexOf('\n', 400) + 12;
    expect(parseError(text.slice(0, at))).toMatch(/^cut\.heap: the dump is cut short: it ends mid-line at line \d+ \(byte \d+\)/);
  });

  it('cut between records: the records no longer add up to the header', () => {
    const at = text.indexOf('\n\n', text.length / 3) + 2;
    expect(parseError(text.slice(0, at))).toMatch(/records add up to \d+ in-use bytes of the \d+ the header declares: the dump is cut short/);
  });

  it('cut inside the MemStats block', () => {
    const at = text.indexOf('# PauseEnd');
    expect(parseError(text.slice(0, at))).toMatch(/runtime\.MemStats block \(line \d+\) is cut short: no PauseEnd/);
    const inRing = text.indexOf('# PauseNs') + 40;
    expect(parseError(text.slice(0, inRing))).toMatch(/ends mid-line/);
  });

  it('a record that is not one', () => {
    expect(parseError('heap profile: 1: 2 [3: 4] @ heap/1048576\n1: 2 [3: 4] x 0x1\n')).toMatch(/not a heap profile record at line 2/);
  });
});
