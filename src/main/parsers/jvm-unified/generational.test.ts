import { describe, expect, it } from 'vitest';
import type { PhaseRecord, SafepointRecord } from '../../../shared/gc-event';
import { parseUnified } from './test-parse';

const K = 1024;
const M = 1024 * 1024;

const parse = (text: string) => parseUnified(text, 'gen.log');

describe('Parallel', () => {
  it('reads a JDK 17 young pause: 8.322 ms, 32 MB to 1 MB, PSYoungGen with its survivor (From) space', () => {
    const { events, records } = parse(`[0.012s][info][gc] Using Parallel
      [0.141s][info][gc,start    ] GC(0) Pause Young (Allocation Failure)
      [0.150s][info][gc,heap     ] GC(0) PSYoungGen: 33280K(38400K)->1793K(38400K) Eden: 33280K(33280K)->0K(33280K) From: 0K(5120K)->1793K(5120K)
      [0.150s][info][gc,heap     ] GC(0) ParOldGen: 0K(87552K)->0K(87552K)
      [0.150s][info][gc,metaspace] GC(0) Metaspace: 143K(384K)->143K(384K) NonClass: 138K(256K)->138K(256K) Class: 5K(128K)->5K(128K)
      [0.150s][info][gc          ] GC(0) Pause Young (Allocation Failure) 32M->1M(123M) 8.322ms
      [0.150s][info][gc,cpu      ] GC(0) User=0.00s Sys=0.00s Real=0.00s
      [0.150s][info][safepoint   ] Safepoint "ParallelGCFailedAllocation", Time since last: 104448981 ns, Reaching safepoint: 4647 ns, Cleanup: 29133 ns, At safepoint: 8390382 ns, Total: 8424162 ns`);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      collector: 'Parallel',
      id: 0,
      kind: 'young',
      cause: 'Allocation Failure',
      pauseMs: 8.322,
      startSec: 0.141,
      heapBeforeBytes: 32 * M,
      heapAfterBytes: 1 * M,
      heapCommittedBytes: 123 * M,
      source: { line: 6 },
    });
    expect(events[0]!.generations).toEqual({
      young: { beforeBytes: 33280 * K, afterBytes: 1793 * K, committedBytes: 38400 * K },
      survivor: { beforeBytes: 0, afterBytes: 1793 * K, committedBytes: 5120 * K },
      old: { beforeBytes: 0, afterBytes: 0, committedBytes: 87552 * K },
      metaspace: { beforeBytes: 143 * K, afterBytes: 143 * K, committedBytes: 384 * K },
    });
    expect(records.filter((r) => r.type === 'safepoint')).toHaveLength(1);
  });

  it('reads the JDK 11 space lines (before->after(committed)) and a full pause', () => {
    const [young, full] = parse(`[0.455s][info][gc,start     ] GC(0) Pause Young (Allocation Failure)
      [0.466s][info][gc,heap      ] GC(0) PSYoungGen: 65536K->10720K(76288K)
      [0.466s][info][gc,heap      ] GC(0) ParOldGen: 0K->20800K(175104K)
      [0.466s][info][gc           ] GC(0) Pause Young (Allocation Failure) 64M->30M(245M) 11.081ms
      [2.836s][info][gc,start     ] GC(1) Pause Full (Ergonomics)
      [2.836s][info][gc,phases,start] GC(1) Marking Phase
      [2.857s][info][gc,phases      ] GC(1) Marking Phase 21.145ms
      [2.882s][info][gc,heap        ] GC(1) PSYoungGen: 10729K->0K(76288K)
      [2.882s][info][gc,heap        ] GC(1) PSOldGen: 141664K->94858K(175104K)
      [2.882s][info][gc             ] GC(1) Pause Full (Ergonomics) 148M->92M(245M) 46.539ms`).events;
    expect(young).toMatchObject({ collector: 'Parallel', kind: 'young', pauseMs: 11.081 });
    expect(young!.generations?.young).toEqual({ beforeBytes: 65536 * K, afterBytes: 10720 * K, committedBytes: 76288 * K });
    expect(full).toMatchObject({ kind: 'full', cause: 'Ergonomics', pauseMs: 46.539, startSec: 2.836, heapBeforeBytes: 148 * M, heapAfterBytes: 92 * M });
    expect(full!.generations?.old).toEqual({ beforeBytes: 141664 * K, afterBytes: 94858 * K, committedBytes: 175104 * K });
  });
});

describe('Serial', () => {
  it('counts a young collection that turns into a full one once: one full event, the outer pause', () => {
    // JDK 11: the full runs inside the young collection and is logged with the next id.
    const { events } = parse(`[0.016s][info][gc] Using Serial
      [5.643s][info][gc,start     ] GC(3) Pause Young (Allocation Failure)
      [5.643s][info][gc,start     ] GC(4) Pause Full (Allocation Failure)
      [5.643s][info][gc,phases,start] GC(4) Phase 1: Mark live objects
      [5.691s][info][gc,phases      ] GC(4) Phase 1: Mark live objects 47.363ms
      [5.789s][info][gc             ] GC(4) Pause Full (Allocation Failure) 215M->132M(247M) 146.153ms
      [5.789s][info][gc,heap        ] GC(3) DefNew: 78655K->0K(78656K)
      [5.789s][info][gc,heap        ] GC(3) Tenured: 142112K->135957K(174784K)
      [5.789s][info][gc             ] GC(3) Pause Young (Allocation Failure) 215M->132M(247M) 146.211ms
      [5.789s][info][gc,cpu         ] GC(3) User=0.15s Sys=0.00s Real=0.15s
      [6.000s][info][gc,start       ] GC(5) Pause Young (Allocation Failure)
      [6.010s][info][gc             ] GC(5) Pause Young (Allocation Failure) 140M->133M(247M) 10.000ms`);
    expect(events.map((e) => [e.id, e.kind, e.pauseMs])).toEqual([
      [4, 'full', 146.211],
      [5, 'young', 10],
    ]);
    expect(events[0]).toMatchObject({ collector: 'Serial', cause: 'Allocation Failure', startSec: 5.643, heapBeforeBytes: 215 * M, heapAfterBytes: 132 * M, source: { line: 9 } });
    expect(events[0]!.generations?.old).toEqual({ beforeBytes: 142112 * K, afterBytes: 135957 * K, committedBytes: 174784 * K });
  });

  it('does the same without start lines (-Xlog:gc), where only the order of the summaries tells', () => {
    const { events } = parse(`[0.016s][info][gc] Using Serial
      [0.219s][info][gc] GC(1) Pause Young (Allocation Failure) 49M->49M(92M) 13.160ms
      [0.293s][info][gc] GC(3) Pause Full (Allocation Failure) 74M->10M(92M) 7.097ms
      [0.293s][info][gc] GC(2) Pause Young (Allocation Failure) 74M->10M(92M) 7.236ms
      [0.302s][info][gc] GC(4) Pause Young (Allocation Failure) 36M->36M(92M) 5.604ms`);
    expect(events.map((e) => [e.id, e.kind, e.pauseMs])).toEqual([
      [1, 'young', 13.16],
      [3, 'full', 7.236],
      [4, 'young', 5.604],
    ]);
    expect(events.reduce((sum, e) => sum + e.pauseMs, 0)).toBeCloseTo(13.16 + 7.236 + 5.604, 9);
  });

  it('keeps the JDK 17 order apart: a finished young pause, then a full one in the same safepoint, both count', () => {
    const { events } = parse(`[0.003s][info][gc] Using Serial
      [0.380s][info][gc,start    ] GC(61) Pause Young (Allocation Failure)
      [0.380s][info][gc          ] GC(61) Pause Young (Allocation Failure) 121M->121M(123M) 0.020ms
      [0.380s][info][gc,start    ] GC(62) Pause Full (Allocation Failure)
      [0.389s][info][gc,heap        ] GC(62) DefNew: 37861K(39296K)->0K(39296K) Eden: 34944K(34944K)->0K(34944K) From: 2917K(4352K)->0K(4352K)
      [0.389s][info][gc,heap        ] GC(62) Tenured: 86301K(87424K)->54392K(87424K)
      [0.389s][info][gc             ] GC(62) Pause Full (Allocation Failure) 121M->53M(123M) 9.098ms
      [0.389s][info][gc,cpu         ] GC(62) User=0.01s Sys=0.00s Real=0.01s
      [0.389s][info][safepoint      ] Safepoint "GenCollectForAllocation", Time since last: 1577056 ns, Reaching safepoint: 1342 ns, Cleanup: 2774 ns, At safepoint: 9149707 ns, Total: 9153823 ns`);
    expect(events.map((e) => [e.id, e.kind, e.pauseMs, e.collector])).toEqual([
      [61, 'young', 0.02, 'Serial'],
      [62, 'full', 9.098, 'Serial'],
    ]);
    expect(events[1]!.generations).toMatchObject({
      young: { beforeBytes: 37861 * K, afterBytes: 0, committedBytes: 39296 * K },
      survivor: { beforeBytes: 2917 * K, afterBytes: 0, committedBytes: 4352 * K },
      old: { beforeBytes: 86301 * K, afterBytes: 54392 * K, committedBytes: 87424 * K },
    });
  });
});

describe('CMS (JDK 9–13)', () => {
  it('makes Initial Mark and Remark events of their own and the concurrent phases phase records', () => {
    const { events, records } = parse(`[0.020s][info][gc] Using Concurrent Mark Sweep
      [3.231s][info][gc,start     ] GC(1) Pause Initial Mark
      [3.235s][info][gc           ] GC(1) Pause Initial Mark 150M->150M(250M) 3.200ms
      [3.235s][info][gc           ] GC(1) Concurrent Mark
      [3.257s][info][gc           ] GC(1) Concurrent Mark 22.100ms
      [3.257s][info][gc,start     ] GC(1) Pause Remark
      [3.259s][info][gc           ] GC(1) Pause Remark 152M->152M(250M) 1.900ms
      [3.279s][info][gc           ] GC(1) Concurrent Sweep 19.800ms
      [3.280s][info][gc,heap      ] GC(1) Old: 142000K->92000K(174000K)`);
    expect(events.map((e) => [e.id, e.kind, e.pauseMs, e.collector])).toEqual([
      [1, 'initial-mark', 3.2, 'CMS'],
      [1, 'remark', 1.9, 'CMS'],
    ]);
    expect(records.filter((r): r is PhaseRecord => r.type === 'phase').map((p) => [p.name, p.durationMs])).toEqual([
      ['Concurrent Mark', 22.1],
      ['Concurrent Sweep', 19.8],
    ]);
    expect(records.filter((r) => r.type === 'unknown')).toEqual([]);
  });

  it('does not count the young pause of CMSScavengeBeforeRemark twice: it runs inside the remark pause', () => {
    const { events } = parse(`[0.642s][info][gc,start     ] GC(2) Pause Remark
      [0.642s][info][gc,start     ] GC(3) Pause Young (CMS Final Remark)
      [0.642s][info][gc,heap      ] GC(3) ParNew: 5900K->5800K(46000K)
      [0.642s][info][gc,heap      ] GC(3) CMS: 48000K->48000K(51200K)
      [0.642s][info][gc           ] GC(3) Pause Young (CMS Final Remark) 53M->53M(95M) 0.040ms
      [0.646s][info][gc           ] GC(2) Pause Remark 53M->53M(95M) 3.300ms`);
    expect(events.map((e) => [e.id, e.kind, e.pauseMs])).toEqual([
      [3, 'young', 0],
      [2, 'remark', 3.3],
    ]);
    expect(events[0]!.cause).toBe('CMS Final Remark; pause counted in the enclosing Pause Remark');
    expect(events[0]!.generations?.young).toEqual({ beforeBytes: 5900 * K, afterBytes: 5800 * K, committedBytes: 46000 * K });
  });

  it('reads a log written with time,uptime,level and no tags', () => {
    const { events } = parse(`[2023-08-29T14:56:00.695+0800][2.452s][info] GC(3) Pause Young (Allocation Failure)
      [2023-08-29T14:56:00.695+0800][2.452s][info] GC(3) Using 4 workers of 4 for evacuation
      [2023-08-29T14:56:01.670+0800][3.427s][info] GC(3) ParNew: 305400K->34000K(306600K)
      [2023-08-29T14:56:01.670+0800][3.427s][info] GC(3) CMS: 0K->229400K(1756400K)
      [2023-08-29T14:56:01.670+0800][3.427s][info] GC(3) Pause Young (Allocation Failure) 298M->257M(2014M) 974.417ms
      [2023-08-29T14:56:01.670+0800][3.427s][info] GC(3) User=3.55s Sys=0.23s Real=0.97s`);
    expect(events[0]).toMatchObject({
      collector: 'CMS',
      kind: 'young',
      pauseMs: 974.417,
      startSec: 2.452,
      wallTime: '2023-08-29T14:56:00.695+08:00',
      heapBeforeBytes: 298 * M,
      heapAfterBytes: 257 * M,
    });
    expect(events[0]!.generations?.old).toEqual({ beforeBytes: 0, afterBytes: 229400 * K, committedBytes: 1756400 * K });
  });

  it('reads a log with the uptime decorator only, and the JDK 9–13 safepoint lines', () => {
    const { events, records } = parse(`[0.026s] Using Concurrent Mark Sweep
      [0.752s] GC(0) Pause Young (Allocation Failure) 239M->224M(970M) 226.267ms
      [0.753s][info][safepoint     ] Entering safepoint region: GenCollectForAllocation
      [0.753s][info][safepoint     ] Leaving safepoint region
      [0.753s][info][safepoint     ] Total time for which application threads were stopped: 0,2270000 seconds, Stopping threads took: 0,0001158 seconds`);
    expect(events[0]).toMatchObject({ collector: 'CMS', id: 0, kind: 'young', pauseMs: 226.267, startSec: 0.525733 });
    expect(records.find((r): r is SafepointRecord => r.type === 'safepoint')).toMatchObject({ name: 'GenCollectForAllocation', stoppedMs: 227, reachingMs: 0.1158, startSec: 0.526 });
  });
});
