/**
 * The diff of two Go snapshots of one kind: rows by function (flat and
 * cumulative, equal to `go tool pprof -top -diff_base BASE NEW`), by full
 * stack, or by goroutine stack and state, sorted by growth.
 */
import { GclensError } from '../../../shared/result';
import type { DiffBy, DiffRow, SnapshotDiff } from '../../../shared/snapshot';
import { defaultSampleIndex, type GoSnapshot, type SampleType } from './go-snapshot';
import { addStackGroups, functionTotals, SharedNames } from './stack-aggregate';
import { StackGroups } from './stack-groups';

export interface GoDiffOptions {
  /** The sample type to compare (inuse_space, goroutine…); the new profile's default when absent. */
  sample?: string;
  by: DiffBy;
  /** Leave runtime.*, internal/… and runtime/internal… frames out of stacks before keying. */
  foldRuntime?: boolean;
  /** Keep only rows whose key matches this regular expression. */
  filter?: string | RegExp;
  /** At most this many rows, the largest growers (after the filter); all when absent. */
  limit?: number;
}

interface RowRequest {
  by: DiffBy;
  index: number;
  foldRuntime: boolean;
  filter: RegExp | null;
  limit: number;
}

interface DiffResult {
  rows: DiffRow[];
  totals: [number, number];
}

/** What joins a stack's frames in a row key: leaf first. */
export const FRAME_SEPARATOR = ' < ';
/** The key of a sample that has no frames at all. */
export const NO_FRAMES = '(no frames)';

function describe(types: SampleType[]): string {
  return types.map((t) => `${t.type}/${t.unit}`).join(', ') || 'none';
}

function checkCompatible(base: GoSnapshot, next: GoSnapshot): void {
  if (base.kind !== next.kind) {
    throw new GclensError('invalid-argument', `cannot diff ${base.file} (${base.kind}) against ${next.file} (${next.kind}): they are different kinds of snapshot`);
  }
  // pprof merges only profiles with the same sample types, in the same order.
  const a = describe(base.profile.sampleTypes);
  const b = describe(next.profile.sampleTypes);
  if (a !== b) {
    throw new GclensError('invalid-argument', `cannot diff ${base.file} (samples ${a}) against ${next.file} (samples ${b}): their sample types differ`);
  }
}

function sampleIndex(next: GoSnapshot, sample: string | undefined): number {
  if (sample === undefined) return defaultSampleIndex(next.profile);
  const i = next.profile.sampleTypes.findIndex((t) => t.type === sample);
  if (i < 0) throw new GclensError('invalid-argument', `${next.file} has no sample type "${sample}" (it has ${describe(next.profile.sampleTypes)})`);
  return i;
}

function compileFilter(filter: string | RegExp | undefined): RegExp | null {
  if (filter === undefined || filter === '') return null;
  // A global or sticky expression keeps state between test() calls; rows need a stateless one.
  if (filter instanceof RegExp) return new RegExp(filter.source, filter.flags.replace(/[gy]/g, ''));
  try {
    return new RegExp(filter);
  } catch (err) {
    throw new GclensError('invalid-argument', `bad filter ${JSON.stringify(filter)}: ${(err as Error).message}`);
  }
}

/** Growth first; ties by cumulative growth, then by key so the order never depends on input order. */
export function compareRows(a: DiffRow, b: DiffRow): number {
  return b.delta - a.delta || (b.cumDelta ?? 0) - (a.cumDelta ?? 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

function functionRows(base: GoSnapshot, next: GoSnapshot, request: RowRequest): DiffResult {
  const names = new SharedNames();
  const baseIds = names.map(base.profile);
  const nextIds = names.map(next.profile);
  const options = { sampleIndex: request.index, foldRuntime: request.foldRuntime };
  const a = functionTotals(base.profile, baseIds, names, options);
  const b = functionTotals(next.profile, nextIds, names, options);
  let rows: DiffRow[] = [];
  for (let id = 0; id < names.size; id++) {
    const flatBase = a.flat[id] as number;
    const flatNew = b.flat[id] as number;
    const cumBase = a.cum[id] as number;
    const cumNew = b.cum[id] as number;
    if (flatBase === 0 && flatNew === 0 && cumBase === 0 && cumNew === 0) continue;
    const key = names.names[id] as string;
    if (request.filter && !request.filter.test(key)) continue;
    rows.push({ key, base: flatBase, new: flatNew, delta: flatNew - flatBase, cumBase, cumNew, cumDelta: cumNew - cumBase });
  }
  rows.sort(compareRows);
  if (rows.length > request.limit) rows = rows.slice(0, request.limit);
  return { rows, totals: [a.total, b.total] };
}

/** Each name's place among all of them sorted. */
function nameRanks(names: readonly string[]): Uint32Array {
  const sorted = names.map((_, i) => i).sort((a, b) => ((names[a] as string) < (names[b] as string) ? -1 : (names[a] as string) > (names[b] as string) ? 1 : 0));
  const ranks = new Uint32Array(names.length);
  sorted.forEach((id, rank) => (ranks[id] = rank));
  return ranks;
}

function stackRows(base: GoSnapshot, next: GoSnapshot, request: RowRequest): DiffResult {
  const names = new SharedNames();
  const baseIds = names.map(base.profile);
  const nextIds = names.map(next.profile);
  // A debug=1 dump has no states: compare by stack alone unless both sides carry them.
  const goroutines = request.by === 'goroutine';
  const withState = goroutines && base.profile.states !== null && next.profile.states !== null;
  const options = { sampleIndex: request.index, foldRuntime: request.foldRuntime, withState };
  const groups = new StackGroups();
  const baseTotal = addStackGroups(groups, 0, base.profile, baseIds, names, options);
  const newTotal = addStackGroups(groups, 1, next.profile, nextIds, names, options);
  const order = groups.order(nameRanks(names.names));
  // Rows are built in order and only as far as asked: a key joins every frame name, costly for a million stacks.
  const rows: DiffRow[] = [];
  for (const group of order) {
    if (rows.length >= request.limit) break;
    const frames = groups.framesOf(group).map((id) => names.names[id] as string);
    const stack = frames.length > 0 ? frames.join(FRAME_SEPARATOR) : NO_FRAMES;
    const state = groups.state(group);
    const key = state === null ? stack : `[${state}] ${stack}`;
    if (request.filter && !request.filter.test(key)) continue;
    const b = groups.value(0, group);
    const n = groups.value(1, group);
    const row: DiffRow = { key, base: b, new: n, delta: n - b, frames };
    if (goroutines && state !== null) row.state = state;
    rows.push(row);
  }
  return { rows, totals: [baseTotal, newTotal] };
}

export function diffGoSnapshots(base: GoSnapshot, next: GoSnapshot, options: GoDiffOptions): SnapshotDiff {
  checkCompatible(base, next);
  const index = sampleIndex(next, options.sample);
  const request: RowRequest = {
    by: options.by,
    index,
    foldRuntime: options.foldRuntime ?? false,
    filter: compileFilter(options.filter),
    limit: options.limit ?? Infinity,
  };
  let result: DiffResult;
  switch (options.by) {
    case 'function':
      result = functionRows(base, next, request);
      break;
    case 'stack':
    case 'goroutine':
      result = stackRows(base, next, request);
      break;
    default:
      throw new GclensError('invalid-argument', `a Go ${next.kind} snapshot diffs by function, stack or goroutine, not by ${String(options.by)}`);
  }
  const type = next.profile.sampleTypes[index] as SampleType;
  return { kind: next.kind, sample: type.type, unit: type.unit, by: options.by, baseTotal: result.totals[0], newTotal: result.totals[1], rows: result.rows };
}
