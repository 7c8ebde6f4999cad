import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Profile, Sample } from 'pprof-format';
import { describe, expect, it } from 'vitest';
import { corpusPath, hasCorpus } from '../../../../test/helpers/corpus';
import { GclensError } from '../../../shared/result';
import { decodePprof } from './pprof-decode';
import { goldenView, parseProfileString } from './pprof-golden';

const testdata = (name: string): Buffer => readFileSync(join(__dirname, 'testdata', name));

function decodeError(bytes: Uint8Array, file = 'bad.pb.gz'): GclensError {
  try {
    decodePprof(bytes, file);
  } catch (err) {
    expect(err).toBeInstanceOf(GclensError);
    expect((err as GclensError).kind).toBe('unsupported-format');
    expect((err as GclensError).message.startsWith(`${file}: `)).toBe(true);
    return err as GclensError;
  }
  throw new Error('decoded without complaint');
}

/** The raw bytes of a profile with every top-level field `field` left out. */
function withoutField(raw: Uint8Array, field: number): Buffer {
  const kept: Buffer[] = [];
  let pos = 0;
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    for (;;) {
      const b = raw[pos++] as number;
      value += (b & 0x7f) * scale;
      scale *= 128;
      if (b < 0x80) return value;
    }
  };
  while (pos < raw.length) {
    const start = pos;
    const tag = varint();
    if (tag % 8 === 2) {
      const length = varint();
      pos += length;
    } else varint();
    if (tag >> 3 !== field) kept.push(Buffer.from(raw.subarray(start, pos)));
  }
  return Buffer.concat(kept);
}

describe.skipIf(!hasCorpus)('pprof protobuf against the corpus goldens', () => {
  it('go-profiler-notes CPU profile: every sample and stack as `go tool pprof -raw` printed them', () => {
    const dir = corpusPath('pprof/go-profiler-notes');
    const profile = decodePprof(readFileSync(join(dir, 'pprof.samples.cpu.001.pb.gz')), 'cpu.pb.gz');
    const golden = parseProfileString(readFileSync(join(dir, 'pprof.samples.cpu.001.pprof.txt'), 'utf8'));
    expect(goldenView(profile)).toEqual(golden);
    expect(golden.samples[0]).toEqual({ values: [19, 190000000], frames: ['main.computeSum', 'main.run.func2', 'golang.org/x/sync/errgroup.(*Group).Go.func1'] });
    // Location 16 inlines runtime.nanotime into runtime.checkTimers: two frames, innermost first.
    expect(golden.samples[3]?.frames.slice(0, 3)).toEqual(['runtime.nanotime1', 'runtime.nanotime', 'runtime.checkTimers']);
    expect(profile.profile).toBe('cpu');
    expect(profile.period).toBe(10_000_000);
    expect(profile.periodType).toEqual({ type: 'cpu', unit: 'nanoseconds' });
    expect(new Date(Math.floor((profile.timeNanos ?? 0) / 1e6)).toISOString()).toBe('2021-01-08T16:10:32.116Z');
  });

  it('a Go heap profile: sample types, default, and values past 2^28 that come back as bigints', () => {
    const profile = decodePprof(readFileSync(corpusPath('pprof/parca/alloc_objects.pb.gz')), 'alloc_objects.pb.gz');
    expect(profile.sampleTypes.map((t) => `${t.type}/${t.unit}`)).toEqual(['alloc_objects/count', 'alloc_space/bytes', 'inuse_objects/count', 'inuse_space/bytes']);
    expect(profile.defaultSampleType).toBe('alloc_space');
    expect(profile.profile).toBe('allocs');
    expect(profile.sampleStart.length - 1).toBe(4661);
    expect(Math.max(...profile.values)).toBeGreaterThan(2 ** 28);
  });

  it('a stripped profile names its frames by binary, as pprof does', () => {
    const profile = decodePprof(readFileSync(corpusPath('pprof/parca/normal-cpu.stripped.pprof')), 'stripped');
    expect(profile.names).toEqual(['[pprof-example-app-go]']);
  });
});

describe('pprof protobuf from the memleak fixture', () => {
  it('reads a heap profile taken from the running fixture', () => {
    const profile = decodePprof(testdata('memleak-2.heap.pb.gz'), 'memleak-2.heap.pb.gz');
    expect(profile.profile).toBe('heap');
    expect(profile.period).toBe(524288);
    expect(profile.names).toContain('main.retainHeader');
    const raw = decodePprof(gunzipSync(testdata('memleak-2.heap.pb.gz')), 'raw');
    expect(raw).toEqual(profile);
  });

  it('keeps negative values: int64 varints that pprof-format reads as unsigned', () => {
    const p = Profile.decode(gunzipSync(testdata('memleak-1.heap.pb.gz')));
    p.sample = [new Sample({ locationId: [p.location[0]?.id ?? 1], value: [-5n, -4096n, 0, 1] })];
    const profile = decodePprof(p.encode(), 'negative');
    expect(Array.from(profile.values)).toEqual([-5, -4096, 0, 1]);
  });
});

describe('bad protobuf input: a clear error naming the file, never a crash', () => {
  const gz = testdata('memleak-2.heap.pb.gz');
  const raw = gunzipSync(gz);

  it('truncated gzip', () => {
    const err = decodeError(gz.subarray(0, Math.floor(gz.length / 2)));
    expect(err.message).toMatch(/gzip stream ends early, at byte \d+: the file is truncated/);
  });

  it('corrupt gzip', () => {
    const bad = Buffer.from(gz);
    bad.fill(0xff, 10, 40);
    expect(decodeError(bad).message).toMatch(/corrupt gzip data/);
  });

  it('a raw profile cut short names the field and byte', () => {
    const err = decodeError(gzipSync(raw.subarray(0, raw.length - 7)));
    expect(err.message).toMatch(/truncated: field \d+ at byte \d+ claims \d+ bytes but only \d+ remain/);
  });

  it('an empty string table', () => {
    expect(decodeError(withoutField(raw, 6), 'nostrings.pb').message).toBe('nostrings.pb: the profile has an empty string table');
  });

  it('a sample that points at a location the profile lacks', () => {
    const p = Profile.decode(raw);
    p.sample = [new Sample({ locationId: [999999], value: [1, 2, 3, 4] })];
    expect(decodeError(p.encode()).message).toMatch(/sample 0 refers to location 999999/);
  });

  it('a sample with the wrong number of values', () => {
    const p = Profile.decode(raw);
    p.sample = [new Sample({ locationId: [], value: [1] })];
    expect(decodeError(p.encode()).message).toMatch(/sample 0 has 1 values for 4 sample types/);
  });

  it('bytes that are not a profile, and nothing at all', () => {
    expect(decodeError(Buffer.from([0x0b, 0x01, 0x02, 0x03])).message).toMatch(/wire type 3/);
    expect(decodeError(Buffer.alloc(0)).message).toMatch(/empty/);
  });
});
