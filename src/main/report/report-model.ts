/**
 * Everything a report shows, derived from a bundle manifest and the raw
 * artifacts it lists, and nothing else: no clock, no host, no path outside
 * the bundle. `gclens report` derives it from the inputs, `gclens verify`
 * derives it again from the bundle, and both render it with the same
 * renderer, so the two reports can be compared byte for byte.
 */
import type { AnalysisResult, Evidence } from '../../shared/analysis';
import type { ArtifactEntry } from '../../shared/session-manifest';
import { analyze } from '../analysis/analyze';
import { eventEvidence, spanEvidence } from '../analysis/evidence';
import type { AnalysisDiff } from '../analysis/rules/rule-context';
import { buildTimeline, type TimedEvent } from '../analysis/timeline';
import type { AnalysisInputs } from '../core/analysis-inputs';
import { APP_VERSION } from '../core/version';
import type { BundleManifest } from './bundle-manifest';
import { chartSeries, type ChartSeries } from './chart-series';
import { excerptLines, readExcerpts, type Excerpt } from './excerpts';

export const REPORT_DATA_FORMAT = 'gclens-report';
export const REPORT_DATA_VERSION = 1;
/** Diff rows shown per snapshot diff. */
export const TOP_DIFF_ROWS = 20;

export interface ReportOptions {
  /** The memory limit the projection aims at (--limit). */
  limitBytes: number | null;
  /** The pause target of the pause rules (--pause-target). */
  pauseTargetMs: number | null;
}

/** One piece of evidence as the report shows it: where, what, and the raw lines. */
export interface EvidenceItem {
  anchor: string;
  /** What cites it, in words: "F1 memory-leak", "The metrics table". */
  citedBy: string;
  evidence: Evidence;
  /** The artifact the evidence names, when the bundle holds it. */
  artifact: ArtifactEntry | null;
  excerpt: Excerpt | null;
  /** For row evidence: the diff the rows come from. */
  diff: AnalysisDiff | null;
}

/** The machine-readable part, embedded in the page as JSON (no script needed to read it). */
export interface ReportData {
  format: typeof REPORT_DATA_FORMAT;
  version: typeof REPORT_DATA_VERSION;
  gclensVersion: string;
  options: ReportOptions;
  artifacts: Array<{ id: string; path: string; bytes: number; sha256: string }>;
  analysis: AnalysisResult;
}

export interface ReportModel {
  manifest: BundleManifest;
  data: ReportData;
  diffs: AnalysisDiff[];
  charts: ChartSeries;
  /** Per finding, in order, the anchors of its evidence. */
  findingEvidence: string[][];
  /** Anchors the metrics table links to: the run analysed, the longest pause, the peak heap… */
  metricEvidence: MetricEvidence;
  evidence: EvidenceItem[];
}

export interface MetricEvidence {
  run: string | null;
  maxPause: string | null;
  peakHeap: string | null;
  maxCommitted: string | null;
  /** Per diff, in order. */
  diffs: string[];
}

/** Runs the analysis the way the report does: the options are part of what the report states. */
export function analyzeInputs(inputs: AnalysisInputs, options: ReportOptions): AnalysisResult {
  return analyze({
    events: inputs.records,
    diffs: inputs.diffs,
    recognised: inputs.recognised,
    limitBytes: options.limitBytes ?? undefined,
    thresholds: options.pauseTargetMs === null ? {} : { pauses: { targetMs: options.pauseTargetMs } },
  });
}

function maxBy(events: TimedEvent[], value: (e: TimedEvent) => number | null): TimedEvent | null {
  let best: TimedEvent | null = null;
  let bestValue = Number.NEGATIVE_INFINITY;
  for (const e of events) {
    const v = value(e);
    if (v !== null && v > bestValue) {
      best = e;
      bestValue = v;
    }
  }
  return best;
}

export async function deriveReportModel(
  manifest: BundleManifest,
  files: ReadonlyMap<string, string>,
  inputs: AnalysisInputs,
  options: ReportOptions,
): Promise<ReportModel> {
  const analysis = analyzeInputs(inputs, options);
  const timeline = buildTimeline(inputs.records);
  const items: Array<{ anchor: string; citedBy: string; evidence: Evidence; diff?: AnalysisDiff }> = [];
  const add = (anchor: string, citedBy: string, evidence: Evidence[], diff?: AnalysisDiff): string[] =>
    evidence.map((e, i) => {
      const id = evidence.length === 1 ? anchor : `${anchor}-${i + 1}`;
      items.push({ anchor: id, citedBy, evidence: e, diff: diff ?? diffOf(inputs.diffs, e) });
      return id;
    });

  const findingEvidence = analysis.findings.map((f, i) => add(`ev-f${i + 1}`, `F${i + 1} ${f.rule}`, f.evidence));
  const events = timeline.events;
  const METRICS = 'The metrics table';
  const one = (anchor: string, found: TimedEvent | null, what: string) => (found ? add(anchor, METRICS, eventEvidence([found], what, 1))[0]! : null);
  const metricEvidence: MetricEvidence = {
    run: events.length > 0 ? add('ev-run', METRICS, spanEvidence(events, `the ${events.length} collections analysed`))[0]! : null,
    maxPause: one('ev-max-pause', maxBy(events, (e) => e.event.pauseMs), 'the longest pause'),
    peakHeap: one('ev-peak-heap', maxBy(events, (e) => Math.max(e.event.heapBeforeBytes ?? -1, e.event.heapAfterBytes ?? -1)), 'the largest heap occupancy'),
    maxCommitted: one('ev-max-committed', maxBy(events, (e) => e.event.heapCommittedBytes), 'the largest committed heap'),
    diffs: inputs.diffs.map((d, i) =>
      add(`ev-diff${i + 1}`, `Snapshot diff ${i + 1}`, [{ artifact: d.artifacts?.new ?? d.kind, rows: d.rows.slice(0, TOP_DIFF_ROWS).map((r) => r.key), what: `${d.kind} diff by ${d.by}: ${d.artifacts?.base ?? 'base'} against ${d.artifacts?.new ?? 'new'}` }], d)[0]!,
    ),
  };

  const byPath = new Map(manifest.artifacts.map((a) => [a.path, a]));
  const wanted = new Map<string, number[]>();
  for (const { evidence } of items) {
    const artifact = byPath.get(evidence.artifact);
    if (!artifact || !evidence.lines || evidence.lines.length === 0) continue;
    wanted.set(evidence.artifact, [...(wanted.get(evidence.artifact) ?? []), ...excerptLines(evidence)]);
  }
  const excerpts = await readExcerpts(files, wanted);

  return {
    manifest,
    data: {
      format: REPORT_DATA_FORMAT,
      version: REPORT_DATA_VERSION,
      gclensVersion: APP_VERSION,
      options,
      artifacts: manifest.artifacts.map((a) => ({ id: a.id, path: a.path, bytes: a.bytes, sha256: a.sha256 })),
      analysis,
    },
    diffs: inputs.diffs,
    charts: chartSeries(events, timeline.clock, analysis),
    findingEvidence,
    metricEvidence,
    evidence: items.map(({ anchor, citedBy, evidence, diff }) => ({
      anchor,
      citedBy,
      evidence,
      artifact: byPath.get(evidence.artifact) ?? null,
      excerpt: excerpts.get(evidence.artifact)?.pick(evidence) ?? null,
      diff: diff ?? null,
    })),
  };
}

/** The diff whose newer snapshot a row evidence names. */
function diffOf(diffs: AnalysisDiff[], evidence: Evidence): AnalysisDiff | undefined {
  if (!evidence.rows) return undefined;
  return diffs.find((d) => d.artifacts?.new === evidence.artifact);
}
