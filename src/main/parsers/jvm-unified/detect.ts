/**
 * Telling a unified-logging GC log from the first lines, and the collector
 * from its `Using …` header (`[0.017s][info][gc] Using G1`).
 */
import type { JvmCollector } from './context';

/**
 * Cheap test for format detection: the line starts with a unified-logging
 * decorator (an uptime, a wall time or a level in brackets) and shows GC
 * output (a gc or safepoint tag, or a GC(n) id). JDK 8 lines start with a
 * time stamp or `[GC (`, JRockit's with `[memory ]` or `[INFO ]`, Go's
 * gctrace with `gc N @`, so none of them matches.
 */
export function looksLikeJvmUnified(line: string): boolean {
  return UNIFIED_HEAD.test(line) && (line.includes('[gc') || line.includes('] GC(') || line.includes('[safepoint'));
}

const UNIFIED_HEAD = /^\[(?:\d{4}-\d\d-\d\dT[\d:.,]+(?:Z|[+-]\d\d:?\d\d)?|\d+(?:[.,]\d+)?(?:s|ms|ns)|(?:info|debug|trace|warning|error) *)\]/;

export const HEADER_PREFIX = 'Using ';

const HEADERS: Array<[string, JvmCollector]> = [
  ['Using G1', 'G1'],
  ['Using Parallel', 'Parallel'],
  ['Using Serial', 'Serial'],
  ['Using Concurrent Mark Sweep', 'CMS'],
  ['Using Shenandoah', 'Shenandoah'],
  // JDK 21+ prints the same for generational ZGC; its lines tell it apart later.
  ['Using The Z Garbage Collector', 'ZGC'],
  ['Using Epsilon', 'Epsilon'],
];

/** The collector a `Using …` header at `at` names, or null. */
export function collectorOfHeader(text: string, at: number): JvmCollector | null {
  for (const [prefix, name] of HEADERS) if (text.startsWith(prefix, at)) return name;
  return null;
}
