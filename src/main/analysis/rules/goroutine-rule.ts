/**
 * Goroutine leaks: goroutines that block for ever (a send nobody receives, a
 * lock never released) pile up. Two signs: goroutine snapshot diffs whose
 * count grows (with the growing stacks and what they wait on), and Go 1.18+
 * gctrace's `S MB stacks` rising steadily, since every parked goroutine keeps
 * its stack.
 */
import type { Finding } from '../../../shared/analysis';
import { spanEvidence } from '../evidence';
import { formatBytes, formatDuration, formatRate, plural, roundConfidence } from '../format';
import { classifyTrend, fitTrend } from '../trend-fit';
import { diffArtifact, type AnalysisDiff, type RuleContext } from './rule-context';

export function goroutineRule(ctx: RuleContext): Finding[] {
  return [...stacksFinding(ctx), ...ctx.diffs.filter(isGoroutineDiff).flatMap((d) => diffFinding(ctx, d))];
}

function isGoroutineDiff(diff: AnalysisDiff): boolean {
  return diff.by === 'goroutine' || diff.kind === 'goroutine-text' || diff.sample === 'goroutine';
}

function stacksFinding(ctx: RuleContext): Finding[] {
  const g = ctx.thresholds.goroutines;
  const l = ctx.thresholds.leak;
  const points = ctx.timed.filter(({ event }) => event.stacksBytes !== null);
  if (points.length < l.minCycles) return [];
  const fit = fitTrend(
    points.map(({ t, event }) => ({ t, y: event.stacksBytes! })),
    l.maxTrendPoints,
  );
  if (!fit || fit.spanSec < l.minSpanSec || fit.envelope.length < l.minCycles) return [];
  const shape = classifyTrend(fit, { minGrowthBytes: g.minStackGrowthBytes, minGrowthFraction: g.minStackGrowthFraction, minSpearman: l.minSpearman, persistFraction: l.persistFraction });
  if (shape !== 'rising') return [];
  const rho = fit.spearman ?? 0;
  const confidence = 0.5 + 0.3 * Math.min(1, (rho - l.minSpearman) / (1 - l.minSpearman)) + 0.2 * Math.min(1, points.length / (5 * l.minCycles));
  return [
    {
      rule: 'goroutine-leak',
      severity: 'critical',
      confidence: roundConfidence(confidence),
      title: `Goroutine stacks grow steadily at ${formatRate(fit.whole.slope)} (${formatBytes(fit.observedStart)} → ${formatBytes(fit.observedEnd)} over ${formatDuration(fit.spanSec)}): goroutines are started and never finish.`,
      metrics: { stacksSlopeBytesPerSec: fit.whole.slope, stacksStartBytes: fit.observedStart, stacksEndBytes: fit.observedEnd, spearman: rho, points: points.length, spanSec: fit.spanSec },
      evidence: spanEvidence(points, `the ${points.length} cycles whose \`MB stacks\` figure rises`),
    },
  ];
}

function diffFinding(ctx: RuleContext, diff: AnalysisDiff): Finding[] {
  const g = ctx.thresholds.goroutines;
  const growth = diff.newTotal - diff.baseTotal;
  if (growth < g.minCountGrowth || growth < g.minCountGrowthFraction * Math.max(diff.baseTotal, 1)) return [];
  const top = diff.rows.filter((r) => r.delta > 0).slice(0, ctx.thresholds.localise.topRows);
  const lead = top[0];
  const waits = lead?.state ? `, ${lead.delta} of them parked in "${lead.state}"` : '';
  const where = lead ? ` at ${lead.frames?.[0] ?? lead.key}` : '';
  const share = lead && growth > 0 ? lead.delta / growth : null;
  return [
    {
      rule: 'goroutine-leak',
      severity: 'critical',
      confidence: roundConfidence(share !== null && share >= 0.5 ? 0.9 : 0.75),
      title: `Goroutines grew from ${diff.baseTotal} to ${diff.newTotal} between the snapshots${where}${waits}.`,
      metrics: { baseGoroutines: diff.baseTotal, newGoroutines: diff.newTotal, growth, topGroupDelta: lead?.delta ?? null, topGroupShare: share },
      evidence: [
        {
          artifact: diffArtifact(diff),
          rows: top.map((r) => r.key),
          what: `the ${plural(top.length, 'goroutine group')} that grew most: ${top.map((r) => `+${r.delta}${r.state ? ` (${r.state})` : ''}`).join(', ')}`,
        },
      ],
    },
  ];
}
