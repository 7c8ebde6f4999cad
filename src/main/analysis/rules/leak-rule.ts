/**
 * The memory-leak rule: reads the post-GC floor trend (floor-trend.ts) and
 * says leak, no leak, or why it cannot tell. No verdict before
 * `leak.minCycles` floor points over `leak.minSpanSec`; a floor that rose and
 * then levelled off is warm-up; a sawtooth whose floor does not climb is
 * healthy; a floor that moves up without steadiness is inconclusive.
 */
import type { Finding, FloorSource, FloorTrend, Verdict } from '../../../shared/analysis';
import { spanEvidence } from '../evidence';
import { hasOldCollection, type FloorPoint } from '../floor-trend';
import { lowerEnvelope } from '../trend-fit';
import { formatBytes, formatDuration, formatRate, plural, pluralVerb, roundConfidence } from '../format';
import type { RuleContext } from './rule-context';

export interface LeakAssessment extends Verdict {
  findings: Finding[];
}

const FLOOR_NAMES: Record<FloorSource, string> = {
  'go-live-heap': 'the live heap',
  'whole-heap-collections': 'the heap after full and mixed collections',
  'every-collection': 'the heap after collections',
};

function clamp01(v: number): number {
  return Math.max(0, Math.min(1, v));
}

/** More points, a longer window and a steadier rise each add to the base of 0.5. */
function dataConfidence(points: number, spanSec: number, ctx: RuleContext): number {
  const t = ctx.thresholds.leak;
  return 0.5 + 0.25 * clamp01(points / (5 * t.minCycles)) + 0.25 * clamp01(spanSec / (10 * t.minSpanSec));
}

function inconclusive(summary: string, findings: Finding[] = []): LeakAssessment {
  return { verdict: 'inconclusive', confidence: 0, summary: `Inconclusive: ${summary}.`, findings };
}

export function assessLeak(ctx: RuleContext): LeakAssessment {
  const t = ctx.thresholds.leak;
  const { metrics, floor } = ctx;
  if (ctx.all.length === 0) return inconclusive('the input holds no garbage collections');
  if (metrics.clock === 'none') return inconclusive('the log carries no timestamps, so growth over time cannot be measured');
  if (!floor) return inconclusive('no collection in the log reports the heap left after it (ZGC or Shenandoah logged without heap lines, say), so there is no floor to follow');
  const name = FLOOR_NAMES[floor.source];
  if (floor.points.length < t.minCycles) return inconclusive(`only ${pluralVerb(floor.points.length, 'collection', 'reports', 'report')} ${name}; at least ${t.minCycles} are needed for a trend`);
  const spanSec = floor.points.at(-1)!.t - floor.points[0]!.t;
  if (spanSec < t.minSpanSec) return inconclusive(`the ${floor.points.length} collections cover only ${formatDuration(spanSec)}; at least ${formatDuration(t.minSpanSec)} are needed to tell a leak from start-up`);
  const trend = metrics.floorTrend;
  // Collections bunched in time (bursts of full GCs) leave few stretches of the window with a floor: too few for a trend.
  const stretches = trend?.points ?? lowerEnvelope(floor.points.map((p) => ({ t: p.t, y: p.bytes })), Math.min(floor.points.length, t.maxTrendPoints)).length;
  if (!trend || stretches < t.minCycles) return inconclusive(`the ${floor.points.length} collections bunch into ${stretches} stretches of the ${formatDuration(spanSec)} window; at least ${t.minCycles} are needed for a trend`);

  const n = floor.points.length;
  const base = dataConfidence(n, spanSec, ctx);
  const range = `${formatBytes(trend.observedStartBytes)} → ${formatBytes(trend.observedEndBytes)} over ${formatDuration(spanSec)}, ${plural(n, 'collection')}`;
  const evidence = spanEvidence(floor.points, `the ${n} collections whose post-GC figure the trend is fitted on`);
  const trendMetrics = {
    slopeBytesPerSec: trend.slopeBytesPerSec,
    recentSlopeBytesPerSec: trend.recentSlopeBytesPerSec,
    observedStartBytes: trend.observedStartBytes,
    observedEndBytes: trend.observedEndBytes,
    r2: trend.r2,
    spearman: trend.spearman,
    points: n,
    spanSec,
    source: trend.source,
  };

  switch (trend.shape) {
    case 'rising': {
      const rho = trend.spearman ?? 0;
      let confidence = base * (0.8 + 0.2 * clamp01((rho - t.minSpearman) / (1 - t.minSpearman)));
      if (floor.source === 'every-collection') {
        if (!hasOldCollection(ctx.timed)) {
          const title = `${capitalise(name)} rises ${formatRate(trend.slopeBytesPerSec)} (${range}), but no old-generation collection in the window shows whether that is live data or garbage not yet collected.`;
          return inconclusive(`${name} rises ${formatRate(trend.slopeBytesPerSec)}, but no old-generation collection shows whether that is live data`, [
            finding('warning', confidence * 0.5, title, trendMetrics, evidence),
          ]);
        }
        confidence *= t.everyCollectionConfidence;
      }
      const projection = projectionClause(ctx, trend);
      const title = `${capitalise(name)} rises steadily at ${formatRate(trend.slopeBytesPerSec)} (${range}, Spearman ρ ${rho.toFixed(2)})${projection}.`;
      return {
        verdict: 'leak',
        confidence: roundConfidence(confidence),
        summary: `Leak: ${name} rises steadily at ${formatRate(trend.slopeBytesPerSec)} (${range})${projection}.`,
        findings: [finding('critical', confidence, title, trendMetrics, evidence)],
      };
    }
    case 'levelled': {
      const title = `${capitalise(name)} rose to ${formatBytes(trend.observedEndBytes)} early on, then levelled off: the last third grows ${formatRate(trend.lastThirdSlopeBytesPerSec)}, so this is warm-up, not a leak.`;
      return {
        verdict: 'no-leak',
        confidence: roundConfidence(base * 0.9),
        summary: `No leak: ${name} grew while warming up and then held at about ${formatBytes(trend.currentBytes)} (${formatDuration(spanSec)}, ${plural(n, 'collection')}).`,
        findings: [{ rule: 'warm-up', severity: 'info', confidence: roundConfidence(base * 0.9), title, metrics: trendMetrics, evidence }],
      };
    }
    case 'noisy': {
      const title = `${capitalise(name)} moves up ${formatRate(trend.slopeBytesPerSec)} but not steadily (Spearman ρ ${(trend.spearman ?? 0).toFixed(2)} < ${t.minSpearman}).`;
      return inconclusive(`${name} moves up ${formatRate(trend.slopeBytesPerSec)} but not steadily (ρ ${(trend.spearman ?? 0).toFixed(2)}); a longer capture would tell`, [
        finding('info', 0.3, title, trendMetrics, evidence),
      ]);
    }
    case 'sparse':
      return inconclusive(`${name} rises ${formatRate(trend.slopeBytesPerSec)}, but too few collections fall in the last third of the window to tell whether it still does`);
    case 'flat':
    case 'falling': {
      const how = trend.shape === 'flat' ? `stays at about ${formatBytes(middleBytes(floor.points))}` : `trends down (${formatRate(trend.slopeBytesPerSec)})`;
      return { verdict: 'no-leak', confidence: roundConfidence(base), summary: `No leak: ${name} ${how} over ${formatDuration(spanSec)} (${plural(n, 'collection')}).`, findings: [] };
    }
  }
}

function finding(severity: Finding['severity'], confidence: number, title: string, metrics: Finding['metrics'], evidence: Finding['evidence']): Finding {
  return { rule: 'memory-leak', severity, confidence: roundConfidence(confidence), title, metrics, evidence };
}

function projectionClause(ctx: RuleContext, trend: FloorTrend): string {
  const { limit, timeToLimitSec } = ctx.metrics;
  if (!limit || timeToLimitSec === null) return '';
  const which = limit.source === 'given' ? 'the limit' : 'the largest committed heap';
  return `; at its recent rate (${formatRate(trend.recentSlopeBytesPerSec)}) it reaches ${which} of ${formatBytes(limit.bytes)} in ${formatDuration(timeToLimitSec)}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The middle value of the points' bytes: the level a flat floor sits at. */
function middleBytes(points: FloorPoint[]): number {
  const sorted = points.map((p) => p.bytes).sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}
