/**
 * The legacy text heap profile: what Go's heap?debug=1 prints (and older
 * Go and tcmalloc heapz dumps):
 *
 *   heap profile: 57: 41341952 [387: 52122752] @ heap/1048576
 *   39: 40894464 [39: 40894464] @ 0x4856d3 0x489c09 0x66fbc9 …
 *   #	0x66fbc8	main.retainHeader+0x28	gclens.test/memleak/main.go:44
 *
 * The counts are of sampled allocations. Values are scaled back to estimates
 * of the real ones the way `go tool pprof` reads these files
 * (github.com/google/pprof, profile/legacy_profile.go: parseHeapHeader,
 * scaleHeapSample): a sample of average size s taken at rate r had
 * probability 1 - e^(-s/r) of being recorded, so count and bytes are divided
 * by that. Go prints the rate doubled (`heap/2·MemProfileRate`, a C++
 * heritage), so pprof halves it; so do we.
 *
 * Frames: the `#` symbol lines after a record when the runtime printed them
 * (it hides leading runtime frames there), else the record's addresses less
 * one, as pprof names unsymbolized call sites.
 */
import type { SampleType, StackProfile } from './go-snapshot';
import { StackProfileBuilder } from './stack-profile-builder';
import { lineError, symbolLineFunction, type TextLines } from './text-lines';

const HEADER = /heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] *@ *(heap[_a-z0-9]*)\/?(\d*)/;
const OTHER_HEADER = /heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] @ (growthz?|fragmentationz?)/;
const RECORD = /^(-?\d+): *(-?\d+) *\[ *(\d+): *(\d+) *\] @([ x0-9a-f]*)$/;
const MEMORY_MAP = /--- Memory map: ---|MAPPED_LIBRARIES:/;

export interface LegacyHeapResult {
  profile: StackProfile;
  /** The header's sampling scheme: `heap` for Go (rate printed doubled), `heap_v2`/`heapz_v2`, `heapprofile`, `growthz`… */
  scheme: string;
  /** The 0-based line where `# runtime.MemStats` starts, or -1. */
  memStatsLine: number;
  /** Whether any record carried `#` symbol lines (the Go runtime prints them). */
  symbolized: boolean;
  /** In-use objects and bytes as the header declares them, and as the records add up (unscaled). */
  declaredInuse: [number, number];
  recordedInuse: [number, number];
}

export function isLegacyHeapHeader(line: string): boolean {
  return HEADER.test(line) || OTHER_HEADER.test(line);
}

/** pprof's scaleHeapSample, to the last bit: Math.exp and a truncating conversion, as in Go. */
export function scaleHeapSample(count: number, bytes: number, rate: number): [number, number] {
  if (count === 0 || bytes === 0) return [0, 0];
  if (rate <= 1) return [count, bytes];
  const scale = 1 / (1 - Math.exp(-(bytes / count) / rate));
  return [Math.trunc(count * scale), Math.trunc(bytes * scale)];
}

interface Sampling {
  scheme: string;
  period: number;
  scaled: boolean;
  hasAlloc: boolean;
}

function sampling(source: TextLines, file: string): Sampling {
  const first = source.lines[0] ?? '';
  const m = HEADER.exec(first);
  if (m) {
    const [, inuseCount, inuseBytes, allocCount, allocBytes, scheme = '', rate = ''] = m;
    // pprof compares the digits as strings: a header with alloc equal to inuse is a two-column profile.
    const hasAlloc = (allocCount !== inuseCount && allocCount !== '0') || (allocBytes !== inuseBytes && allocBytes !== '0');
    const printed = rate ? Number(rate) : 0;
    switch (scheme) {
      case 'heap':
        return { scheme, period: Math.trunc(printed / 2), scaled: true, hasAlloc };
      case 'heap_v2':
      case 'heapz_v2':
        return { scheme, period: printed, scaled: true, hasAlloc };
      case 'heapprofile':
        return { scheme, period: 1, scaled: false, hasAlloc };
      default:
        throw lineError(source, 0, file, `unknown heap profile sampling "${scheme}"`);
    }
  }
  const other = OTHER_HEADER.exec(first);
  if (other) return { scheme: other[5] ?? 'growthz', period: 1, scaled: false, hasAlloc: false };
  throw lineError(source, 0, file, 'not a heap profile header');
}

export function parseLegacyHeap(source: TextLines, file: string): LegacyHeapResult {
  const how = sampling(source, file);
  // Every writer of this format ends it with a newline: without one, the copy was cut, wherever the cut fell.
  if (!source.complete) throw lineError(source, source.lines.length - 1, file, '');
  const sampleTypes: SampleType[] = how.hasAlloc
    ? [
        { type: 'alloc_objects', unit: 'count' },
        { type: 'alloc_space', unit: 'bytes' },
        { type: 'inuse_objects', unit: 'count' },
        { type: 'inuse_space', unit: 'bytes' },
      ]
    : [
        { type: 'objects', unit: 'count' },
        { type: 'space', unit: 'bytes' },
      ];
  const builder = new StackProfileBuilder({ profile: 'heap', sampleTypes, periodType: { type: 'space', unit: 'bytes' }, period: how.period });

  let pending: { values: number[]; addresses: string[] } | null = null;
  let symbols: string[] = [];
  let symbolized = false;
  const flush = (): void => {
    if (!pending) return;
    builder.add(symbols.length > 0 ? symbols : pending.addresses, pending.values);
    pending = null;
    symbols = [];
  };
  const pair = (countText: string, bytesText: string, index: number): [number, number] => {
    const count = Number(countText);
    const bytes = Number(bytesText);
    if (count === 0 && bytes !== 0) throw lineError(source, index, file, `a record with 0 objects but ${bytes} bytes`);
    return how.scaled ? scaleHeapSample(count, bytes, how.period) : [count, bytes];
  };

  const header = /(\d+): *(\d+)/.exec(source.lines[0] ?? '');
  const declaredInuse: [number, number] = [Number(header?.[1] ?? 0), Number(header?.[2] ?? 0)];
  const recordedInuse: [number, number] = [0, 0];
  let memStatsLine = -1;
  for (let i = 1; i < source.lines.length; i++) {
    const line = (source.lines[i] as string).trim();
    if (line === '# runtime.MemStats') {
      memStatsLine = i;
      break;
    }
    if (MEMORY_MAP.test(line)) break;
    if (line === '') continue;
    if (line.startsWith('#')) {
      const fn = symbolLineFunction(line);
      if (fn && pending) {
        symbols.push(fn);
        symbolized = true;
      }
      continue;
    }
    const m = RECORD.exec(line);
    if (!m) throw lineError(source, i, file, 'not a heap profile record');
    flush();
    const [, inuseCount = '', inuseBytes = '', allocCount = '', allocBytes = '', stack = ''] = m;
    recordedInuse[0] += Number(inuseCount);
    recordedInuse[1] += Number(inuseBytes);
    const values = how.hasAlloc ? [...pair(allocCount, allocBytes, i), ...pair(inuseCount, inuseBytes, i)] : pair(inuseCount, inuseBytes, i);
    const addresses = (stack.match(/0x[0-9a-f]+/g) ?? []).map((a) => `0x${(BigInt(a) - 1n).toString(16)}`);
    pending = { values, addresses };
  }
  flush();
  return { profile: builder.build(), scheme: how.scheme, memStatsLine, symbolized, declaredInuse, recordedInuse };
}
