/**
 * Sums one sample type of a StackProfile by function and by stack, the way
 * `go tool pprof` builds its graph (github.com/google/pprof,
 * internal/graph/graph.go: newGraph): a sample's value is flat for its leaf
 * frame and cumulative, once per sample, for every distinct function on its
 * stack; samples of value zero are skipped. Frame names are mapped into a
 * table shared by both sides of a diff, so rows line up by name.
 */
import type { StackProfile } from './go-snapshot';
import type { StackGroups } from './stack-groups';

/** Functions whose frames "fold runtime" leaves out of stacks. */
export function isRuntimeFrame(name: string): boolean {
  return name.startsWith('runtime.') || name.startsWith('internal/') || name.startsWith('runtime/internal');
}

export class SharedNames {
  readonly names: string[] = [];
  readonly runtime: boolean[] = [];
  private readonly ids = new Map<string, number>();

  /** Local name id → shared id, for one profile. */
  map(profile: StackProfile): Uint32Array {
    const out = new Uint32Array(profile.names.length);
    profile.names.forEach((name, i) => {
      let id = this.ids.get(name);
      if (id === undefined) {
        id = this.names.length;
        this.names.push(name);
        this.runtime.push(isRuntimeFrame(name));
        this.ids.set(name, id);
      }
      out[i] = id;
    });
    return out;
  }

  get size(): number {
    return this.names.length;
  }
}

export interface AggregateOptions {
  sampleIndex: number;
  foldRuntime: boolean;
}

/**
 * Calls `visit` with the frames of each non-zero sample (shared ids, leaf
 * first, runtime frames dropped when folding, unless that would leave none)
 * and its value. `frames` is reused between calls.
 */
export function forEachStack(
  profile: StackProfile,
  shared: Uint32Array,
  names: SharedNames,
  options: AggregateOptions,
  visit: (frames: number[], value: number, sample: number) => void,
): void {
  const width = profile.sampleTypes.length;
  const { sampleStart, sampleLocations, locationStart, locationFrames, values } = profile;
  const count = sampleStart.length - 1;
  const frames: number[] = [];
  for (let s = 0; s < count; s++) {
    const value = values[s * width + options.sampleIndex] as number;
    if (value === 0) continue;
    const end = sampleStart[s + 1] as number;
    for (let pass = options.foldRuntime ? 0 : 1; pass < 2; pass++) {
      frames.length = 0;
      for (let k = sampleStart[s] as number; k < end; k++) {
        const loc = sampleLocations[k] as number;
        const locEnd = locationStart[loc + 1] as number;
        for (let f = locationStart[loc] as number; f < locEnd; f++) {
          const id = shared[locationFrames[f] as number] as number;
          if (pass === 0 && names.runtime[id]) continue;
          frames.push(id);
        }
      }
      if (frames.length > 0) break;
    }
    visit(frames, value, s);
  }
}

export interface FunctionTotals {
  flat: Float64Array;
  cum: Float64Array;
  total: number;
}

export function functionTotals(profile: StackProfile, shared: Uint32Array, names: SharedNames, options: AggregateOptions): FunctionTotals {
  const flat = new Float64Array(names.size);
  const cum = new Float64Array(names.size);
  // seen[id] === stamp marks a function already counted for the current sample.
  const seen = new Int32Array(names.size);
  let stamp = 0;
  let total = 0;
  forEachStack(profile, shared, names, options, (frames, value) => {
    total += value;
    stamp++;
    for (const id of frames) {
      if (seen[id] !== stamp) {
        seen[id] = stamp;
        cum[id] = (cum[id] as number) + value;
      }
    }
    const leaf = frames[0];
    if (leaf !== undefined) flat[leaf] = (flat[leaf] as number) + value;
  });
  return { flat, cum, total };
}

/**
 * Adds one side's samples to `groups`, keyed by their frames (and state,
 * when `withState`).
 */
export function addStackGroups(
  groups: StackGroups,
  side: 0 | 1,
  profile: StackProfile,
  shared: Uint32Array,
  names: SharedNames,
  options: AggregateOptions & { withState: boolean },
): number {
  let total = 0;
  forEachStack(profile, shared, names, options, (frames, value, sample) => {
    total += value;
    groups.add(side, frames, options.withState ? (profile.states?.[sample] ?? null) : null, value);
  });
  return total;
}

/** The sum of one sample type over every sample, zero or not. */
export function sampleTotal(profile: StackProfile, sampleIndex: number): number {
  const width = profile.sampleTypes.length;
  let total = 0;
  for (let i = sampleIndex; i < profile.values.length; i += width) total += profile.values[i] as number;
  return total;
}
