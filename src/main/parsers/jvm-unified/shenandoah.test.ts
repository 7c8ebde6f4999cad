import { describe, expect, it } from 'vitest';
import type { PhaseRecord, SafepointRecord } from '../../../shared/gc-event';
import { parseUnified } from './test-parse';

const M = 1024 * 1024;

const parse = (text: string) => parseUnified(text, 'shen.log');

describe('Shenandoah (JDK 17, uptime,level,tags)', () => {
  const cycle = `[0.005s][info][gc] Using Shenandoah
    [0.072s][info][gc          ] Trigger: Learning 1 of 5. Free (91136K) is below initial threshold (91750K)
    [0.072s][info][gc,start    ] GC(0) Concurrent reset
    [0.072s][info][gc          ] GC(0) Concurrent reset 0.082ms
    [0.074s][info][gc,start    ] GC(0) Pause Init Mark (unload classes)
    [0.074s][info][gc          ] GC(0) Pause Init Mark (unload classes) 0.065ms
    [0.074s][info][safepoint   ] Safepoint "ShenandoahInitMark", Time since last: 59524847 ns, Reaching safepoint: 85637 ns, Cleanup: 29193 ns, At safepoint: 91806 ns, Total: 206636 ns
    [0.081s][info][gc          ] GC(0) Concurrent marking (unload classes) 2.732ms
    [0.081s][info][gc,start    ] GC(0) Pause Final Mark (unload classes)
    [0.081s][info][gc          ] GC(0) Pause Final Mark (unload classes) 0.052ms
    [0.082s][info][gc,start    ] GC(0) Concurrent cleanup
    [0.082s][info][gc          ] GC(0) Concurrent cleanup 45M->36M(128M) 0.018ms
    [0.084s][info][gc          ] GC(0) Concurrent evacuation 2.564ms
    [0.084s][info][gc          ] GC(0) Pause Init Update Refs 0.013ms
    [0.085s][info][gc          ] GC(0) Concurrent update references 0.771ms
    [0.085s][info][gc,start    ] GC(0) Pause Final Update Refs
    [0.085s][info][gc          ] GC(0) Pause Final Update Refs 0.014ms
    [0.086s][info][gc,start    ] GC(0) Concurrent cleanup
    [0.086s][info][gc          ] GC(0) Concurrent cleanup 51M->25M(128M) 0.020ms
    [0.086s][info][gc,metaspace] Metaspace: 148K(384K)->148K(384K) NonClass: 142K(256K)->143K(256K) Class: 5K(128K)->5K(128K)`;

  it('sums the four pauses of a cycle into one event: 0.144 ms, heap from the first cleanup to the last', () => {
    const { events, records } = parse(cycle);
    expect(events).toHaveLength(1);
    const e = events[0]!;
    expect(e).toMatchObject({
      collector: 'Shenandoah',
      id: 0,
      kind: 'cycle',
      cause: 'Learning 1 of 5. Free (91136K) is below initial threshold (91750K)',
      startSec: 0.072,
      heapBeforeBytes: 45 * M,
      heapAfterBytes: 25 * M,
      heapCommittedBytes: 128 * M,
      source: { line: 19 },
    });
    expect(e.pauseMs).toBe(0.144); // 0.065 + 0.052 + 0.013 + 0.014
    expect(e.concurrentMs).toBe(6.187); // 0.082 + 2.732 + 0.018 + 2.564 + 0.771 + 0.020
    const phases = records.filter((r): r is PhaseRecord => r.type === 'phase');
    expect(phases.map((p) => p.name)).toEqual([
      'Concurrent reset',
      'Concurrent marking',
      'Concurrent cleanup',
      'Concurrent evacuation',
      'Concurrent update references',
      'Concurrent cleanup',
    ]);
    expect(records.filter((r) => r.type === 'unknown')).toEqual([]);
  });

  it('finishes a cycle that degenerates under the same id as one degenerated event, pauses summed', () => {
    const { events } = parse(`[0.401s][info][gc] Using Shenandoah
      [19.438s][info][gc            ] Trigger: Free (400M) is below minimum threshold (410M)
      [19.438s][info][gc,start      ] GC(6) Concurrent reset
      [19.489s][info][gc            ] GC(6) Concurrent reset 50.389ms
      [19.533s][info][gc            ] GC(6) Pause Init Mark (process weakrefs) 8.436ms
      [22.700s][info][gc            ] Cancelling GC: Allocation Failure
      [22.765s][info][gc            ] GC(6) Concurrent marking (process weakrefs) 3217.031ms
      [22.794s][info][gc,start      ] GC(6) Pause Degenerated GC (Mark)
      [28.414s][info][gc            ] GC(6) Pause Degenerated GC (Mark) 7686M->6159M(8192M) 5619.337ms`);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      id: 6,
      kind: 'degenerated',
      cause: 'Free (400M) is below minimum threshold (410M); cancelled: Allocation Failure; degenerated at Mark',
      startSec: 19.438,
      heapBeforeBytes: 7686 * M,
      heapAfterBytes: 6159 * M,
    });
    expect(events[0]!.pauseMs).toBe(5627.773); // 8.436 + 5619.337
  });

  it('keeps a cancelled cycle and the degenerated collection under the next id apart', () => {
    const { events } = parse(`[0.401s][info][gc] Using Shenandoah
      [293.776s][info][gc,start       ] GC(15) Pause Init Mark (process weakrefs)
      [293.824s][info][gc             ] GC(15) Pause Init Mark (process weakrefs) 48.092ms
      [311.751s][info][gc             ] Cancelling GC: Allocation Failure
      [311.757s][info][gc             ] GC(15) Concurrent marking (process weakrefs) 17931.188ms
      [311.760s][info][gc             ] Trigger: Handle Allocation Failure
      [311.763s][info][gc,start       ] GC(16) Pause Degenerated GC (Mark)
      [333.837s][info][gc             ] GC(16) Cancelling GC: Upgrade To Full GC
      [352.868s][info][gc             ] GC(16) Pause Degenerated GC (Mark) 7739M->4348M(8192M) 41105.490ms`);
    expect(events.map((e) => [e.id, e.kind, e.pauseMs, e.cause])).toEqual([
      [15, 'cycle', 48.092, 'cancelled: Allocation Failure'],
      [16, 'degenerated', 41105.49, 'Handle Allocation Failure; upgraded to full GC; degenerated at Mark'],
    ]);
  });

  it('reads a full collection and its safepoint under a decimal-comma locale', () => {
    const { events, records } = parse(`[1,474s][info][gc                ] Cancelling concurrent GC: System.gc()
      [1,475s][info][gc,start          ] GC(0) Pause Full (System.gc())
      [1,478s][info][gc,phases         ] GC(0) Phase 1: Mark live objects 3,635ms
      [1,481s][info][gc                ] GC(0) Pause Full (System.gc()) 10M->1M(128M) 6,572ms
      [1,481s][info][safepoint         ] Total time for which application threads were stopped: 0,0067930 seconds, Stopping threads took: 0,0000270 seconds`);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ collector: 'Shenandoah', kind: 'full', cause: 'System.gc()', forced: true, pauseMs: 6.572, startSec: 1.475, heapBeforeBytes: 10 * M, heapAfterBytes: 1 * M });
    expect(records.find((r): r is SafepointRecord => r.type === 'safepoint')).toMatchObject({ stoppedMs: 6.793, reachingMs: 0.027, startSec: 1.474207 });
  });
});
