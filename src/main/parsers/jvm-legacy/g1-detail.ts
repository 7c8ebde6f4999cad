/**
 * G1's PrintGCDetails block (JDK 7/8, g1CollectorPolicy.cpp): the pause line
 * `[GC pause (G1 Evacuation Pause) (young), 0.0123 secs]` is followed by
 * indented sub-phase lines and one line of sizes,
 *
 *      [Eden: 24.0M(24.0M)->0.0B(21.0M) Survivors: 0.0B->3072.0K Heap: 24.0M(256.0M)->4.2M(256.0M)]
 *
 * (on a Full GC followed by `, [Metaspace: 3K->3K(1056K)]`), or, on JDK 6's
 * G1, only `   [ 169M->162M(256M)]`. Eden sizes are before(capacity) and
 * after(capacity to be); survivors have no capacity; the heap's capacity
 * after the pause is what is committed.
 */
import type { GcEvent } from '../../../shared/gc-event';
import { transition } from './legacy-sizes';
import { bytes, readDecorations, SIZE } from './legacy-units';

const EDEN = new RegExp(String.raw`^\[Eden: ${SIZE}\(${SIZE}\)->${SIZE}\(${SIZE}\) Survivors: ${SIZE}->${SIZE} Heap: ${SIZE}\(${SIZE}\)->${SIZE}\(${SIZE}\)\]`);
const JDK6_HEAP = new RegExp(String.raw`^\[ ${SIZE}->${SIZE}\(${SIZE}\)\]\s*$`);
const METASPACE = new RegExp(String.raw`\[Metaspace: ${SIZE}->${SIZE}\(${SIZE}\)\]`);
/** A size transition or a pause is a collection's, not a sub-phase's. */
const HEAP_OR_PAUSE = /\d[BKMGT]?->\d|\d secs?\]/;
/** String deduplication's statistics print times in secs. */
const DEDUP_TIMES = /^\[(?:Last|Total) Exec: /;

/**
 * The bracketed part of a line of G1's details (`   [Ext Root Scanning (ms): …]`,
 * `[Eden: …]`, ` [Times: …]`), or null when the line is none. The indent may be
 * gone and decorations in front when a concurrent fragment broke the line.
 */
export function g1DetailBody(text: string): string | null {
  let at = 0;
  while (at < text.length && (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9 || text.charCodeAt(at) === 58)) at++;
  const decorations = readDecorations(text, at);
  at = decorations.end;
  while (at < text.length && (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9)) at++;
  if (text.charCodeAt(at) !== 91 /* [ */) return null;
  const body = text.slice(at);
  if (body === '[' || body.startsWith('[ ') || body.startsWith('[Eden: ') || body.startsWith('[Times: ')) return body;
  const first = body.charCodeAt(1);
  if (first < 65 || first > 90) return null;
  if ((body.startsWith('[GC') && !body.startsWith('[GC Worker')) || body.startsWith('[Full GC')) return null;
  return HEAP_OR_PAUSE.test(body) && !DEDUP_TIMES.test(body) ? null : body;
}

/** Is this (a detail body) one of G1's size lines? */
export function isG1SizeLine(body: string): boolean {
  return EDEN.test(body) || JDK6_HEAP.test(body);
}

/** Fills `event` from a G1 size line's body; false when it is not one. */
export function applyG1Sizes(text: string, event: GcEvent): boolean {
  const eden = EDEN.exec(text);
  if (eden) {
    const s = (i: number): number => bytes(eden[i]!, eden[i + 1]);
    const survivorBefore = s(9);
    const survivorAfter = s(11);
    event.heapBeforeBytes = s(13);
    event.heapAfterBytes = s(17);
    event.heapCommittedBytes = s(19);
    event.generations = {
      ...event.generations,
      young: { beforeBytes: s(1) + survivorBefore, afterBytes: s(5) + survivorAfter, committedBytes: s(7) + survivorAfter },
      survivor: { beforeBytes: survivorBefore, afterBytes: survivorAfter, committedBytes: null },
    };
    const metaspace = METASPACE.exec(text);
    if (metaspace) event.generations.metaspace = transition(metaspace[0])!;
    return true;
  }
  const heap = JDK6_HEAP.exec(text);
  if (!heap) return false;
  event.heapBeforeBytes = bytes(heap[1]!, heap[2]);
  event.heapAfterBytes = bytes(heap[3]!, heap[4]);
  event.heapCommittedBytes = bytes(heap[5]!, heap[6]);
  return true;
}
