/**
 * JVM collector troubles that the cause text or the kind names outright:
 * evacuation and promotion failures, CMS concurrent mode failures,
 * humongous allocations, metaspace growth, ZGC allocation stalls, explicit
 * System.gc() calls, Shenandoah degenerated and full collections.
 */
import type { Finding, Severity } from '../../../shared/analysis';
import type { GcEvent } from '../../../shared/gc-event';
import { eventEvidence, spanEvidence } from '../evidence';
import { formatBytes, formatDuration, formatMs, formatRate, plural, pluralWas, roundConfidence } from '../format';
import { classifyTrend, fitTrend } from '../trend-fit';
import type { TimedEvent } from '../timeline';
import { isAllocationStall, isAskedFor, isConcurrentModeFailure, isEvacuationFailure, isExplicit, isHumongousAllocation, isMetadataThreshold, isPromotionFailure, isToolInduced } from './causes';
import type { RuleContext } from './rule-context';

interface CauseRule {
  rule: string;
  matches: (e: GcEvent) => boolean;
  severity: (count: number, ctx: RuleContext) => Severity;
  title: (items: TimedEvent[]) => string;
}

const isShenandoah = (e: GcEvent) => e.collector.includes('Shenandoah');

const CAUSE_RULES: CauseRule[] = [
  {
    rule: 'evacuation-failure',
    matches: isEvacuationFailure,
    severity: (n) => (n >= 5 ? 'critical' : 'warning'),
    title: (items) => `${plural(items.length, 'collection')} hit to-space exhausted (evacuation failure): no free regions were left to copy live objects into, which makes the pause long and often ends in a full collection.`,
  },
  {
    rule: 'promotion-failure',
    matches: isPromotionFailure,
    severity: () => 'critical',
    title: (items) => `${plural(items.length, 'young collection')} failed to promote survivors into a full or fragmented old generation and fell back to a full collection.`,
  },
  {
    rule: 'concurrent-mode-failure',
    matches: isConcurrentModeFailure,
    severity: (n) => (n >= 3 ? 'critical' : 'warning'),
    title: (items) => `CMS lost the race ${plural(items.length, 'time')} (concurrent mode failure): the old generation filled before the concurrent cycle finished and a stop-the-world full collection ran instead.`,
  },
  {
    rule: 'humongous-allocation',
    matches: isHumongousAllocation,
    severity: (n, ctx) => (n >= 0.1 * ctx.all.length ? 'warning' : 'info'),
    title: (items) => `${pluralWas(items.length, 'collection')} started by humongous allocations (objects of half a G1 region or more); raising -XX:G1HeapRegionSize or splitting the big arrays avoids them.`,
  },
  {
    rule: 'allocation-stall',
    matches: isAllocationStall,
    severity: () => 'critical',
    title: (items) => `${plural(items.length, 'collection')} ran because application threads stalled waiting for memory (ZGC allocation stall): the heap is too small for the allocation rate.`,
  },
  {
    rule: 'shenandoah-degenerated',
    matches: (e) => isShenandoah(e) && e.kind === 'degenerated',
    severity: (n) => (n >= 3 ? 'critical' : 'warning'),
    title: (items) => `Shenandoah degenerated ${plural(items.length, 'time')}: the concurrent cycle could not keep up and finished stop-the-world (${formatMs(items.reduce((m, i) => Math.max(m, i.event.pauseMs), 0))} at worst).`,
  },
  {
    rule: 'shenandoah-full',
    matches: (e) => isShenandoah(e) && e.kind === 'full' && !isAskedFor(e),
    severity: () => 'critical',
    title: (items) => `Shenandoah fell back to ${plural(items.length, 'full stop-the-world collection')}: even a degenerated cycle could not free enough memory.`,
  },
];

export function jvmRules(ctx: RuleContext): Finding[] {
  const jvm = ctx.all.filter(({ event }) => event.runtime === 'jvm');
  if (jvm.length === 0) return [];
  const maxLines = ctx.thresholds.evidence.maxLines;
  const findings: Finding[] = [];
  for (const r of CAUSE_RULES) {
    const items = jvm.filter(({ event }) => r.matches(event));
    if (items.length === 0) continue;
    findings.push({
      rule: r.rule,
      severity: r.severity(items.length, ctx),
      confidence: 1,
      title: r.title(items),
      metrics: { collections: items.length, pauseMs: items.reduce((s, i) => s + i.event.pauseMs, 0) },
      evidence: eventEvidence(items, `the ${plural(items.length, 'collection')} the log marks so`, maxLines),
    });
  }
  return [...findings, ...stallLines(ctx), ...explicitGc(ctx, jvm), ...toolInducedGc(ctx, jvm), ...metaspaceGrowth(ctx, jvm)];
}

/** ZGC's `Allocation Stall (thread) N ms` lines are counted by the parser, not made records: the count is the evidence. */
function stallLines(ctx: RuleContext): Finding[] {
  const counted = Object.entries(ctx.recognised).filter(([, counts]) => (counts['stall'] ?? 0) > 0);
  if (counted.length === 0) return [];
  const total = counted.reduce((n, [, counts]) => n + counts['stall']!, 0);
  return [
    {
      rule: 'allocation-stall',
      severity: 'critical',
      confidence: 0.9,
      title: `The log reports ${plural(total, 'allocation or relocation stall')}: application threads waited for the collector to free memory.`,
      metrics: { stallLines: total },
      evidence: counted.map(([artifact, counts]) => ({ artifact, what: `${plural(counts['stall']!, '`Allocation Stall` / `Relocation Stall` line')} (counted by the parser; not located line by line)` })),
    },
  ];
}

function explicitGc(ctx: RuleContext, jvm: TimedEvent[]): Finding[] {
  const e = ctx.thresholds.explicitGc;
  const items = jvm.filter(({ event }) => isExplicit(event));
  if (items.length === 0) return [];
  const { pauseMs, share } = pauseShare(ctx, items);
  const heavy = items.length >= e.warningCount || (share !== null && share >= e.warningPauseShare);
  return [
    {
      rule: 'explicit-gc',
      severity: heavy ? 'warning' : 'info',
      confidence: 1,
      title: `${pluralWas(items.length, 'collection')} asked for by the application (System.gc())${share !== null ? `, ${Math.round(share * 100)} % of all pause time` : ''}; -XX:+DisableExplicitGC or -XX:+ExplicitGCInvokesConcurrent stop them stalling the application.`,
      metrics: { collections: items.length, pauseMs, pauseShare: share },
      evidence: eventEvidence(items, 'the explicit collections', ctx.thresholds.evidence.maxLines),
    },
  ];
}

function pauseShare(ctx: RuleContext, items: TimedEvent[]): { pauseMs: number; share: number | null } {
  const pauseMs = items.reduce((s, i) => s + i.event.pauseMs, 0);
  const totalMs = ctx.metrics.pauses?.totalMs ?? 0;
  return { pauseMs, share: totalMs > 0 ? pauseMs / totalMs : null };
}

/**
 * Histograms, heap dumps and jcmd GC.run stop the world too, but they are the
 * operator's doing (gclens's own snapshots among them): say so, so nobody
 * tunes the application against them.
 */
function toolInducedGc(ctx: RuleContext, jvm: TimedEvent[]): Finding[] {
  const items = jvm.filter(({ event }) => isToolInduced(event));
  if (items.length === 0) return [];
  const { pauseMs, share } = pauseShare(ctx, items);
  return [
    {
      rule: 'tool-induced-gc',
      severity: 'info',
      confidence: 1,
      title: `${pluralWas(items.length, 'collection')} made by a diagnostic tool (class histogram, heap dump or jcmd GC.run, gclens's own snapshots included)${share !== null ? `, ${Math.round(share * 100)} % of all pause time` : ''}: not the application's doing.`,
      metrics: { collections: items.length, pauseMs, pauseShare: share },
      evidence: eventEvidence(items, 'the collections the tools asked for', ctx.thresholds.evidence.maxLines),
    },
  ];
}

/** Metaspace that still grows steadily late in the run; growth that levels off is start-up class loading. */
function metaspaceGrowth(ctx: RuleContext, jvm: TimedEvent[]): Finding[] {
  const m = ctx.thresholds.metaspace;
  const l = ctx.thresholds.leak;
  const points = jvm.filter(({ event, t }) => !Number.isNaN(t) && event.generations?.metaspace?.afterBytes != null);
  const thresholdHits = jvm.filter(({ event }) => isMetadataThreshold(event)).length;
  if (points.length < l.minCycles) return [];
  const fit = fitTrend(
    points.map(({ t, event }) => ({ t, y: event.generations!.metaspace!.afterBytes! })),
    l.maxTrendPoints,
  );
  if (!fit || fit.spanSec < l.minSpanSec || fit.envelope.length < l.minCycles) return [];
  if (classifyTrend(fit, { ...m, persistFraction: l.persistFraction }) !== 'rising') return [];
  const rho = fit.spearman ?? 0;
  return [
    {
      rule: 'metaspace-growth',
      severity: 'warning',
      confidence: roundConfidence(0.5 + 0.5 * rho),
      title: `Metaspace grows steadily at ${formatRate(fit.whole.slope)} (${formatBytes(fit.observedStart)} → ${formatBytes(fit.observedEnd)} over ${formatDuration(fit.spanSec)}${thresholdHits > 0 ? `, ${pluralWas(thresholdHits, 'collection')} triggered by the metadata threshold` : ''}): classes are loaded and never unloaded, a class-loader leak.`,
      metrics: { slopeBytesPerSec: fit.whole.slope, startBytes: fit.observedStart, endBytes: fit.observedEnd, spearman: rho, metadataThresholdCollections: thresholdHits },
      evidence: spanEvidence(points, 'the collections that report metaspace after them'),
    },
  ];
}
