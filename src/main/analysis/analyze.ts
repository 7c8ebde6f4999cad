/**
 * The analysis engine: normalised GC records (and optionally safepoints and
 * snapshot diffs) in, metrics, findings and a verdict out. Pure and
 * deterministic: no clock, no I/O, the same input gives the same JSON.
 */
import type { AnalysisResult, Finding, Metrics } from '../../shared/analysis';
import type { ParsedRecord, SafepointRecord } from '../../shared/gc-event';
import { floorSeries, floorTrend } from './floor-trend';
import { heapLimit, maxCommittedBytes, peakHeapBytes, timeToLimitSec } from './footprint';
import { mmu } from './mmu';
import { gcOverheadPercent, lastGcCpuPercent, pauseIntervals, runWindow, safepointOverheadPercent } from './overhead';
import { pauseStatsByKind } from './pause-stats';
import { allocationRate, promotionRate } from './rates';
import { compositeRule } from './rules/composite-rule';
import { goroutineRule } from './rules/goroutine-rule';
import { jvmRules } from './rules/jvm-rules';
import { assessLeak } from './rules/leak-rule';
import { localiseRule } from './rules/localise-rule';
import { pauseRules } from './rules/pause-rules';
import type { AnalysisDiff, RuleContext } from './rules/rule-context';
import { thrashRules } from './rules/thrash-rules';
import { resolveThresholds, type ThresholdOverrides } from './thresholds';
import { buildTimeline, timedOnly } from './timeline';
import { decideVerdict, sortFindings } from './verdict';

export interface AnalyzeInput {
  /** The parsers' records, in the order read: GC events, and run starts, safepoints, phases and unknown lines, which are used or skipped. */
  events: Iterable<ParsedRecord>;
  /** Safepoints from elsewhere (records in `events` are taken too). */
  safepoints?: Iterable<SafepointRecord>;
  diffs?: AnalysisDiff[];
  /** The memory limit to project against: GOMEMLIMIT, -Xmx, a container limit. */
  limitBytes?: number;
  thresholds?: ThresholdOverrides;
  /** Per artifact, the parser's `recognised` counts (ReadOutcome.recognised). */
  recognised?: Record<string, Readonly<Record<string, number>>>;
}

export function analyze(input: AnalyzeInput): AnalysisResult {
  const thresholds = resolveThresholds(input.thresholds);
  const timeline = buildTimeline(input.events, input.safepoints);
  const all = timeline.events;
  const timed = timedOnly(timeline);
  const window = runWindow(timed);
  const pauses = pauseStatsByKind(all.map((e) => e.event));
  const floor = floorSeries(timed, thresholds);
  const trend = floor ? floorTrend(floor, thresholds) : null;
  const maxCommitted = maxCommittedBytes(all);
  const limit = heapLimit(input.limitBytes, maxCommitted);

  const metrics: Metrics = {
    runtime: all[0]?.event.runtime ?? null,
    collectors: [...new Set(all.map((e) => e.event.collector))].sort(),
    events: all.length,
    runs: timeline.runs,
    clock: timeline.clock,
    window,
    spanSec: window ? window.toSec - window.fromSec : null,
    gcOverheadPercent: gcOverheadPercent(timed, window),
    safepointOverheadPercent: safepointOverheadPercent(timeline.safepoints, window),
    gcCpuPercent: lastGcCpuPercent(all),
    pauses: pauses.overall,
    pausesByKind: pauses.byKind,
    mmu: window ? mmu(pauseIntervals(timed), window.fromSec, window.toSec) : [],
    allocationRate: allocationRate(timed),
    promotionRate: promotionRate(timed),
    floorTrend: trend,
    maxCommittedBytes: maxCommitted,
    peakHeapBytes: peakHeapBytes(all),
    limit,
    timeToLimitSec: timeToLimitSec(trend, limit),
  };

  const ctx: RuleContext = { timed, all, metrics, floor, diffs: input.diffs ?? [], recognised: input.recognised ?? {}, thresholds };
  const leak = assessLeak(ctx);
  // A projection is only as good as the leak call behind it: none without one.
  if (leak.verdict !== 'leak') metrics.timeToLimitSec = null;
  const findings: Finding[] = sortFindings([
    ...leak.findings,
    ...goroutineRule(ctx),
    ...localiseRule(ctx),
    ...thrashRules(ctx),
    ...pauseRules(ctx),
    ...jvmRules(ctx),
    ...compositeRule(ctx),
  ]);
  const verdict = decideVerdict(leak, findings);
  const notes = [...timeline.notes];
  if (all.length > 0 && !floor) notes.push('No collection reports the heap after it: the allocation rate, floor trend and projection are absent.');
  if (floor && floor.capped > 0) {
    notes.push(`${floor.capped} of ${floor.points.length} post-GC figures were lowered to what a later full collection left: leaked memory is never freed, so it cannot exceed that.`);
  }
  return { ...verdict, metrics, findings, notes };
}
