/**
 * Bytes (or a file) in, a typed Go snapshot out: the content decides the
 * kind, whatever the file is called.
 */
import { readFile } from 'node:fs/promises';
import { GclensError } from '../../../shared/result';
import type { GoSnapshot, HeapTextSnapshot, PprofSnapshot } from './go-snapshot';
import { sniffGoContent } from './go-snapshot-sniff';
import { parseCountProfile, parseGoroutineDump } from './goroutine-text-parser';
import { parseLegacyContention } from './legacy-contention-parser';
import { parseLegacyCpu } from './legacy-cpu-parser';
import { parseLegacyHeap } from './legacy-heap-parser';
import { parseMemStats } from './memstats-parser';
import { decodePprof, gunzipFile, isGzip } from './pprof-decode';
import { splitLines } from './text-lines';

function loadHeapText(text: string, file: string): HeapTextSnapshot | PprofSnapshot {
  const source = splitLines(text);
  const heap = parseLegacyHeap(source, file);
  if (heap.memStatsLine >= 0) {
    const { memStats, gcEvents } = parseMemStats(source, heap.memStatsLine, file);
    return { kind: 'heap-text', file, profile: heap.profile, memStats, gcEvents };
  }
  if (heap.scheme === 'heap') {
    // Go computes the header from the very records it prints, and ends heap?debug=1 with MemStats.
    const [objects, bytes] = heap.recordedInuse;
    if (objects !== heap.declaredInuse[0] || bytes !== heap.declaredInuse[1]) {
      throw new GclensError(
        'unsupported-format',
        `${file}: the records add up to ${bytes} in-use bytes of the ${heap.declaredInuse[1]} the header declares: the dump is cut short`,
      );
    }
    if (heap.symbolized) {
      throw new GclensError('unsupported-format', `${file}: the heap?debug=1 dump is cut short: it has no "# runtime.MemStats" block`);
    }
  }
  return { kind: 'pprof', encoding: 'legacy-heap-text', file, profile: heap.profile };
}

/** Parses a Go snapshot held in memory; `file` names it in messages. */
export function parseGoSnapshot(bytes: Uint8Array, file: string): GoSnapshot {
  const inner = isGzip(bytes) ? gunzipFile(bytes, file) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (inner.length === 0) throw new GclensError('unsupported-format', `${file}: the file is empty`);
  const sniffed = sniffGoContent(inner);
  switch (sniffed?.encoding) {
    case 'heap-text':
      return loadHeapText(inner.toString('utf8'), file);
    case 'goroutine-text': {
      const source = splitLines(inner.toString('utf8'));
      if (/^\s*goroutine profile: total/.test(inner.subarray(0, 256).toString('utf8'))) {
        const counts = parseCountProfile(source, file);
        return { kind: 'goroutine-text', debug: 1, file, total: counts.total, goroutines: [], profile: counts.profile };
      }
      const dump = parseGoroutineDump(source, file);
      return { kind: 'goroutine-text', debug: 2, file, total: dump.goroutines.length, goroutines: dump.goroutines, profile: dump.profile };
    }
    case 'count-text':
      return { kind: 'pprof', encoding: 'legacy-count-text', file, profile: parseCountProfile(splitLines(inner.toString('utf8')), file).profile };
    case 'contention-text':
      return { kind: 'pprof', encoding: 'legacy-contention-text', file, profile: parseLegacyContention(splitLines(inner.toString('utf8')), file) };
    case 'legacy-cpu':
      return { kind: 'pprof', encoding: 'legacy-cpu', file, profile: parseLegacyCpu(inner, file) };
    case 'protobuf':
      return { kind: 'pprof', encoding: 'protobuf', file, profile: decodePprof(inner, file) };
    case 'refused':
      throw new GclensError('unsupported-format', `${file}: ${sniffed.what ?? 'a legacy profile'}: not a Go snapshot gclens reads`);
    default:
      throw new GclensError(
        'unsupported-format',
        `${file}: not a Go snapshot gclens reads (a pprof protobuf profile, a heap, goroutine, mutex or block debug text, or a legacy pprof profile)`,
      );
  }
}

export async function loadGoSnapshot(path: string, name: string): Promise<GoSnapshot> {
  return parseGoSnapshot(await readFile(path), name);
}
