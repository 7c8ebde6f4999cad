/**
 * Localisation: with snapshot diffs (heap profiles by function or stack,
 * class histograms, NMT categories) the rows that grew most, joined to the
 * floor trend: how much of the growth between the snapshots they explain,
 * and whether the trend agrees that memory is growing at all.
 */
import type { Finding } from '../../../shared/analysis';
import { formatBytes, formatRate, roundConfidence } from '../format';
import { diffArtifact, type AnalysisDiff, type RuleContext } from './rule-context';

function measuresMemory(diff: AnalysisDiff): boolean {
  // alloc_space counts every allocation since start: it always grows and says nothing about retention.
  return diff.unit === 'bytes' && diff.by !== 'goroutine' && !diff.sample.startsWith('alloc');
}

export function localiseRule(ctx: RuleContext): Finding[] {
  return ctx.diffs.filter(measuresMemory).flatMap((diff) => {
    const growth = diff.newTotal - diff.baseTotal;
    const top = diff.rows.filter((r) => r.delta > 0).slice(0, ctx.thresholds.localise.topRows);
    if (growth <= 0 || top.length === 0) return [];
    const lead = top[0]!;
    const share = lead.delta / growth;
    const trend = ctx.metrics.floorTrend;
    const rising = trend?.shape === 'rising';
    const joined = trend ? (rising ? `, while the floor rises ${formatRate(trend.slopeBytesPerSec)}` : `; the floor trend itself is ${trend.shape}`) : '';
    // A grower that carries most of the growth, seen while the floor rises, is the culprit; without the trend it is only a lead.
    const confidence = Math.min(1, share) * (rising ? 1 : 0.6);
    return [
      {
        rule: 'leak-localised',
        severity: rising ? 'critical' : 'warning',
        confidence: roundConfidence(confidence),
        title: `${lead.key} grew ${formatBytes(lead.delta)} between the snapshots, ${Math.round(share * 100)} % of the ${formatBytes(growth)} growth${joined}.`,
        metrics: { by: diff.by, sample: diff.sample, baseTotalBytes: diff.baseTotal, newTotalBytes: diff.newTotal, growthBytes: growth, topDeltaBytes: lead.delta, topShare: share },
        evidence: [
          {
            artifact: diffArtifact(diff),
            rows: top.map((r) => r.key),
            what: `the ${top.length} ${diff.by === 'class' ? 'classes' : diff.by === 'category' ? 'categories' : `${diff.by}s`} that grew most: ${top.map((r) => `${r.key} +${formatBytes(r.delta)}`).join('; ')}`,
          },
        ],
      },
    ];
  });
}
