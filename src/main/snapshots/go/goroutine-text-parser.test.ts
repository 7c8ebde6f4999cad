import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusPath, hasCorpus } from '../../../../test/helpers/corpus';
import { GclensError } from '../../../shared/result';
import type { GoroutineTextSnapshot } from './go-snapshot';
import { parseGoSnapshot } from './go-snapshot-loader';
import { functionOfCall, parseCountProfile, parseGoroutineDump } from './goroutine-text-parser';
import { goldenView, parseProfileString } from './pprof-golden';
import { splitLines } from './text-lines';

const testdata = (name: string): string => readFileSync(join(__dirname, 'testdata', name), 'utf8');

function parseError(text: string, file = 'cut.txt'): string {
  try {
    parseGoSnapshot(Buffer.from(text), file);
  } catch (err) {
    expect(err).toBeInstanceOf(GclensError);
    return (err as GclensError).message;
  }
  throw new Error('parsed without complaint');
}

describe('goroutine?debug=1 from the memleak fixture', () => {
  const snapshot = parseGoSnapshot(Buffer.from(testdata('memleak-2.goroutine-debug1.txt')), 'g1.txt') as GoroutineTextSnapshot;

  it('reads the total and one sample per distinct stack, named from the # lines', () => {
    expect(snapshot).toMatchObject({ kind: 'goroutine-text', debug: 1, total: 55, goroutines: [] });
    const view = goldenView(snapshot.profile);
    expect(view.sampleTypes).toEqual(['goroutine/count']);
    expect(view.samples[0]).toEqual({ values: [51], frames: ['main.parkSenders.func1'] });
    expect(view.samples.reduce((n, s) => n + (s.values[0] ?? 0), 0)).toBe(55);
    expect(snapshot.profile.states).toBeNull();
  });

  it('keeps runtime frames the runtime printed after user ones; names a record it printed no frames for by its call sites', () => {
    expect(goldenView(snapshot.profile).samples.at(-1)).toEqual({ values: [1], frames: ['time.Sleep', 'main.main', 'runtime.main'] });
    // A goroutine whose only frame is runtime.goexit gets no # lines (seen in a larger capture of the same fixture).
    const bare = parseCountProfile(splitLines('goroutine profile: total 1\n1 @ 0x48efa1\n\n'), 'bare');
    expect(goldenView(bare.profile).samples).toEqual([{ values: [1], frames: ['0x48efa0'] }]);
  });

  it('a dump cut between records no longer adds up to its total', () => {
    const text = testdata('memleak-2.goroutine-debug1.txt');
    expect(parseError(text.slice(0, text.indexOf('\n\n') + 2))).toBe('cut.txt: the records add up to 51 of the 55 the header declares: the dump is cut short');
    expect(parseError(text.slice(0, 60))).toMatch(/^cut\.txt: the dump is cut short: it ends mid-line at line 2 \(byte 28\)/);
  });
});

describe.skipIf(!hasCorpus)('a legacy Go count profile', () => {
  it('go.godoc.thread matches pprof golden, addresses less one', () => {
    const dir = corpusPath('pprof/google-pprof/legacy');
    const parsed = parseCountProfile(splitLines(readFileSync(join(dir, 'go.godoc.thread'), 'utf8')), 'go.godoc.thread');
    expect(parsed).toMatchObject({ name: 'threadcreate', total: 7 });
    expect(goldenView(parsed.profile)).toEqual(parseProfileString(readFileSync(join(dir, 'go.godoc.thread.string'), 'utf8')));
  });
});

describe('goroutine?debug=2 from the memleak fixture', () => {
  const text = testdata('memleak-2.goroutine-debug2.txt');
  const snapshot = parseGoSnapshot(Buffer.from(text), 'g2.txt') as GoroutineTextSnapshot;

  it('reads each goroutine: id, state, frames innermost first, creator', () => {
    expect(snapshot).toMatchObject({ kind: 'goroutine-text', debug: 2, total: 58 });
    const parked = snapshot.goroutines.filter((g) => g.state === 'chan send');
    expect(parked).toHaveLength(54);
    expect(parked[0]).toMatchObject({ frames: ['main.parkSenders.func1'], createdBy: 'main.parkSenders', createdByGoroutine: 1, waitMinutes: null, lockedToThread: false });
    const main = snapshot.goroutines.find((g) => g.id === 1);
    expect(main).toMatchObject({ state: 'sleep', frames: ['time.Sleep', 'main.main'], createdBy: null });
    expect(snapshot.goroutines.find((g) => g.state === 'running')?.frames[0]).toBe('runtime/pprof.writeGoroutineStacks');
    expect(snapshot.profile.states?.filter((s) => s === 'chan send')).toHaveLength(54);
  });

  it('reads wait minutes and a locked thread from the header', () => {
    const dump = parseGoroutineDump(
      splitLines('goroutine 7 [chan send, 3 minutes, locked to thread]:\nmain.parkSenders.func1()\n\tgclens.test/memleak/main.go:67 +0x1e\n'),
      'g',
    );
    expect(dump.goroutines[0]).toMatchObject({ id: 7, state: 'chan send', waitMinutes: 3, lockedToThread: true, line: 1 });
  });

  it('strips argument lists, not method receivers', () => {
    expect(functionOfCall('net/http.(*conn).serve(0x2250c1a94240, {0x78b9f8, 0x2250c1a0e120})')).toBe('net/http.(*conn).serve');
    expect(functionOfCall('internal/poll.(*pollDesc).waitRead(...)')).toBe('internal/poll.(*pollDesc).waitRead');
    expect(functionOfCall('main.main()')).toBe('main.main');
    expect(functionOfCall('created by main.main in goroutine 1')).toBeNull();
  });

  it('a dump cut mid-line or after a function line', () => {
    expect(parseError(text.slice(0, text.indexOf('main.parkSenders.func1()') + 10))).toMatch(/cut short: it ends mid-line at line \d+/);
    const afterFunction = text.slice(0, text.indexOf('main.parkSenders.func1()') + 'main.parkSenders.func1()\n'.length);
    expect(parseError(afterFunction)).toMatch(/^cut\.txt: the dump is cut short: line \d+ has no file line after it$/);
  });

  it('lines that belong to no goroutine', () => {
    expect(parseError('goroutine 1 [running]:\nmain.main()\n\tmain.go:1 +0x1\n\n  what is this\n')).toMatch(/not a goroutine header at line 5/);
  });
});
