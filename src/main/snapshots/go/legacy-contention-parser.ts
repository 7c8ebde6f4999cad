/**
 * Contention profiles in text: Go's mutex?debug=1 and block?debug=1
 * (`--- mutex:` / `--- contention:`, written by runtime/pprof's
 * writeProfileInternal) and the older `--- contentionz 1 ---`: attribute
 * lines, then `<cycles> <count> @ 0x…` records, each followed in Go's dumps
 * by `#` symbol lines. Values are unsampled as pprof does it
 * (github.com/google/pprof, profile/legacy_profile.go: parseContention):
 * counts times the sampling period, cycles turned into nanoseconds at the
 * printed clock rate, also times the period.
 */
import { GclensError } from '../../../shared/result';
import type { StackProfile } from './go-snapshot';
import { StackProfileBuilder } from './stack-profile-builder';
import { lineError, symbolLineFunction, type TextLines } from './text-lines';

const HEADER = /^--- (mutex:|contention:|contentionz )/;
const RECORD = /^(\d+) *(\d+) @([ x0-9a-f]*)$/;

export function isContentionHeader(line: string): boolean {
  return HEADER.test(line.trim());
}

export function parseLegacyContention(source: TextLines, file: string): StackProfile {
  if (!source.complete) throw lineError(source, source.lines.length - 1, file, '');
  const first = (source.lines[0] ?? '').trim();
  if (!isContentionHeader(first)) throw lineError(source, 0, file, 'not a contention profile header');
  const name = first.startsWith('--- mutex:') ? 'mutex' : first.startsWith('--- contention:') ? 'block' : 'contention';
  let cpuHz = 0;
  let period = 1;
  let i = 1;
  for (; i < source.lines.length; i++) {
    const line = (source.lines[i] as string).trim();
    if (line === '' || line.startsWith('#')) continue;
    const attr = /^([^=]+?)\s*=\s*(.*)$/.exec(line);
    if (!attr) break;
    const [, key = '', value = ''] = attr;
    if (key === 'format' || key === 'resolution') {
      throw new GclensError('unsupported-format', `${file}: a Java contention profile ("${line}"): not a Go snapshot gclens reads`);
    }
    if (key === 'cycles/second') cpuHz = Number(value);
    else if (key === 'sampling period') period = Number(value);
    else if (key !== 'ms since reset' && key !== 'discarded samples') throw lineError(source, i, file, 'an unknown contention profile attribute');
  }
  const builder = new StackProfileBuilder({
    profile: name,
    sampleTypes: [
      { type: 'contentions', unit: 'count' },
      { type: 'delay', unit: 'nanoseconds' },
    ],
    periodType: { type: 'contentions', unit: 'count' },
    period,
  });
  let pending: { values: number[]; addresses: string[] } | null = null;
  let symbols: string[] = [];
  const flush = (): void => {
    if (pending) builder.add(symbols.length > 0 ? symbols : pending.addresses, pending.values);
    pending = null;
    symbols = [];
  };
  for (; i < source.lines.length; i++) {
    const line = (source.lines[i] as string).trim();
    if (line.startsWith('---')) break; // the memory map
    if (line === '') continue;
    if (line.startsWith('#')) {
      const fn = symbolLineFunction(line);
      if (fn && pending) symbols.push(fn);
      continue;
    }
    const m = RECORD.exec(line);
    if (!m) throw lineError(source, i, file, 'not a contention record');
    flush();
    let cycles = Number(m[1]);
    let count = Number(m[2]);
    if (period > 0) {
      if (cpuHz > 0) cycles = Math.trunc((cycles * period) / (cpuHz / 1e9));
      count *= period;
    }
    const addresses = ((m[3] as string).match(/0x[0-9a-f]+/g) ?? []).map((a) => `0x${(BigInt(a) - 1n).toString(16)}`);
    pending = { values: [count, cycles], addresses };
  }
  flush();
  return builder.build();
}
