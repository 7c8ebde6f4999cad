/**
 * GC thrash: the collector working so hard the application barely runs.
 * Pause time over wall time (whole run and worst window), full collections
 * back to back, the heap pinned at its limit after collection, and an
 * out-of-memory projected from the floor trend.
 */
import type { Finding } from '../../../shared/analysis';
import { eventEvidence, spanEvidence } from '../evidence';
import { floorValue } from '../floor-trend';
import { formatBytes, formatDuration, formatPercent, formatRate, plural, roundConfidence } from '../format';
import { pausedTime, worstWindow } from '../mmu';
import { pauseIntervals } from '../overhead';
import { hasKnownPause } from '../pause-stats';
import type { TimedEvent } from '../timeline';
import { isAskedFor } from './causes';
import type { RuleContext } from './rule-context';

export function thrashRules(ctx: RuleContext): Finding[] {
  return [...overheadFinding(ctx), ...backToBackFull(ctx), ...heapAtLimit(ctx), ...oomAhead(ctx)];
}

function overheadFinding(ctx: RuleContext): Finding[] {
  const o = ctx.thresholds.overhead;
  const { window, gcOverheadPercent } = ctx.metrics;
  const known = ctx.timed.filter(({ event }) => hasKnownPause(event));
  if (!window || gcOverheadPercent === null || known.length < o.minCollections || window.toSec - window.fromSec < o.minSpanSec) return [];
  const severityOf = (percent: number): Finding['severity'] | null => (percent >= o.criticalPercent ? 'critical' : percent >= o.warningPercent ? 'warning' : null);
  const maxLines = ctx.thresholds.evidence.maxLines;
  const overall = severityOf(gcOverheadPercent);
  if (overall) {
    return [
      {
        rule: 'gc-overhead',
        severity: overall,
        confidence: roundConfidence(Math.min(1, 0.6 + 0.4 * Math.min(1, known.length / 100))),
        title: `GC pauses take ${formatPercent(gcOverheadPercent)} of wall time over ${formatDuration(window.toSec - window.fromSec)} (${plural(known.length, 'pause')}).`,
        metrics: { gcOverheadPercent, spanSec: window.toSec - window.fromSec, pauses: known.length },
        evidence: spanEvidence(known, 'every collection with a pause in the run'),
      },
    ];
  }
  const worst = worstWindow(pausedTime(pauseIntervals(known)), window.fromSec, window.toSec, o.windowSec);
  if (!worst) return [];
  const percent = (worst.pausedSec / o.windowSec) * 100;
  const severity = severityOf(percent);
  if (!severity) return [];
  const inside = known.filter(({ event, t }) => t + event.pauseMs / 1000 > worst.fromSec && t < worst.toSec);
  return [
    {
      rule: 'gc-overhead',
      severity,
      confidence: roundConfidence(0.7),
      title: `For ${formatDuration(o.windowSec)} from ${worst.fromSec.toFixed(1)} s, GC pauses took ${formatPercent(percent)} of wall time (${formatPercent(gcOverheadPercent)} over the whole run).`,
      metrics: { windowOverheadPercent: percent, windowSec: o.windowSec, gcOverheadPercent, windowFromSec: worst.fromSec },
      evidence: eventEvidence(inside, `the ${plural(inside.length, 'pause')} in the worst ${formatDuration(o.windowSec)}`, maxLines).map((e) => ({ ...e, timeRange: { fromSec: worst.fromSec, toSec: worst.toSec } })),
    },
  ];
}

/** Runs of full collections nothing else interrupts, each close on the previous one's heels. */
function backToBackFull(ctx: RuleContext): Finding[] {
  const b = ctx.thresholds.backToBackFull;
  const runs: TimedEvent[][] = [];
  let current: TimedEvent[] = [];
  for (const item of ctx.timed) {
    const previous = current.at(-1);
    const isFull = item.event.kind === 'full' && !isAskedFor(item.event);
    if (isFull && previous && item.t - (previous.t + previous.event.pauseMs / 1000) <= b.maxGapSec) {
      current.push(item);
      continue;
    }
    if (current.length >= b.minRun) runs.push(current);
    current = isFull ? [item] : [];
  }
  if (current.length >= b.minRun) runs.push(current);
  if (runs.length === 0) return [];
  const longest = runs.reduce((a, r) => (r.length > a.length ? r : a));
  const total = runs.reduce((n, r) => n + r.length, 0);
  return [
    {
      rule: 'back-to-back-full-gc',
      severity: 'critical',
      confidence: roundConfidence(0.9),
      title: `${plural(runs.length, 'burst')} of full collections back to back (the longest ${longest.length} in a row): each frees too little for the application to run.`,
      metrics: { bursts: runs.length, longestBurst: longest.length, fullCollectionsInBursts: total },
      evidence: runs.slice(0, ctx.thresholds.evidence.maxLines).flatMap((r) => spanEvidence(r, `${r.length} full collections in a row`)),
    },
  ];
}

function heapAtLimit(ctx: RuleContext): Finding[] {
  const h = ctx.thresholds.heapAtLimit;
  const limit = ctx.metrics.limit;
  if (!limit) return [];
  // The longest run of pinned collections, as [first, last] indices into the ones with a heap figure.
  const withHeap = ctx.timed.filter(({ event }) => floorValue(event) !== null);
  let best: [number, number] = [0, -1];
  let start = 0;
  withHeap.forEach(({ event }, i) => {
    if (floorValue(event)! < h.fraction * limit.bytes) start = i + 1;
    else if (i - start > best[1] - best[0]) best = [start, i];
  });
  const longest = withHeap.slice(best[0], best[1] + 1);
  if (longest.length < h.minCycles) return [];
  const which = limit.source === 'given' ? 'the limit' : 'the largest committed heap';
  return [
    {
      rule: 'heap-at-limit',
      severity: 'critical',
      confidence: roundConfidence(limit.source === 'given' ? 0.9 : 0.7),
      title: `${longest.length} collections in a row left the heap above ${Math.round(h.fraction * 100)} % of ${which} (${formatBytes(limit.bytes)}): the heap is full of live data.`,
      metrics: { limitBytes: limit.bytes, limitSource: limit.source, consecutiveCollections: longest.length, fraction: h.fraction },
      evidence: spanEvidence(longest, `collections that left the heap within ${Math.round((1 - h.fraction) * 100)} % of ${which}`),
    },
  ];
}

function oomAhead(ctx: RuleContext): Finding[] {
  const { timeToLimitSec, limit, floorTrend } = ctx.metrics;
  const o = ctx.thresholds.oom;
  if (timeToLimitSec === null || !limit || !floorTrend || timeToLimitSec >= o.warningSec) return [];
  const which = limit.source === 'given' ? 'the limit' : 'the largest committed heap seen';
  const points = ctx.floor?.points ?? [];
  return [
    {
      rule: 'oom-ahead',
      severity: timeToLimitSec < o.criticalSec ? 'critical' : 'warning',
      confidence: roundConfidence((floorTrend.spearman ?? 0) * (limit.source === 'given' ? 1 : 0.8)),
      title:
        timeToLimitSec === 0
          ? `The floor has reached ${which} (${formatBytes(limit.bytes)}).`
          : `At ${formatRate(floorTrend.recentSlopeBytesPerSec)} the floor (now ${formatBytes(floorTrend.currentBytes)}) reaches ${which} of ${formatBytes(limit.bytes)} in about ${formatDuration(timeToLimitSec)}.`,
      metrics: { timeToLimitSec, limitBytes: limit.bytes, limitSource: limit.source, currentBytes: floorTrend.currentBytes, recentSlopeBytesPerSec: floorTrend.recentSlopeBytesPerSec },
      evidence: spanEvidence(
        points.filter((p) => p.t >= (floorTrend.window.fromSec + floorTrend.window.toSec) / 2),
        'the second half of the floor trend, whose rate the projection uses',
      ),
    },
  ];
}
