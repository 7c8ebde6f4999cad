import { describe, expect, it } from 'vitest';
import type { PhaseRecord, SafepointRecord } from '../../../shared/gc-event';
import { parseUnified } from './test-parse';

const K = 1024;
const M = 1024 * 1024;

const parse = (text: string) => parseUnified(text, 'g1.log');

describe('G1, uptime,level,tags (JDK 17)', () => {
  const youngPause = `[0.005s][info][gc,init] Heap Region Size: 1M
    [0.056s][info][gc,start    ] GC(1) Pause Young (Normal) (G1 Evacuation Pause)
    [0.056s][info][gc,task     ] GC(1) Using 2 workers of 2 for evacuation
    [0.057s][info][gc,phases   ] GC(1)   Pre Evacuate Collection Set: 0.1ms
    [0.057s][info][gc,phases   ] GC(1)   Evacuate Collection Set: 0.6ms
    [0.057s][info][gc,heap     ] GC(1) Eden regions: 19->0(74)
    [0.057s][info][gc,heap     ] GC(1) Survivor regions: 1->2(3)
    [0.057s][info][gc,heap     ] GC(1) Old regions: 0->0
    [0.057s][info][gc,heap     ] GC(1) Archive regions: 2->2
    [0.057s][info][gc,heap     ] GC(1) Humongous regions: 0->0
    [0.057s][info][gc,metaspace] GC(1) Metaspace: 90K(320K)->90K(320K) NonClass: 85K(192K)->85K(192K) Class: 4K(128K)->4K(128K)
    [0.057s][info][gc          ] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 20M->2M(128M) 0.939ms
    [0.057s][info][gc,cpu      ] GC(1) User=0.00s Sys=0.00s Real=0.01s
    [0.057s][info][safepoint   ] Safepoint "G1CollectForAllocation", Time since last: 9693172 ns, Reaching safepoint: 4176 ns, Cleanup: 5027 ns, At safepoint: 974144 ns, Total: 983347 ns`;

  it('reads a young pause: a 0.939 ms young pause from 20 MB to 2 MB, spaces in regions of 1 MB', () => {
    const { events } = parse(youngPause);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'gc',
      runtime: 'jvm',
      collector: 'G1',
      id: 1,
      kind: 'young',
      cause: 'G1 Evacuation Pause',
      pauseMs: 0.939,
      startSec: 0.056,
      wallTime: null,
      heapBeforeBytes: 20 * M,
      heapAfterBytes: 2 * M,
      heapCommittedBytes: 128 * M,
      forced: false,
      concurrentMs: null,
      source: { file: 'g1.log', line: 12 },
    });
    expect(events[0]!.generations).toEqual({
      young: { beforeBytes: 19 * M, afterBytes: 0, committedBytes: 74 * M },
      survivor: { beforeBytes: 1 * M, afterBytes: 2 * M, committedBytes: 3 * M },
      old: { beforeBytes: 0, afterBytes: 0, committedBytes: null },
      humongous: { beforeBytes: 0, afterBytes: 0, committedBytes: null },
      metaspace: { beforeBytes: 90 * K, afterBytes: 90 * K, committedBytes: 320 * K },
    });
  });

  it('turns the JDK 17 safepoint line into a record: stopped for the total, started that long before the line', () => {
    const sp = parse(youngPause).records.find((r): r is SafepointRecord => r.type === 'safepoint');
    expect(sp).toEqual({
      type: 'safepoint',
      name: 'G1CollectForAllocation',
      stoppedMs: 0.983347,
      reachingMs: 0.004176,
      startSec: 0.056017,
      wallTime: null,
      source: { file: 'g1.log', line: 14 },
    });
  });

  it('counts the detail lines it does not need, and leaves nothing unknown', () => {
    const { records, parser } = parse(youngPause);
    expect(records.filter((r) => r.type === 'unknown')).toEqual([]);
    expect(parser.recognised).toMatchObject({ header: 1, workers: 1, 'phase-detail': 2, 'cpu-time': 1 });
  });

  it('keeps a concurrent cycle apart from the young pauses interleaved with it', () => {
    const { records, events } = parse(`[0.001s][info][gc,init] Heap Region Size: 1M
      [0.460s][info][gc,start    ] GC(24) Pause Young (Concurrent Start) (G1 Evacuation Pause)
      [0.462s][info][gc,heap     ] GC(24) Eden regions: 46->0(45)
      [0.462s][info][gc          ] GC(24) Pause Young (Concurrent Start) (G1 Evacuation Pause) 107M->63M(128M) 2.216ms
      [0.462s][info][gc          ] GC(25) Concurrent Mark Cycle
      [0.462s][info][gc,marking  ] GC(25) Concurrent Clear Claimed Marks
      [0.462s][info][gc,marking  ] GC(25) Concurrent Clear Claimed Marks 0.005ms
      [0.462s][info][gc,marking  ] GC(25) Concurrent Mark From Roots
      [0.470s][info][gc,marking  ] GC(25) Concurrent Mark From Roots 7.880ms
      [0.471s][info][gc,start    ] GC(25) Pause Remark
      [0.471s][info][gc          ] GC(25) Pause Remark 79M->71M(128M) 0.791ms
      [0.472s][info][gc,marking  ] GC(25) Concurrent Mark 9.068ms
      [0.476s][info][gc,start    ] GC(25) Pause Cleanup
      [0.476s][info][gc          ] GC(25) Pause Cleanup 87M->87M(128M) 0.061ms
      [0.481s][info][gc,marking  ] GC(25) Concurrent Cleanup for Next Mark
      [0.485s][info][gc,start    ] GC(26) Pause Young (Normal) (G1 Evacuation Pause)
      [0.487s][info][gc,heap     ] GC(26) Eden regions: 45->0(50)
      [0.487s][info][gc          ] GC(26) Pause Young (Normal) (G1 Evacuation Pause) 100M->57M(128M) 1.817ms
      [0.488s][info][gc,marking  ] GC(25) Concurrent Cleanup for Next Mark 7.086ms
      [0.488s][info][gc          ] GC(25) Concurrent Mark Cycle 26.109ms`);
    expect(events.map((e) => [e.id, e.kind, e.cause, e.pauseMs])).toEqual([
      [24, 'young', 'Concurrent Start; G1 Evacuation Pause', 2.216],
      [25, 'remark', null, 0.791],
      [25, 'cleanup', null, 0.061],
      [26, 'young', 'G1 Evacuation Pause', 1.817],
    ]);
    expect(events[1]).toMatchObject({ startSec: 0.471, heapBeforeBytes: 79 * M, heapAfterBytes: 71 * M });
    expect(events[3]!.generations?.young).toEqual({ beforeBytes: 45 * M, afterBytes: 0, committedBytes: 50 * M });
    const phases = records.filter((r): r is PhaseRecord => r.type === 'phase');
    expect(phases.map((p) => [p.id, p.name, p.durationMs])).toEqual([
      [25, 'Concurrent Clear Claimed Marks', 0.005],
      [25, 'Concurrent Mark From Roots', 7.88],
      [25, 'Concurrent Mark', 9.068],
      [25, 'Concurrent Cleanup for Next Mark', 7.086],
      [25, 'Concurrent Mark Cycle', 26.109],
    ]);
    // The cycle ended at 0.488 s after 26.109 ms.
    expect(phases[4]).toMatchObject({ collector: 'G1', startSec: 0.461891, source: { line: 20 } });
  });

  it('tells mixed from young, and keeps Prepare Mixed as a young pause with its type in the cause', () => {
    const { events } = parse(`[1.000s][info][gc] Using G1
      [1.578s][info][gc] GC(36) Pause Young (Prepare Mixed) (G1 Evacuation Pause) 88M->73M(128M) 1.201ms
      [1.579s][info][gc] GC(37) Pause Young (Mixed) (G1 Evacuation Pause) 73M->63M(128M) 1.491ms`);
    expect(events.map((e) => [e.kind, e.cause, e.pauseMs])).toEqual([
      ['young', 'Prepare Mixed; G1 Evacuation Pause', 1.201],
      ['mixed', 'G1 Evacuation Pause', 1.491],
    ]);
    // No start lines (gc only): the start is the summary's time less the pause.
    expect(events[0]!.startSec).toBe(1.576799);
  });

  it('reads a full collection asked for by System.gc() as forced', () => {
    const [full] = parse(`[2.000s][info][gc,start    ] GC(40) Pause Full (System.gc())
      [2.000s][info][gc,phases,start] GC(40) Phase 1: Mark live objects
      [2.003s][info][gc,phases      ] GC(40) Phase 1: Mark live objects 2.650ms
      [2.010s][info][gc             ] GC(40) Pause Full (System.gc()) 70M->40M(128M) 10.250ms`).events;
    expect(full).toMatchObject({ kind: 'full', cause: 'System.gc()', forced: true, pauseMs: 10.25, heapBeforeBytes: 70 * M, heapAfterBytes: 40 * M });
  });

  it('records evacuation failure in the cause: JDK 11 "To-space exhausted", JDK 21+ "(Evacuation Failure: …)"', () => {
    const { events } = parse(`[1.726s] GC(2) To-space exhausted
      [1.726s] GC(2) Pause Young (Concurrent Start) (G1 Evacuation Pause) 829M->760M(1000M) 54.967ms
      [3.001s][info][gc] GC(9) Pause Young (Normal) (G1 Evacuation Pause) (Evacuation Failure: Allocation) 126M->127M(128M) 4.011ms`);
    expect(events.map((e) => e.cause)).toEqual(['Concurrent Start; G1 Evacuation Pause; To-space exhausted', 'G1 Evacuation Pause; Evacuation Failure: Allocation']);
  });

  it('puts humongous regions into generations.humongous at the stated region size', () => {
    const [e] = parse(`[0.017s][info][gc,heap] Heap region size: 2M
      [1.000s][info][gc,heap      ] GC(0) Humongous regions: 4->3
      [1.010s][info][gc           ] GC(0) Pause Young (Normal) (G1 Humongous Allocation) 19M->4M(64M) 10.709ms`).events;
    expect(e!.generations?.humongous).toEqual({ beforeBytes: 8 * M, afterBytes: 6 * M, committedBytes: null });
    expect(e!.cause).toBe('G1 Humongous Allocation');
  });

  it('infers the region size when the log does not state it: the smallest power of two the used heap fits', () => {
    // 33 regions in use hold 254 MB: 8 MB regions (4 MB ones would hold 132 MB at most).
    const [e] = parse(`[3.865s][info][gc,start      ] GC(14) Pause Young (Normal) (G1 Evacuation Pause)
      [3.982s][info][gc,heap       ] GC(14) Eden regions: 10->0(12)
      [3.982s][info][gc,heap       ] GC(14) Survivor regions: 2->3(3)
      [3.982s][info][gc,heap       ] GC(14) Old regions: 20->24
      [3.982s][info][gc,heap       ] GC(14) Humongous regions: 1->1
      [3.982s][info][gc            ] GC(14) Pause Young (Normal) (G1 Evacuation Pause) 254M->212M(512M) 116.771ms`).events;
    expect(e!.generations).toMatchObject({ young: { beforeBytes: 80 * M, afterBytes: 0, committedBytes: 96 * M }, old: { beforeBytes: 160 * M, afterBytes: 192 * M } });
  });

  it('reads JDK 9–10 names: Pause Initial Mark and Pause Mixed', () => {
    const { events } = parse(`[0.018s][info][gc] Using G1
      [0.295s][info][gc] GC(5) Pause Initial Mark (G1 Evacuation Pause) 80M->80M(128M) 6.187ms
      [0.693s][info][gc] GC(50) Pause Mixed (G1 Evacuation Pause) 29M->28M(123M) 2.790ms`);
    expect(events.map((e) => [e.kind, e.cause, e.startSec])).toEqual([
      ['initial-mark', 'G1 Evacuation Pause', 0.288813],
      ['mixed', 'G1 Evacuation Pause', 0.69021],
    ]);
  });
});

describe('G1, time,uptimemillis,pid,tid,level,tags (JDK 25)', () => {
  it('takes the start from uptimemillis and the wall time from time', () => {
    const { events, records } = parse(`[2024-03-05T10:22:47.159+0100][59ms][29698][29707][info][gc,start    ] GC(0) Pause Young (Normal) (G1 Evacuation Pause)
      [2024-03-05T10:22:47.161+0100][61ms][29698][29707][info][gc,heap     ] GC(0) Eden regions: 14->0(57)
      [2024-03-05T10:22:47.161+0100][61ms][29698][29707][info][gc          ] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 15M->1M(128M) 1.987ms
      [2024-03-05T10:22:47.161+0100][61ms][29698][29707][info][safepoint   ] Safepoint "G1CollectForAllocation", Time since last: 30687026 ns, Reaching safepoint: 4286 ns, At safepoint: 2049427 ns, Leaving safepoint: 2463 ns, Total: 2056176 ns, Threads: 0 runnable, 10 total`);
    expect(events[0]).toMatchObject({ id: 0, startSec: 0.059, wallTime: '2024-03-05T10:22:47.159+01:00', pauseMs: 1.987, heapBeforeBytes: 15 * M });
    const sp = records.find((r): r is SafepointRecord => r.type === 'safepoint');
    // 47.161 s less 2.056176 ms, in the log's own offset.
    expect(sp).toMatchObject({ stoppedMs: 2.056176, reachingMs: 0.004286, startSec: 0.058944, wallTime: '2024-03-05T10:22:47.159+01:00' });
  });
});
