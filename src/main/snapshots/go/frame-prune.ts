/**
 * A profile's drop_frames / keep_frames: frames the profiler itself added
 * (allocator internals in legacy heap profiles, signal handlers in CPU
 * profiles) that `go tool pprof` cuts from every stack before it reports.
 * The rules follow pprof's profile.Prune (github.com/google/pprof,
 * profile/prune.go): match the simplified function name against
 * `^(drop)$`, cut the matching location and everything beneath it, but never
 * before the first frame from the root that does not match.
 *
 * pprof prunes a -diff_base merge with the new profile's patterns on both
 * sides; we prune each profile with its own when it is decoded. They differ
 * only for two profiles with different patterns, which no Go program writes
 * (the runtime sets none).
 */

/** Location lines for pruning: per line the function name, or null when the frame has none. */
export interface PruneInput {
  /** Per location, its lines innermost first. */
  lines: (string | null)[][];
}

export interface PruneResult {
  /** Per location: how many innermost lines to cut (the location keeps the rest). */
  cutLines: Int32Array;
  /** Per location: 1 when the location matched and nothing beneath it in a stack survives. */
  pruneBeneath: Uint8Array;
  /** Per location: 1 when its outermost line matched, so the location itself goes too. */
  pruneWhole: Uint8Array;
}

/** pprof's simplifyFunc: drop a leading '.', and an argument list from the first '(' that is not part of a reserved name. */
export function simplifyFunctionName(name: string): string {
  const trimmed = name.startsWith('.') ? name.slice(1) : name;
  for (const match of trimmed.matchAll(/\(anonymous namespace\)|operator\(\)|\(/g)) {
    if (match[0] === '(') return trimmed.slice(0, match.index);
  }
  return trimmed;
}

function compile(source: string): RegExp | null {
  try {
    return new RegExp(`^(${source})$`);
  } catch {
    // pprof ignores a drop pattern it cannot compile; so do we.
    return null;
  }
}

/** Null when there is nothing to prune. */
export function planPrune(input: PruneInput, dropFrames: string, keepFrames: string): PruneResult | null {
  if (!dropFrames) return null;
  const drop = compile(dropFrames);
  if (!drop) return null;
  const keep = keepFrames ? compile(keepFrames) : null;
  const cache = new Map<string, boolean>();
  const matches = (name: string): boolean => {
    let hit = cache.get(name);
    if (hit === undefined) {
      const simple = simplifyFunctionName(name);
      hit = drop.test(simple) && !(keep && keep.test(simple));
      cache.set(name, hit);
    }
    return hit;
  };
  const n = input.lines.length;
  const result: PruneResult = { cutLines: new Int32Array(n), pruneBeneath: new Uint8Array(n), pruneWhole: new Uint8Array(n) };
  let any = false;
  for (let l = 0; l < n; l++) {
    const lines = input.lines[l] as (string | null)[];
    // From the outermost line in, the first match decides (pprof walks Line from the end).
    let i = lines.length - 1;
    for (; i >= 0; i--) {
      const name = lines[i];
      if (name && matches(name)) break;
    }
    if (i < 0) continue;
    any = true;
    result.pruneBeneath[l] = 1;
    if (i === lines.length - 1) result.pruneWhole[l] = 1;
    else result.cutLines[l] = i + 1;
  }
  return any ? result : null;
}

/**
 * Where a stack (location indices, leaf first) starts after pruning: the
 * index of its new leaf. Scans from the root, as pprof does.
 */
export function prunedLeaf(stack: ArrayLike<number>, from: number, to: number, plan: PruneResult): number {
  let foundUser = false;
  for (let i = to - 1; i >= from; i--) {
    const loc = stack[i] as number;
    if (!plan.pruneWhole[loc] && !plan.pruneBeneath[loc]) {
      foundUser = true;
      continue;
    }
    if (!foundUser) continue;
    return plan.pruneWhole[loc] ? i + 1 : i;
  }
  return from;
}
