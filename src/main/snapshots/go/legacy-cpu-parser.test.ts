import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusPath, hasCorpus } from '../../../../test/helpers/corpus';
import { parseGoSnapshot } from './go-snapshot-loader';
import { legacyCpuVariant, parseLegacyCpu } from './legacy-cpu-parser';
import { goldenView, parseProfileString } from './pprof-golden';

const dir = hasCorpus ? corpusPath('pprof/google-pprof/legacy') : '';

describe.skipIf(!hasCorpus)('legacy binary CPU profiles against pprof goldens', () => {
  it.each(['gobench.cpu', 'go.crc32.cpu', 'cppbench.cpu'])('%s: every sample and stack, signal frames dropped as pprof drops them', (name) => {
    const bytes = readFileSync(join(dir, name));
    expect(legacyCpuVariant(bytes)).toBe('go');
    const profile = parseLegacyCpu(bytes, name);
    expect(goldenView(profile)).toEqual(parseProfileString(readFileSync(join(dir, `${name}.string`), 'utf8')));
    expect(profile.period).toBe(10_000_000);
  });

  it('the Java variant is recognised and refused by name', () => {
    expect(legacyCpuVariant(readFileSync(join(dir, 'java.cpu')))).toBe('java');
    expect(() => parseGoSnapshot(readFileSync(join(dir, 'java.cpu')), 'java.cpu')).toThrow('java.cpu: a Java legacy CPU profile: not a Go snapshot gclens reads');
  });

  it('a profile cut before its end marker', () => {
    const bytes = readFileSync(join(dir, 'gobench.cpu'));
    expect(() => parseGoSnapshot(bytes.subarray(0, 4000), 'cut.cpu')).toThrow(/^cut\.cpu: the CPU profile is cut short/);
  });
});
