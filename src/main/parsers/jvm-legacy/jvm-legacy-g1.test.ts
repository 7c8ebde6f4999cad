/** G1's pause lines and detail blocks, and the JDK 8 Shenandoah backport's cycles. */
import { describe, expect, it } from 'vitest';
import { KB, MB, parseLegacy } from './test-helpers';

describe('JvmLegacyParser: G1', () => {
  it('this block is a 12.3 ms G1 young pause from 24 MB to 4.2 MB, heap committed 256 MB', () => {
    const { events, unknown, parser } = parseLegacy(
      [
        '2.345: [GC pause (G1 Evacuation Pause) (young), 0.0123000 secs]',
        '   [Parallel Time: 11.2 ms, GC Workers: 4]',
        '      [GC Worker Start (ms): Min: 2345.5, Avg: 2345.5, Max: 2345.5, Diff: 0.0]',
        '         [Processed Buffers: Min: 0, Avg: 1.5, Max: 3, Diff: 3, Sum: 6]',
        '   [Other: 0.3 ms]',
        '   [Eden: 24.0M(24.0M)->0.0B(21.0M) Survivors: 0.0B->3072.0K Heap: 24.0M(256.0M)->4.2M(256.0M)]',
        ' [Times: user=0.04 sys=0.00, real=0.01 secs] ',
      ].join('\n'),
    );
    expect(unknown).toEqual([]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      collector: 'legacy-G1',
      kind: 'young',
      cause: 'G1 Evacuation Pause',
      startSec: 2.345,
      pauseMs: 12.3,
      heapBeforeBytes: 24 * MB,
      heapAfterBytes: Math.round(4.2 * MB),
      heapCommittedBytes: 256 * MB,
      source: { line: 1 },
    });
    // Young is eden plus survivors; what it has committed after is eden's new size plus the survivors.
    expect(events[0]!.generations).toEqual({
      young: { beforeBytes: 24 * MB, afterBytes: 3 * MB, committedBytes: 24 * MB },
      survivor: { beforeBytes: 0, afterBytes: 3 * MB, committedBytes: null },
    });
    expect(parser.recognised['g1-detail']).toBe(5);
  });

  it('reads decimal commas', () => {
    const [e] = parseLegacy(
      [
        '2014-03-01T00:01:27.461+0100: 0,0165: [GC pause (young), 0,0665670 secs]',
        '   [Parallel Time: 50,1 ms, GC Workers: 18]',
        '   [Eden: 514,0M(514,0M)->0,0B(573,0M) Survivors: 74,0M->15,0M Heap: 4985,5M(11,5G)->4491,0M(11,5G)]',
        ' [Times: user=0,89 sys=0,01, real=0,07 secs]',
      ].join('\n'),
    ).events;
    expect(e).toMatchObject({ startSec: 0.0165, pauseMs: 66.567, heapBeforeBytes: 4985.5 * MB, heapAfterBytes: 4491 * MB, heapCommittedBytes: 11.5 * 1024 * MB });
  });

  it('names initial-mark, mixed (partial on JDK 6), remark and cleanup pauses, and concurrent phases', () => {
    const { events, phases, unknown } = parseLegacy(
      [
        '0.388: [GC pause (young) (initial-mark) 10080K->10080K(16M)0.390: [GC concurrent-mark-start]',
        ', 0.0013065 secs]',
        '0.403: [GC concurrent-mark-end, 0.0126670 sec]',
        '0.406: [GC remark, 0.0006116 secs]',
        '0.412: [GC concurrent-count-end, 0.0019007]',
        '0.414: [GC cleanup 17M->17M(31M), 0.0003415 secs]',
        '0.758: [GC pause (partial) 18M->15M(224M), 0.0038194 secs]',
        '7.277: [GC pause (G1 Evacuation Pause) (mixed), 0.0030890 secs]',
        '15.925: [GC pause (young)-- 254M->255M(256M), 0.0023087 secs]',
      ].join('\n'),
    );
    expect(unknown).toEqual([]);
    expect(events.map((e) => [e.kind, e.cause, e.pauseMs, e.source.line])).toEqual([
      ['initial-mark', null, 1.3065, 1],
      ['remark', null, 0.6116, 4],
      ['cleanup', null, 0.3415, 6],
      ['mixed', null, 3.8194, 7],
      ['mixed', 'G1 Evacuation Pause', 3.089, 8],
      ['young', 'to-space exhausted', 2.3087, 9],
    ]);
    expect(events.every((e) => e.collector === 'legacy-G1')).toBe(true);
    expect(events[0]).toMatchObject({ heapBeforeBytes: 10080 * KB, heapCommittedBytes: 16 * MB });
    expect(phases.map((p) => [p.name, p.durationMs])).toEqual([
      ['concurrent-mark', 12.667],
      ['concurrent-count', 1.9007],
    ]);
  });

  it('learns from the size line that a bare Full GC was G1, and reads its metaspace', () => {
    const [e] = parseLegacy(
      [
        '3.392: [Full GC (Metadata GC Threshold)  165M->72M(5632M), 0.2983033 secs]',
        '   [Eden: 110.0M(280.0M)->0.0B(280.0M) Survivors: 0.0B->0.0B Heap: 165.7M(5632.0M)->72.1M(5632.0M)], [Metaspace: 21030K->21029K(1067008K)]',
        ' [Times: user=0.47 sys=0.01, real=0.30 secs] ',
      ].join('\n'),
    ).events;
    expect(e).toMatchObject({ collector: 'legacy-G1', kind: 'full', cause: 'Metadata GC Threshold', pauseMs: 298.3033, heapBeforeBytes: Math.round(165.7 * MB) });
    expect(e!.generations!.metaspace).toEqual({ beforeBytes: 21030 * KB, afterBytes: 21029 * KB, committedBytes: 1067008 * KB });
  });

  it("reads JDK 6's size line and details a concurrent line broke", () => {
    const { events, unknown } = parseLegacy(
      [
        '8.775: [GC pause (young)8.775: [GC concurrent-mark-end, 0.0101638 sec]',
        ', 0.00831998 secs]',
        '   [Parallel Time:   7.7 ms]',
        '      [Update RS (ms):  0.0  0.0',
        '       Avg:   0.0, Min:   0.0, Max:   0.0]',
        '   [[GC concurrent-mark-start]',
        ' 169M->162M(256M)]',
        ' [Times: user=0.03 sys=0.00, real=0.02 secs] ',
      ].join('\n'),
    );
    expect(unknown).toEqual([]);
    expect(events[0]).toMatchObject({ kind: 'young', pauseMs: 8.31998, heapBeforeBytes: 169 * MB, heapAfterBytes: 162 * MB, heapCommittedBytes: 256 * MB });
  });
});

describe('JvmLegacyParser: Shenandoah (JDK 8 backport)', () => {
  it('makes one event of a cycle: its pauses summed, its heap from the cleanup, closed by the metaspace tail', () => {
    const { events, phases, unknown } = parseLegacy(
      [
        '2022-08-17T16:20:47.680+0800: 2.464: [Concurrent reset, start]',
        '2022-08-17T16:20:47.680+0800: 2.464: [Concurrent reset, 0.333 ms]',
        '2022-08-17T16:20:47.685+0800: 2.469: [Pause Init Mark (process weakrefs), start]',
        '    Using 2 of 2 workers for init marking',
        '2022-08-17T16:20:47.688+0800: 2.472: [Pause Init Mark (process weakrefs), 3.341 ms]',
        '2022-08-17T16:20:48.555+0800: 3.338: [Concurrent marking (process weakrefs), 866.393 ms]',
        '2022-08-17T16:20:48.561+0800: 3.344: [Pause Final Mark (process weakrefs), 4.423 ms]',
        '2022-08-17T16:20:48.561+0800: 3.344: [Concurrent cleanup 1613M->1361M(1636M), 0.092 ms]',
        ', [Metaspace: 16207K->16308K(1064960K)]',
        '2022-08-17T16:25:40.436+0800: 295.220: [Pause Degenerated GC (Update Refs) 3941M->1733M(3966M), 184.489 ms]',
        ', [Metaspace: 20643K->20643K(1069056K)]',
      ].join('\n'),
    );
    expect(unknown).toEqual([]);
    expect(events.map((e) => [e.collector, e.kind, e.pauseMs, e.source.line])).toEqual([
      ['legacy-Shenandoah', 'cycle', 7.764, 1],
      ['legacy-Shenandoah', 'degenerated', 184.489, 10],
    ]);
    expect(events[0]).toMatchObject({ startSec: 2.464, heapBeforeBytes: 1613 * MB, heapAfterBytes: 1361 * MB, heapCommittedBytes: 1636 * MB, generations: { metaspace: { beforeBytes: 16207 * KB, afterBytes: 16308 * KB, committedBytes: 1064960 * KB } } });
    expect(events[0]!.concurrentMs).toBeCloseTo(0.333 + 866.393 + 0.092, 9);
    expect(phases.map((p) => p.name)).toEqual(['Concurrent reset', 'Concurrent marking (process weakrefs)', 'Concurrent cleanup']);
  });
});
