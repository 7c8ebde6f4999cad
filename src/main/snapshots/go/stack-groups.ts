/**
 * Samples grouped by their whole stack (and goroutine state), for both sides
 * of a diff. A large profile holds a million distinct stacks: groups live in
 * flat arrays, found through a numeric hash of their frames, and no string
 * key is built until a row is actually shown.
 */
import { GrowableFloat64, GrowableUint32 } from './growable-array';

/** FNV-1a over 32-bit frame ids (and the state's characters), kept to 32 bits. */
function hashOf(frames: readonly number[], state: string | null): number {
  let h = 0x811c9dc5;
  for (const id of frames) h = Math.imul(h ^ id, 0x01000193);
  if (state !== null) for (let i = 0; i < state.length; i++) h = Math.imul(h ^ state.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class StackGroups {
  private readonly start = new GrowableUint32();
  private readonly frames = new GrowableUint32();
  private readonly states: (string | null)[] = [];
  private readonly sides: [GrowableFloat64, GrowableFloat64] = [new GrowableFloat64(), new GrowableFloat64()];
  /** hash → group index, or the indices of every group sharing that hash. */
  private readonly byHash = new Map<number, number | number[]>();

  constructor() {
    this.start.push(0);
  }

  get size(): number {
    return this.states.length;
  }

  private matches(group: number, frames: readonly number[], state: string | null): boolean {
    const from = this.start.get(group);
    if (this.start.get(group + 1) - from !== frames.length || this.states[group] !== state) return false;
    for (let i = 0; i < frames.length; i++) if (this.frames.get(from + i) !== frames[i]) return false;
    return true;
  }

  private create(frames: readonly number[], state: string | null): number {
    const group = this.states.length;
    for (const id of frames) this.frames.push(id);
    this.start.push(this.frames.length);
    this.states.push(state);
    this.sides[0].push(0);
    this.sides[1].push(0);
    return group;
  }

  /** Adds `value` to side `side` of the group with these frames and state. */
  add(side: 0 | 1, frames: readonly number[], state: string | null, value: number): void {
    const hash = hashOf(frames, state);
    const found = this.byHash.get(hash);
    let group: number;
    if (typeof found === 'number') {
      if (this.matches(found, frames, state)) group = found;
      else {
        group = this.create(frames, state);
        this.byHash.set(hash, [found, group]);
      }
    } else if (found) {
      group = found.find((g) => this.matches(g, frames, state)) ?? -1;
      if (group < 0) {
        group = this.create(frames, state);
        found.push(group);
      }
    } else {
      group = this.create(frames, state);
      this.byHash.set(hash, group);
    }
    this.sides[side].add(group, value);
  }

  value(side: 0 | 1, group: number): number {
    return this.sides[side].get(group);
  }

  state(group: number): string | null {
    return this.states[group] ?? null;
  }

  /** The frame ids of a group, leaf first. */
  framesOf(group: number): number[] {
    const out: number[] = [];
    for (let i = this.start.get(group); i < this.start.get(group + 1); i++) out.push(this.frames.get(i));
    return out;
  }

  /** new − base per group. */
  deltas(): Float64Array {
    const out = new Float64Array(this.size);
    for (let g = 0; g < out.length; g++) out[g] = this.sides[1].get(g) - this.sides[0].get(g);
    return out;
  }

  /**
   * Groups in row order: growth first, then frame by frame by name, then
   * state, so the order never depends on the order of the input. `ranks`
   * gives each frame id its place among the names sorted, so ties compare
   * numbers, not strings: a million stacks sort in a fraction of the time.
   */
  order(ranks: Uint32Array): Uint32Array {
    const deltas = this.deltas();
    const start = this.start.toArray();
    const frames = this.frames.toArray();
    const compare = (a: number, b: number): number => {
      const byDelta = (deltas[b] as number) - (deltas[a] as number);
      if (byDelta !== 0) return byDelta;
      const fromA = start[a] as number;
      const fromB = start[b] as number;
      const lenA = (start[a + 1] as number) - fromA;
      const lenB = (start[b + 1] as number) - fromB;
      for (let i = 0; i < lenA && i < lenB; i++) {
        const x = ranks[frames[fromA + i] as number] as number;
        const y = ranks[frames[fromB + i] as number] as number;
        if (x !== y) return x - y;
      }
      if (lenA !== lenB) return lenA - lenB;
      const sa = this.states[a] ?? '';
      const sb = this.states[b] ?? '';
      return sa < sb ? -1 : sa > sb ? 1 : 0;
    };
    const order = new Uint32Array(this.size);
    for (let g = 0; g < order.length; g++) order[g] = g;
    return order.sort(compare);
  }
}
