/**
 * The binary CPU profile Go wrote before protobuf (Go 1.8 and older) and
 * gperftools still writes: machine words in the writer's byte order, a
 * header `0 3 0 <period µs> 0`, records `<count> <n> <pc1…pcn>`, the end
 * marker `0 1 0`, then a text memory map. Read as pprof reads it
 * (github.com/google/pprof, profile/legacy_profile.go: parseCPU,
 * cpuProfile): words of 32 or 64 bits in either order, whichever makes the
 * header; call sites one byte back from their return addresses except the
 * leaf; and up to two frames that nearly every sample shares right above the
 * leaf dropped as the signal handler's own.
 */
import { GclensError } from '../../../shared/result';
import type { StackProfile } from './go-snapshot';
import { StackProfileBuilder } from './stack-profile-builder';

type Word = (view: DataView, offset: number) => bigint;

const WORDS: [number, Word][] = [
  [4, (v, o) => BigInt(v.getUint32(o, true))],
  [4, (v, o) => BigInt(v.getUint32(o, false))],
  [8, (v, o) => v.getBigUint64(o, true)],
  [8, (v, o) => v.getBigUint64(o, false)],
];

interface Layout {
  size: number;
  read: Word;
  /** The header's third word: 0 for C++ and Go, 1 for the Java variant. */
  variant: bigint;
  periodMicros: bigint;
}

function layout(bytes: Uint8Array): Layout | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const [size, read] of WORDS) {
    if (bytes.length < size * 5) continue;
    const w = [0, 1, 2, 3, 4].map((i) => read(view, i * size));
    if (w[0] === 0n && w[1] === 3n && (w[2] === 0n || w[2] === 1n) && (w[3] as bigint) > 0n && w[4] === 0n) {
      return { size, read, variant: w[2] as bigint, periodMicros: w[3] as bigint };
    }
  }
  return null;
}

/** Whether a head is a legacy binary CPU profile, and whether it is the Java variant (which we do not read). */
export function legacyCpuVariant(head: Uint8Array): 'go' | 'java' | null {
  const found = layout(head);
  if (!found) return null;
  return found.variant === 0n ? 'go' : 'java';
}

export function parseLegacyCpu(bytes: Uint8Array, file: string): StackProfile {
  const found = layout(bytes);
  if (!found || found.variant !== 0n) throw new GclensError('unsupported-format', `${file}: not a legacy binary CPU profile`);
  const { size, read } = found;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const periodNanos = Number(found.periodMicros) * 1000;
  const stacks: bigint[][] = [];
  const counts: number[] = [];
  let pos = size * 5;
  const word = (): bigint => {
    if (pos + size > bytes.length) throw new GclensError('unsupported-format', `${file}: the CPU profile is cut short at byte ${pos}: no end-of-data marker`);
    const value = read(view, pos);
    pos += size;
    return value;
  };
  for (;;) {
    const count = word();
    const depth = word();
    if (depth > BigInt(Math.floor((bytes.length - pos) / size))) {
      throw new GclensError('unsupported-format', `${file}: the CPU profile is cut short: the record at byte ${pos - 2 * size} claims ${depth} frames`);
    }
    const pcs = Array.from({ length: Number(depth) }, word);
    if (count === 0n && depth === 1n && pcs[0] === 0n) break;
    // Return addresses point after the call; the leaf was interrupted where it stood.
    stacks.push(pcs.map((pc, i) => (i > 0 ? pc - 1n : pc)));
    counts.push(Number(count));
  }

  // A frame right above the leaf in all but a 32nd of the samples is the signal handler's.
  const margin = Math.floor(stacks.length / 32);
  for (let iteration = 0; iteration < 2; iteration++) {
    const seen = new Map<bigint, number>();
    for (const stack of stacks) if (stack.length > 1) seen.set(stack[1] as bigint, (seen.get(stack[1] as bigint) ?? 0) + 1);
    for (const [address, n] of seen) {
      if (n < stacks.length - margin) continue;
      for (const stack of stacks) if (stack.length > 1 && stack[1] === address) stack.splice(1, 1);
      break;
    }
  }

  const builder = new StackProfileBuilder({
    profile: 'cpu',
    sampleTypes: [
      { type: 'samples', unit: 'count' },
      { type: 'cpu', unit: 'nanoseconds' },
    ],
    periodType: { type: 'cpu', unit: 'nanoseconds' },
    period: periodNanos,
  });
  stacks.forEach((stack, i) => {
    const count = counts[i] as number;
    builder.add(
      stack.map((pc) => `0x${pc.toString(16)}`),
      [count, count * periodNanos],
    );
  });
  return builder.build();
}
