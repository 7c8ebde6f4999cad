/**
 * The `# runtime.MemStats` block that ends Go's heap?debug=1 (written by
 * runtime/pprof's writeHeapInternal): `# Name = value` lines, two of them
 * `a / b` pairs, and PauseNs/PauseEnd as 256-number arrays. Those two arrays
 * are a ring of the most recent stop-the-world pauses: the pause of GC
 * number n sits in slot (n + 255) % 256, so NumGC tells which slots hold
 * real pauses and in what order. They become GcEvents in the model the GC
 * log parsers share.
 */
import type { GcEvent } from '../../../shared/gc-event';
import { GclensError } from '../../../shared/result';
import { gcEvent } from '../../parsers/gc-log-parser';
import type { MemStats } from './go-snapshot';
import { lineError, type TextLines } from './text-lines';

const RING = 256;

type NumberField = Exclude<keyof MemStats, 'pauseNs' | 'pauseEnd' | 'debugGC' | 'other'>;

const SINGLE: Record<string, NumberField> = {
  Alloc: 'alloc',
  TotalAlloc: 'totalAlloc',
  Sys: 'sys',
  Lookups: 'lookups',
  Mallocs: 'mallocs',
  Frees: 'frees',
  HeapAlloc: 'heapAlloc',
  HeapSys: 'heapSys',
  HeapIdle: 'heapIdle',
  HeapInuse: 'heapInuse',
  HeapReleased: 'heapReleased',
  HeapObjects: 'heapObjects',
  BuckHashSys: 'buckHashSys',
  GCSys: 'gcSys',
  OtherSys: 'otherSys',
  NextGC: 'nextGC',
  LastGC: 'lastGC',
  NumGC: 'numGC',
  NumForcedGC: 'numForcedGC',
  GCCPUFraction: 'gcCpuFraction',
  MaxRSS: 'maxRss',
};

/** `Stack = inuse / sys` and its kin. */
const PAIRS: Record<string, [NumberField, NumberField]> = {
  Stack: ['stackInuse', 'stackSys'],
  MSpan: ['mSpanInuse', 'mSpanSys'],
  MCache: ['mCacheInuse', 'mCacheSys'],
};

export interface MemStatsResult {
  memStats: MemStats;
  gcEvents: GcEvent[];
}

function emptyMemStats(): MemStats {
  const stats = { pauseNs: [], pauseEnd: [], debugGC: null, other: {} } as unknown as MemStats;
  for (const field of [...Object.values(SINGLE), ...Object.values(PAIRS).flat()]) stats[field] = null;
  return stats;
}

function parseArray(text: string): bigint[] | null {
  const m = /^\[([\d\s]*)\]$/.exec(text);
  if (!m) return null;
  const body = (m[1] as string).trim();
  return body ? body.split(/\s+/).map((n) => BigInt(n)) : [];
}

/** Parses from the line after `# runtime.MemStats` to the end of the text. */
export function parseMemStats(source: TextLines, headerLine: number, file: string): MemStatsResult {
  const stats = emptyMemStats();
  let pauseNs: bigint[] | null = null;
  let pauseEnd: bigint[] | null = null;
  let pauseLine = headerLine;
  for (let i = headerLine + 1; i < source.lines.length; i++) {
    const line = (source.lines[i] as string).trim();
    if (line === '') continue;
    const m = /^# (\w+) = (.*)$/.exec(line);
    if (!m) throw lineError(source, i, file, 'not a runtime.MemStats line');
    const [, name = '', value = ''] = m;
    const cutHere = i === source.lines.length - 1 && !source.complete;
    if (name === 'PauseNs' || name === 'PauseEnd') {
      const ring = parseArray(value);
      if (!ring || ring.length !== RING) {
        if (cutHere || !value.endsWith(']')) throw lineError(source, i, file, `${name} is cut short`);
        throw lineError(source, i, file, `${name} holds ${ring?.length ?? 'no'} numbers, not ${RING}`);
      }
      if (name === 'PauseNs') {
        pauseNs = ring;
        pauseLine = i;
      } else pauseEnd = ring;
      continue;
    }
    if (cutHere) throw lineError(source, i, file, '');
    const pair = PAIRS[name];
    const single = SINGLE[name];
    if (pair) {
      const p = /^(\d+) \/ (\d+)$/.exec(value);
      if (!p) throw lineError(source, i, file, `${name} is not "inuse / sys"`);
      stats[pair[0]] = Number(p[1]);
      stats[pair[1]] = Number(p[2]);
    } else if (single) {
      const n = Number(value);
      if (!Number.isFinite(n)) throw lineError(source, i, file, `${name} is not a number`);
      stats[single] = n;
    } else if (name === 'DebugGC') {
      stats.debugGC = value === 'true';
    } else {
      stats.other[name] = value;
    }
  }
  if (!pauseNs || !pauseEnd || stats.numGC === null) {
    const missing = [!pauseNs && 'PauseNs', !pauseEnd && 'PauseEnd', stats.numGC === null && 'NumGC'].filter(Boolean).join(', ');
    throw new GclensError('unsupported-format', `${file}: the runtime.MemStats block (line ${headerLine + 1}) is cut short: no ${missing}`);
  }
  stats.pauseNs = pauseNs.map(Number);
  stats.pauseEnd = pauseEnd.map(Number);
  return { memStats: stats, gcEvents: pauseEvents(pauseNs, pauseEnd, stats, file, pauseLine + 1) };
}

/** The ring's real slots as GcEvents, oldest first; PauseEnd kept exact as bigints until the subtraction. */
function pauseEvents(pauseNs: bigint[], pauseEnd: bigint[], stats: MemStats, file: string, line: number): GcEvent[] {
  const numGC = stats.numGC ?? 0;
  const first = Math.max(1, numGC - RING + 1);
  let earliest: bigint | null = null;
  for (let n = first; n <= numGC; n++) {
    const end = pauseEnd[(n + RING - 1) % RING] as bigint;
    if (end > 0n && (earliest === null || end < earliest)) earliest = end;
  }
  const events: GcEvent[] = [];
  for (let n = first; n <= numGC; n++) {
    const slot = (n + RING - 1) % RING;
    const end = pauseEnd[slot] as bigint;
    const known = end > 0n && earliest !== null;
    events.push(
      gcEvent({
        runtime: 'go',
        collector: 'go',
        kind: 'cycle',
        id: n,
        pauseMs: Number(pauseNs[slot]) / 1e6,
        startSec: known ? Number(end - (earliest as bigint)) / 1e9 : null,
        wallTime: known ? new Date(Number(end / 1_000_000n)).toISOString() : null,
        // GCCPUFraction is a running figure as of the latest cycle; it says nothing of earlier ones.
        gcCpuPercent: n === numGC && stats.gcCpuFraction !== null ? stats.gcCpuFraction * 100 : null,
        source: { file, line },
      }),
    );
  }
  return events;
}
