/**
 * What the diff controls offer for a pair of snapshots, and the
 * `snapshot:diff` request they make. The choices follow what the backend
 * accepts (src/main/snapshots/snapshot-registry.ts): Go snapshots diff by
 * function, stack or goroutine group; class histograms and heap dumps by
 * class; NMT by category.
 */
import type { DiffSnapshotsRequest } from '../../../shared/contract';
import type { ErrorInfo } from '../../../shared/result';
import type { DiffBy, SnapshotDiff, SnapshotKind, SnapshotSummary } from '../../../shared/snapshot';

const GO_KINDS: ReadonlySet<SnapshotKind> = new Set(['pprof', 'goroutine-text', 'heap-text']);

export interface DiffChoices {
  /** The first is what the backend picks when not told. */
  by: DiffBy[];
  /** Sample types to compare; empty when there is nothing to choose (class histograms carry bytes and counts together). */
  samples: string[];
  /** Whether stacks have runtime frames to fold (Go only). */
  foldRuntime: boolean;
}

export interface DiffSettings {
  /** Null: the snapshot's own default. */
  by: DiffBy | null;
  sample: string | null;
  /** A regular expression, as typed (already debounced). */
  filter: string;
  foldRuntime: boolean;
}

export const DEFAULT_SETTINGS: DiffSettings = { by: null, sample: null, filter: '', foldRuntime: false };

export function isGoKind(kind: SnapshotKind): boolean {
  return GO_KINDS.has(kind);
}

/** The choices for diffing against `summary`, the new snapshot's: the backend reads options off it. */
export function choicesFor(summary: SnapshotSummary): DiffChoices {
  if (isGoKind(summary.kind)) {
    // A goroutine dump groups by stack and state; a heap profile has no state, so "goroutine" would only repeat "stack".
    const by: DiffBy[] = summary.by === 'goroutine' ? ['goroutine', 'stack', 'function'] : ['function', 'stack'];
    return { by, samples: summary.samples, foldRuntime: true };
  }
  if (summary.kind === 'nmt') return { by: ['category'], samples: summary.samples, foldRuntime: false };
  return { by: ['class'], samples: [], foldRuntime: false };
}

/** The request for the settings, leaving out any the new snapshot does not offer. */
export function buildDiffRequest(baseId: string, newId: string, summary: SnapshotSummary, settings: DiffSettings): DiffSnapshotsRequest {
  const choices = choicesFor(summary);
  const request: DiffSnapshotsRequest = { baseId, newId };
  if (settings.by !== null && choices.by.includes(settings.by)) request.by = settings.by;
  if (settings.sample !== null && choices.samples.includes(settings.sample)) request.sample = settings.sample;
  if (settings.filter.trim() !== '') request.filter = settings.filter;
  if (choices.foldRuntime && settings.foldRuntime) request.foldRuntime = true;
  return request;
}

/**
 * What the controls show: the user's choice where the snapshot offers it,
 * else what the backend picked for the last answer, else the snapshot's default.
 */
export function shownChoice(summary: SnapshotSummary, settings: DiffSettings, diff: SnapshotDiff | null): { by: DiffBy; sample: string } {
  const choices = choicesFor(summary);
  const offers = <T>(values: readonly T[], value: T | null | undefined): value is T => value != null && values.includes(value);
  const by = offers(choices.by, settings.by) ? settings.by : offers(choices.by, diff?.by) ? diff.by : (choices.by[0] as DiffBy);
  let sample = summary.defaultSample;
  if (offers(choices.samples, settings.sample)) sample = settings.sample;
  else if (offers(choices.samples, diff?.sample)) sample = diff.sample;
  // Class histograms offer no choice; the answer says what was compared.
  else if (choices.samples.length === 0 && diff) sample = diff.sample;
  return { by, sample };
}

/**
 * Whether the backend refused the request because of the filter: it then
 * belongs beside the filter box, not in the error box. The backend compiles
 * the filter with JavaScript's RegExp too (case-insensitive), so one that
 * compiles here was not the culprit.
 */
export function isFilterError(error: ErrorInfo, filter: string): boolean {
  if (error.kind !== 'invalid-argument' || filter.trim() === '') return false;
  try {
    new RegExp(filter, 'i');
    return false;
  } catch {
    return true;
  }
}
