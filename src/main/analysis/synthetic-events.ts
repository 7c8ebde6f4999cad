/**
 * GC events made up for the analysis unit tests: a series with a known shape
 * (a steady leak, warm-up, a sawtooth) whose right answers are worked out by
 * hand. Real logs are tested in test/analysis-*.test.ts.
 */
import type { GcEvent, GcKind, RunStartRecord } from '../../shared/gc-event';

export const MIB = 1024 * 1024;

export function gcEvent(overrides: Partial<GcEvent> & { line: number }): GcEvent {
  const { line, ...rest } = overrides;
  return {
    type: 'gc',
    runtime: 'jvm',
    collector: 'G1',
    id: line,
    startSec: null,
    wallTime: null,
    kind: 'young' as GcKind,
    cause: null,
    pauseMs: 1,
    concurrentMs: null,
    heapBeforeBytes: null,
    heapAfterBytes: null,
    heapCommittedBytes: null,
    liveBytes: null,
    goalBytes: null,
    forced: false,
    generations: null,
    gcCpuPercent: null,
    stacksBytes: null,
    globalsBytes: null,
    procs: null,
    source: { file: 'test.log', line },
    ...rest,
  };
}

/** Go cycles every `everySec` seconds whose live heap is `live(t)` bytes; the heap doubles before each (GOGC=100). */
export function goSeries(count: number, everySec: number, live: (t: number, i: number) => number, extra: (t: number, i: number) => Partial<GcEvent> = () => ({})): GcEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const t = i * everySec;
    const liveBytes = Math.round(live(t, i));
    return gcEvent({
      line: i + 1,
      runtime: 'go',
      collector: 'go',
      kind: 'cycle',
      id: i + 1,
      startSec: t,
      pauseMs: 0.5,
      heapBeforeBytes: 2 * liveBytes + MIB,
      heapAfterBytes: 2 * liveBytes + MIB,
      liveBytes,
      goalBytes: 2 * liveBytes + 2 * MIB,
      ...extra(t, i),
    });
  });
}

/** JVM collections of one kind every `everySec` seconds leaving `after(t)` bytes in a heap of `committed` bytes. */
export function jvmSeries(count: number, everySec: number, kind: GcKind, after: (t: number, i: number) => number, committed = 1024 * MIB): GcEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const t = i * everySec;
    const heapAfterBytes = Math.round(after(t, i));
    return gcEvent({ line: i + 1, kind, startSec: t, pauseMs: 5, heapBeforeBytes: heapAfterBytes + 100 * MIB, heapAfterBytes, heapCommittedBytes: committed });
  });
}

export function runStart(run: number, line: number): RunStartRecord {
  return { type: 'run-start', run, source: { file: 'test.log', line } };
}

/** A deterministic pseudo-random sequence in [0, 1): the tests must not depend on Math.random. */
export function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
