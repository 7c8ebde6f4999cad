/**
 * Builds the evidence items a finding points at: per artifact, the exact
 * lines (capped, the rest counted) and the time they cover, so the app can
 * mark the range on its charts and show the raw lines.
 */
import type { Evidence, TimeRange } from '../../shared/analysis';
import type { GcEvent } from '../../shared/gc-event';
import { plural } from './format';

export interface Located {
  event: GcEvent;
  /** Seconds on the run's clock, NaN when unknown. */
  t: number;
}

function byArtifact<T extends Located>(items: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(item.event.source.file) ?? [];
    list.push(item);
    groups.set(item.event.source.file, list);
  }
  return groups;
}

function timeRangeOf(items: Located[]): TimeRange | undefined {
  let fromSec = Number.POSITIVE_INFINITY;
  let toSec = Number.NEGATIVE_INFINITY;
  for (const { event, t } of items) {
    if (Number.isNaN(t)) continue;
    fromSec = Math.min(fromSec, t);
    toSec = Math.max(toSec, t + event.pauseMs / 1000);
  }
  return fromSec <= toSec ? { fromSec, toSec } : undefined;
}

/** The listed collections themselves, line by line. */
export function eventEvidence(items: Located[], what: string, maxLines: number): Evidence[] {
  return [...byArtifact(items)].map(([artifact, list]) => {
    const lines = [...new Set(list.map((i) => i.event.source.line))].sort((a, b) => a - b);
    const more = lines.length > maxLines ? ` (the first ${maxLines} of ${plural(lines.length, 'line')})` : '';
    const evidence: Evidence = { artifact, lines: lines.slice(0, maxLines), what: `${what}${more}` };
    const timeRange = timeRangeOf(list);
    if (timeRange) evidence.timeRange = timeRange;
    return evidence;
  });
}

/** A run of collections as one span of lines per artifact, plus its first and last lines named. */
export function spanEvidence(items: Located[], what: string): Evidence[] {
  return [...byArtifact(items)].map(([artifact, list]) => {
    // A loop, not Math.min(...lines): a run can hold a million collections, more than a call's arguments.
    let from = Number.POSITIVE_INFINITY;
    let to = Number.NEGATIVE_INFINITY;
    for (const { event } of list) {
      from = Math.min(from, event.source.line);
      to = Math.max(to, event.source.line);
    }
    const evidence: Evidence = { artifact, lineRange: { from, to }, lines: from === to ? [from] : [from, to], what };
    const timeRange = timeRangeOf(list);
    if (timeRange) evidence.timeRange = timeRange;
    return evidence;
  });
}
