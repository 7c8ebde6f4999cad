import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusPath, hasCorpus } from '../../../../test/helpers/corpus';
import { parseGoSnapshot } from './go-snapshot-loader';
import { parseLegacyContention } from './legacy-contention-parser';
import { goldenView, parseProfileString } from './pprof-golden';
import { summarizeGoSnapshot } from './snapshot-summary';
import { splitLines } from './text-lines';

const testdata = (name: string): Buffer => readFileSync(join(__dirname, 'testdata', name));

describe.skipIf(!hasCorpus)('contentionz against the pprof golden', () => {
  it('cppbench.contention: counts times the period, cycles to nanoseconds', () => {
    const dir = corpusPath('pprof/google-pprof/legacy');
    const profile = parseLegacyContention(splitLines(readFileSync(join(dir, 'cppbench.contention'), 'utf8')), 'cppbench.contention');
    expect(goldenView(profile)).toEqual(parseProfileString(readFileSync(join(dir, 'cppbench.contention.string'), 'utf8')));
    expect(profile.period).toBe(100);
  });

  it('the Java variant is refused by name', () => {
    expect(() => parseGoSnapshot(readFileSync(corpusPath('pprof/google-pprof/legacy/java.contention')), 'java.contention')).toThrow(
      /^java\.contention: a Java contention profile \("format = java"\): not a Go snapshot/,
    );
  });
});

describe('mutex and block debug=1 from the memleak fixture', () => {
  it('mutex: the fight over the lock, its delay from cycles at the printed clock rate', () => {
    const snapshot = parseGoSnapshot(testdata('memleak.mutex-debug1.txt'), 'mutex.txt');
    expect(snapshot.kind).toBe('pprof');
    expect(snapshot.profile.profile).toBe('mutex');
    const view = goldenView(snapshot.profile);
    // `8036642676 1013 @ …` at cycles/second=2596147689, sampling period 1.
    expect(view.samples[0]).toEqual({ values: [1013, Math.trunc(8036642676 / 2.596147689)], frames: ['sync.(*Mutex).Unlock', 'main.fight'] });
    expect(summarizeGoSnapshot(snapshot, 1, { sample: 'delay' }).top[0]?.key).toBe('sync.(*Mutex).Unlock');
  });

  it('block: goroutines waiting for the lock', () => {
    const snapshot = parseGoSnapshot(testdata('memleak.block-debug1.txt'), 'block.txt');
    expect(snapshot.profile.profile).toBe('block');
    expect(goldenView(snapshot.profile).samples[0]?.frames).toEqual(['sync.(*Mutex).Lock', 'main.fight']);
  });

  it('the protobuf mutex profile names the same functions', () => {
    const text = summarizeGoSnapshot(parseGoSnapshot(testdata('memleak.mutex-debug1.txt'), 'a'), 5, { sample: 'delay' });
    const proto = summarizeGoSnapshot(parseGoSnapshot(testdata('memleak.mutex.pb.gz'), 'b'), 5, { sample: 'delay' });
    expect(proto.samples).toEqual(['contentions', 'delay']);
    expect(proto.top[0]?.key).toBe(text.top[0]?.key);
  });
});
