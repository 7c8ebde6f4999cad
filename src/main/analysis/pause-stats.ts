/**
 * Stop-the-world pause statistics, overall and by kind. Percentiles are
 * nearest-rank (see percentile.ts). A collection whose pause the log does not
 * give is left out rather than counted as 0 ms: a ZGC or Shenandoah cycle
 * logged without its pause lines, or a CMS young collection whose pause the
 * log counts inside the enclosing remark.
 */
import type { PauseStats } from '../../shared/analysis';
import type { GcEvent } from '../../shared/gc-event';
import { nearestRank } from './percentile';

/** True when `pauseMs` is a measured pause (possibly a genuine 0 ms, as Go rounds), not a missing one. */
export function hasKnownPause(event: GcEvent): boolean {
  if (event.pauseMs > 0) return true;
  if (event.runtime === 'go') return true;
  if (event.kind === 'cycle') return false;
  return !(event.cause ?? '').includes('pause counted in');
}

export function pauseStats(pausesMs: number[]): PauseStats | null {
  if (pausesMs.length === 0) return null;
  const sorted = Float64Array.from(pausesMs).sort();
  let totalMs = 0;
  for (const p of sorted) totalMs += p;
  return {
    count: sorted.length,
    totalMs,
    p50Ms: nearestRank(sorted, 50),
    p90Ms: nearestRank(sorted, 90),
    p99Ms: nearestRank(sorted, 99),
    p999Ms: nearestRank(sorted, 99.9),
    maxMs: sorted[sorted.length - 1]!,
  };
}

export function pauseStatsByKind(events: GcEvent[]): { overall: PauseStats | null; byKind: Record<string, PauseStats> } {
  const known = events.filter(hasKnownPause);
  const kinds = new Map<string, number[]>();
  for (const e of known) {
    const list = kinds.get(e.kind) ?? [];
    list.push(e.pauseMs);
    kinds.set(e.kind, list);
  }
  const byKind: Record<string, PauseStats> = {};
  for (const kind of [...kinds.keys()].sort()) byKind[kind] = pauseStats(kinds.get(kind)!)!;
  return { overall: pauseStats(known.map((e) => e.pauseMs)), byKind };
}
