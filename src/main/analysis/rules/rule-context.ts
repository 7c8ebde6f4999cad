/** What every findings rule reads: the run's events on its clock, the metrics already taken, and the thresholds. */
import type { Finding, Metrics } from '../../../shared/analysis';
import type { SnapshotDiff } from '../../../shared/snapshot';
import type { FloorSeries } from '../floor-trend';
import type { Thresholds } from '../thresholds';
import type { TimedEvent } from '../timeline';

/** A snapshot diff, with the names of the two snapshots it compares when the caller knows them (for evidence). */
export type AnalysisDiff = SnapshotDiff & { artifacts?: { base: string; new: string } };

export interface RuleContext {
  /** Collections with a time, in time order. */
  timed: TimedEvent[];
  /** Every collection of the run analysed, timed or not. */
  all: TimedEvent[];
  metrics: Metrics;
  floor: FloorSeries | null;
  diffs: AnalysisDiff[];
  /** Per artifact, the parser's counts of lines it recognised without making records (ZGC `Allocation Stall` lines count under `stall`). */
  recognised: Record<string, Readonly<Record<string, number>>>;
  thresholds: Thresholds;
}

export type Rule = (ctx: RuleContext) => Finding[];

/** The newer snapshot of a diff names its evidence (its rows are the grown ones); a diff without names says what it is. */
export function diffArtifact(diff: AnalysisDiff): string {
  return diff.artifacts ? diff.artifacts.new : `${diff.kind} snapshot diff`;
}
