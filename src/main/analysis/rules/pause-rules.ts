/**
 * Long pauses: the tail users feel. p99 or the longest pause above the
 * thresholds, and, when the caller gives a pause target (G1's
 * MaxGCPauseMillis, a latency SLO), every pause over it.
 */
import type { Finding } from '../../../shared/analysis';
import { eventEvidence } from '../evidence';
import { formatMs, plural, roundConfidence } from '../format';
import { hasKnownPause } from '../pause-stats';
import type { RuleContext } from './rule-context';

export function pauseRules(ctx: RuleContext): Finding[] {
  return [...longPauses(ctx), ...pauseTarget(ctx)];
}

function longPauses(ctx: RuleContext): Finding[] {
  const p = ctx.thresholds.pauses;
  const stats = ctx.metrics.pauses;
  if (!stats) return [];
  const tooLong = stats.maxMs > p.maxWarningMs;
  const tail = stats.p99Ms > p.p99WarningMs;
  if (!tooLong && !tail) return [];
  const known = ctx.all.filter(({ event }) => hasKnownPause(event));
  const limitMs = tail ? p.p99WarningMs : p.maxWarningMs;
  const longest = known.filter(({ event }) => event.pauseMs > limitMs).sort((a, b) => b.event.pauseMs - a.event.pauseMs);
  const severity = stats.maxMs >= p.maxCriticalMs ? 'critical' : 'warning';
  const worstKind = longest[0]?.event.kind ?? 'collection';
  return [
    {
      rule: 'long-pauses',
      severity,
      // A p99 from a handful of pauses is just the maximum: less sure of a tail.
      confidence: roundConfidence(0.6 + 0.4 * Math.min(1, stats.count / 100)),
      title: `The longest pause was ${formatMs(stats.maxMs)} (a ${worstKind} collection); p99 is ${formatMs(stats.p99Ms)} over ${plural(stats.count, 'pause')}, and ${plural(longest.length, 'pause')} exceed ${formatMs(limitMs)}.`,
      metrics: { maxMs: stats.maxMs, p99Ms: stats.p99Ms, p999Ms: stats.p999Ms, pauses: stats.count, over: longest.length, thresholdMs: limitMs },
      evidence: eventEvidence(longest.slice(0, ctx.thresholds.evidence.maxLines), `the longest pauses, over ${formatMs(limitMs)}`, ctx.thresholds.evidence.maxLines),
    },
  ];
}

function pauseTarget(ctx: RuleContext): Finding[] {
  const p = ctx.thresholds.pauses;
  if (p.targetMs === null) return [];
  const targetMs = p.targetMs;
  const known = ctx.all.filter(({ event }) => hasKnownPause(event));
  const over = known.filter(({ event }) => event.pauseMs > targetMs);
  if (known.length === 0 || over.length === 0) return [];
  const share = over.length / known.length;
  return [
    {
      rule: 'pause-target',
      severity: share > p.targetViolationFraction ? 'warning' : 'info',
      confidence: 1,
      title: `${plural(over.length, 'pause')} of ${known.length} (${(share * 100).toFixed(1)} %) missed the ${formatMs(targetMs)} pause target.`,
      metrics: { targetMs, violations: over.length, pauses: known.length, share },
      evidence: eventEvidence(over, `pauses over the ${formatMs(targetMs)} target`, ctx.thresholds.evidence.maxLines),
    },
  ];
}
