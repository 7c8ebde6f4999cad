/**
 * The composite rule from the field: within one sliding window (300 s by
 * default) the pause ratio is above 8 % AND the old generation grows faster
 * than 12 MB/s. Either alone is common; together they mean the collector is
 * losing to a live set that keeps growing, the usual prelude to an
 * OutOfMemoryError.
 *
 * Windows end at each collection, (t − W, t], from the first time a whole
 * window fits in the log. Pause ratio: known pauses starting in the window
 * over W. Old-gen growth: bytes promoted into the old generation by the
 * young collections in the window (old after − old before) over W; logs
 * without old-generation detail (Go, JVM logs without generation lines)
 * cannot be judged by this rule.
 */
import type { Finding } from '../../../shared/analysis';
import { eventEvidence } from '../evidence';
import { formatBytesPerSec, formatDuration, formatPercent, roundConfidence } from '../format';
import { hasKnownPause } from '../pause-stats';
import { promotedBytes } from '../rates';
import type { RuleContext } from './rule-context';

interface Window {
  fromSec: number;
  toSec: number;
  pauseRatio: number;
  oldGrowthBytesPerSec: number;
  first: number;
  last: number;
}

export function compositeRule(ctx: RuleContext): Finding[] {
  const c = ctx.thresholds.composite;
  const timed = ctx.timed;
  if (timed.length < 2 || !timed.some(({ event }) => promotedBytes(event) !== null)) return [];
  const t0 = timed[0]!.t;
  if (timed.at(-1)!.t - t0 < c.windowSec) return [];

  // Two pointers over prefix sums: every window is O(1) once the left edge has caught up.
  const pauseSec = new Float64Array(timed.length + 1);
  const promoted = new Float64Array(timed.length + 1);
  timed.forEach(({ event }, i) => {
    pauseSec[i + 1] = pauseSec[i]! + (hasKnownPause(event) ? event.pauseMs / 1000 : 0);
    promoted[i + 1] = promoted[i]! + Math.max(0, promotedBytes(event) ?? 0);
  });
  const hits: Window[] = [];
  let left = 0;
  for (let right = 0; right < timed.length; right++) {
    const end = timed[right]!.t;
    if (end - t0 < c.windowSec) continue;
    while (timed[left]!.t <= end - c.windowSec) left++;
    const pauseRatio = (pauseSec[right + 1]! - pauseSec[left]!) / c.windowSec;
    const oldGrowthBytesPerSec = (promoted[right + 1]! - promoted[left]!) / c.windowSec;
    if (pauseRatio > c.pauseRatio && oldGrowthBytesPerSec > c.oldGrowthBytesPerSec) {
      hits.push({ fromSec: end - c.windowSec, toSec: end, pauseRatio, oldGrowthBytesPerSec, first: left, last: right });
    }
  }
  if (hits.length === 0) return [];
  const worst = hits.reduce((a, w) => (w.pauseRatio * w.oldGrowthBytesPerSec > a.pauseRatio * a.oldGrowthBytesPerSec ? w : a));
  const inside = timed.slice(worst.first, worst.last + 1);
  return [
    {
      rule: 'pause-and-old-growth',
      severity: 'critical',
      confidence: roundConfidence(0.85),
      title: `In the ${formatDuration(c.windowSec)} up to ${worst.toSec.toFixed(0)} s, pauses took ${formatPercent(worst.pauseRatio * 100)} of the time while the old generation grew ${formatBytesPerSec(worst.oldGrowthBytesPerSec)}: above the ${formatPercent(c.pauseRatio * 100)} and ${formatBytesPerSec(c.oldGrowthBytesPerSec)} alarm.`,
      metrics: { pauseRatio: worst.pauseRatio, oldGrowthBytesPerSec: worst.oldGrowthBytesPerSec, windowSec: c.windowSec, windowsOverBoth: hits.length },
      evidence: eventEvidence(inside, `the collections in that window`, ctx.thresholds.evidence.maxLines).map((e) => ({ ...e, timeRange: { fromSec: worst.fromSec, toSec: worst.toSec } })),
    },
  ];
}
