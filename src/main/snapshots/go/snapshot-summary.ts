/**
 * One Go snapshot on its own: what it is, its sample types and totals, and
 * its largest rows by the default sample, as a diff against nothing (base 0).
 */
import type { DiffBy, SnapshotSummary } from '../../../shared/snapshot';
import { defaultSampleIndex, type GoSnapshot, type StackProfile } from './go-snapshot';
import { diffGoSnapshots } from './snapshot-diff';
import { sampleTotal } from './stack-aggregate';

function emptyLike(profile: StackProfile): StackProfile {
  return {
    ...profile,
    names: [],
    locationStart: new Uint32Array(1),
    locationFrames: new Uint32Array(0),
    sampleStart: new Uint32Array(1),
    sampleLocations: new Uint32Array(0),
    values: new Float64Array(0),
    states: profile.states ? [] : null,
  };
}

function capturedAt(snapshot: GoSnapshot): string | null {
  const nanos = snapshot.profile.timeNanos;
  return nanos ? new Date(Math.floor(nanos / 1e6)).toISOString() : null;
}

export interface SummaryOptions {
  /** The sample type of the top rows; the profile's default when absent. */
  sample?: string;
  /** function for profiles, goroutine for goroutine dumps and profiles, unless told. */
  by?: DiffBy;
  foldRuntime?: boolean;
}

export function summarizeGoSnapshot(snapshot: GoSnapshot, topN: number, options: SummaryOptions = {}): SnapshotSummary {
  const profile = snapshot.profile;
  const index = defaultSampleIndex(profile);
  const goroutines = snapshot.kind === 'goroutine-text' || profile.profile === 'goroutine';
  const by: DiffBy = options.by ?? (goroutines ? 'goroutine' : 'function');
  const empty = { ...snapshot, profile: emptyLike(profile) } as GoSnapshot;
  const sample = options.sample ?? profile.sampleTypes[index]?.type;
  const diff = diffGoSnapshots(empty, snapshot, { by, sample, foldRuntime: options.foldRuntime, limit: Math.max(0, topN) });
  const totals: Record<string, number> = {};
  const units: Record<string, string> = {};
  profile.sampleTypes.forEach((t, i) => {
    totals[t.type] = sampleTotal(profile, i);
    units[t.type] = t.unit;
  });
  return {
    kind: snapshot.kind,
    file: snapshot.file,
    profile: profile.profile,
    samples: profile.sampleTypes.map((t) => t.type),
    defaultSample: profile.sampleTypes[index]?.type ?? '',
    totals,
    units,
    capturedAt: capturedAt(snapshot),
    top: diff.rows,
    by,
  };
}
