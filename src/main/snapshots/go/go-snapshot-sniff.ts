/**
 * Which Go snapshot a file holds, from its first bytes: gzip is looked
 * inside (a sync flush inflates a cut stream as far as it goes), then text
 * headers are tried before the protobuf shape, since text never starts with
 * a well-framed Profile field but the reverse is not guaranteed.
 */
import { constants, gunzipSync } from 'node:zlib';
import type { SnapshotKind } from '../../../shared/snapshot';
import { isCountProfileHeader, isGoroutineHeader } from './goroutine-text-parser';
import { legacyCpuVariant } from './legacy-cpu-parser';
import { isContentionHeader } from './legacy-contention-parser';
import { isLegacyHeapHeader } from './legacy-heap-parser';
import { isGzip } from './pprof-decode';
import { looksLikeProfileMessage } from './protobuf-framing';

export type GoEncoding = 'protobuf' | 'heap-text' | 'goroutine-text' | 'count-text' | 'contention-text' | 'legacy-cpu' | 'refused';

export interface SniffResult {
  encoding: GoEncoding;
  /** The kind the content will most likely load as (a Go heap text without its MemStats block loads as 'pprof'). */
  kind: SnapshotKind;
  /** For 'refused': what the file is, for the message that says it is not read. */
  what?: string;
}

/** Legacy profiles pprof reads that no Go program writes: recognised so the message can say what they are. */
const FOREIGN: [RegExp, string][] = [
  [/^--- threadz \d+ ---/, 'a C++ threadz profile'],
  [/^--- heapz \d+ ---/, 'a Java heapz profile'],
];

/** The first bytes as the parser will see them: a gzipped head inflated as far as it goes. */
export function peekInside(head: Buffer): Buffer {
  if (!isGzip(head)) return head;
  try {
    return gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: 1 << 20 });
  } catch {
    return Buffer.alloc(0);
  }
}

/** The first non-blank line of a text head, or null when the head does not look like text. */
function firstTextLine(bytes: Buffer): string | null {
  const sample = bytes.subarray(0, 4096);
  // Text dumps are ASCII apart from symbol names; a byte below TAB says binary.
  for (const b of sample) if (b < 0x09) return null;
  const text = sample.toString('utf8');
  for (const line of text.split('\n')) if (line.trim() !== '') return line.trim();
  return null;
}

export function sniffGoContent(inner: Buffer): SniffResult | null {
  const line = firstTextLine(inner);
  if (line !== null) {
    if (isLegacyHeapHeader(line)) return { encoding: 'heap-text', kind: /@ *heap\/\d/.test(line) ? 'heap-text' : 'pprof' };
    if (isCountProfileHeader(line)) return line.startsWith('goroutine ') ? { encoding: 'goroutine-text', kind: 'goroutine-text' } : { encoding: 'count-text', kind: 'pprof' };
    if (isGoroutineHeader(line)) return { encoding: 'goroutine-text', kind: 'goroutine-text' };
    if (isContentionHeader(line)) return { encoding: 'contention-text', kind: 'pprof' };
    for (const [pattern, what] of FOREIGN) if (pattern.test(line)) return { encoding: 'refused', kind: 'pprof', what };
  }
  const cpu = legacyCpuVariant(inner);
  if (cpu === 'go') return { encoding: 'legacy-cpu', kind: 'pprof' };
  if (cpu === 'java') return { encoding: 'refused', kind: 'pprof', what: 'a Java legacy CPU profile' };
  if (looksLikeProfileMessage(inner)) return { encoding: 'protobuf', kind: 'pprof' };
  return null;
}

export function sniffGoSnapshot(head: Buffer): SniffResult | null {
  return sniffGoContent(peekInside(head));
}
