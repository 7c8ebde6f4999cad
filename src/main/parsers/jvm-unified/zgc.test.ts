import { describe, expect, it } from 'vitest';
import type { PhaseRecord } from '../../../shared/gc-event';
import { parseUnified } from './test-parse';

const M = 1024 * 1024;

const parse = (text: string) => parseUnified(text, 'z.log');

describe('ZGC, non-generational (JDK 17)', () => {
  it('sums the three pauses into one cycle and takes the heap from the Mark Start and Relocate End columns', () => {
    const { events, records } = parse(`[0.010s][info][gc     ] Using The Z Garbage Collector
      [0.265s][info][gc,start    ] GC(3) Garbage Collection (Allocation Stall)
      [0.265s][info][gc,ref      ] GC(3) Clearing All SoftReferences
      [0.265s][info][gc,phases   ] GC(3) Pause Mark Start 0.007ms
      [0.269s][info][gc,phases   ] GC(3) Concurrent Mark 3.993ms
      [0.269s][info][gc,phases   ] GC(3) Pause Mark End 0.010ms
      [0.272s][info][gc,phases   ] GC(3) Concurrent Select Relocation Set 1.913ms
      [0.272s][info][gc,phases   ] GC(3) Pause Relocate Start 0.004ms
      [0.273s][info][gc,phases   ] GC(3) Concurrent Relocate 1.252ms
      [0.273s][info][gc,load     ] GC(3) Load: 4.06/3.52/1.65
      [0.273s][info][gc,metaspace] GC(3) Metaspace: 0M used, 0M committed, 1088M reserved
      [0.273s][info][gc,heap     ] GC(3) Min Capacity: 8M(6%)
      [0.273s][info][gc,heap     ] GC(3)                Mark Start          Mark End        Relocate Start      Relocate End           High               Low         
      [0.273s][info][gc,heap     ] GC(3)  Capacity:      128M (100%)        128M (100%)        128M (100%)        128M (100%)        128M (100%)        128M (100%)   
      [0.273s][info][gc,heap     ] GC(3)      Free:        0M (0%)            0M (0%)            0M (0%)           96M (75%)          96M (75%)           0M (0%)     
      [0.273s][info][gc,heap     ] GC(3)      Used:      128M (100%)        128M (100%)        128M (100%)         32M (25%)         128M (100%)         32M (25%)    
      [0.273s][info][gc,heap     ] GC(3)      Live:         -                19M (16%)          19M (16%)          19M (16%)            -                  -          
      [0.273s][info][gc,heap     ] GC(3) Allocated:         -                 0M (0%)            2M (2%)            9M (8%)             -                  -          
      [0.273s][info][gc,heap     ] GC(3) Reclaimed:         -                  -                 2M (2%)          105M (83%)            -                  -          
      [0.273s][info][gc          ] GC(3) Garbage Collection (Allocation Stall) 128M(100%)->32M(25%)`);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      collector: 'ZGC',
      id: 3,
      kind: 'cycle',
      cause: 'Allocation Stall',
      startSec: 0.265,
      heapBeforeBytes: 128 * M,
      heapAfterBytes: 32 * M,
      heapCommittedBytes: 128 * M,
      liveBytes: 19 * M,
      source: { line: 20 },
    });
    expect(events[0]!.pauseMs).toBe(0.021); // 0.007 + 0.010 + 0.004
    expect(events[0]!.concurrentMs).toBe(7.158); // 3.993 + 1.913 + 1.252
    expect(records.filter((r): r is PhaseRecord => r.type === 'phase').map((p) => p.name)).toEqual(['Concurrent Mark', 'Concurrent Select Relocation Set', 'Concurrent Relocate']);
    expect(records.filter((r) => r.type === 'unknown')).toEqual([]);
  });

  it('reads the summary alone (-Xlog:gc): sizes with shares of the heap, no duration, decimal commas in the uptime', () => {
    const { events } = parse(`[0.995s][info][gc] Using The Z Garbage Collector
      [2,048s][info][gc] GC(1) Garbage Collection (Warmup) 208M(20%)->164M(16%)
      [3,742s][info][gc] GC(4) Garbage Collection (System.gc()) 10124M(10%)->5020M(5%)`);
    expect(events.map((e) => [e.id, e.cause, e.startSec, e.heapBeforeBytes, e.heapAfterBytes, e.pauseMs, e.forced])).toEqual([
      [1, 'Warmup', 2.048, 208 * M, 164 * M, 0, false],
      [4, 'System.gc()', 3.742, 10124 * M, 5020 * M, 0, true],
    ]);
  });
});

describe('ZGC, generational (JDK 21+)', () => {
  const majorWithMinor = `[0.036s][info][gc     ] Using The Z Garbage Collector
    [0.260s][info][gc          ] GC(26) Major Collection (Allocation Rate)
    [0.260s][info][gc,task     ] GC(26) Using 1 Workers for Young Generation
    [0.260s][info][gc,phases   ] GC(26) Y: Young Generation
    [0.260s][info][gc,phases   ] GC(26) Y: Pause Mark Start (Major) 0.012ms
    [0.261s][info][gc,phases   ] GC(26) Y: Concurrent Mark 1.218ms
    [0.261s][info][gc,phases   ] GC(26) Y: Pause Mark End 0.009ms
    [0.261s][info][gc,phases   ] GC(26) Y: Pause Relocate Start 0.005ms
    [0.262s][info][gc,alloc    ] GC(26) Y:                         Mark Start        Mark End      Relocate Start    Relocate End   
    [0.262s][info][gc,heap     ] GC(26) Y: Heap Statistics:
    [0.262s][info][gc,heap     ] GC(26) Y:                Mark Start          Mark End        Relocate Start      Relocate End           High               Low         
    [0.262s][info][gc,heap     ] GC(26) Y:  Capacity:      128M (100%)        128M (100%)        128M (100%)        128M (100%)        128M (100%)        128M (100%)   
    [0.262s][info][gc,heap     ] GC(26) Y:      Used:       66M (52%)          74M (58%)          74M (58%)          50M (39%)          78M (61%)          50M (39%)    
    [0.262s][info][gc,heap     ] GC(26) Y: Young Generation Statistics:
    [0.262s][info][gc,heap     ] GC(26) Y:                Mark Start          Mark End        Relocate Start      Relocate End    
    [0.262s][info][gc,heap     ] GC(26) Y:      Used:       32M (25%)          40M (31%)          40M (31%)          16M (12%)    
    [0.262s][info][gc,heap     ] GC(26) Y:      Live:         -                 2M (2%)            2M (2%)            2M (2%)     
    [0.262s][info][gc,phases   ] GC(26) Y: Young Generation 66M(52%)->50M(39%) 0.002s
    [0.262s][info][gc,phases   ] GC(26) O: Old Generation
    [0.262s][info][gc          ] GC(27) Minor Collection (Allocation Rate)
    [0.262s][info][gc,phases   ] GC(27) y: Young Generation
    [0.263s][info][gc,phases   ] GC(27) y: Pause Mark Start 0.007ms
    [0.265s][info][gc,phases   ] GC(27) y: Concurrent Mark 1.291ms
    [0.265s][info][gc,phases   ] GC(27) y: Pause Mark End 0.007ms
    [0.265s][info][gc,phases   ] GC(27) y: Pause Relocate Start 0.005ms
    [0.269s][info][gc,heap     ] GC(27) y: Young Generation Statistics:
    [0.269s][info][gc,heap     ] GC(27) y:      Used:       24M (19%)          36M (28%)          34M (27%)          32M (25%)    
    [0.269s][info][gc,phases   ] GC(27) y: Young Generation 52M(41%)->74M(58%) 0.007s
    [0.269s][info][gc          ] GC(27) Minor Collection (Allocation Rate) 52M(41%)->76M(59%) 0.007s
    [0.272s][info][gc,phases   ] GC(26) O: Concurrent Mark 9.886ms
    [0.272s][info][gc,phases   ] GC(26) O: Pause Mark End 0.008ms
    [0.280s][info][gc,phases   ] GC(26) O: Pause Relocate Start 0.009ms
    [0.286s][info][gc,heap     ] GC(26) O: Heap Statistics:
    [0.286s][info][gc,heap     ] GC(26) O:                Mark Start          Mark End        Relocate Start      Relocate End           High               Low         
    [0.286s][info][gc,heap     ] GC(26) O:  Capacity:      128M (100%)        128M (100%)        128M (100%)        128M (100%)        128M (100%)        128M (100%)   
    [0.286s][info][gc,heap     ] GC(26) O:      Used:       66M (52%)          80M (62%)          86M (67%)          92M (72%)          92M (72%)          50M (39%)    
    [0.286s][info][gc,heap     ] GC(26) O: Old Generation Statistics:
    [0.286s][info][gc,heap     ] GC(26) O:                Mark Start          Mark End        Relocate Start      Relocate End    
    [0.286s][info][gc,heap     ] GC(26) O:      Used:       34M (27%)          42M (33%)          42M (33%)          36M (28%)    
    [0.286s][info][gc,heap     ] GC(26) O:      Live:         -                24M (19%)          24M (19%)          24M (19%)    
    [0.286s][info][gc,phases   ] GC(26) O: Old Generation 52M(41%)->92M(72%) 0.023s
    [0.286s][info][gc          ] GC(26) Major Collection (Allocation Rate) 66M(52%)->62M(48%) 0.026s`;

  it('keeps a minor collection that runs inside a major one apart, each with its own pauses', () => {
    const { events, records } = parse(majorWithMinor);
    expect(events.map((e) => [e.id, e.kind, e.collector])).toEqual([
      [27, 'minor', 'ZGC-generational'],
      [26, 'major', 'ZGC-generational'],
    ]);
    const [minor, major] = events;
    expect(minor).toMatchObject({ cause: 'Allocation Rate', startSec: 0.262, heapBeforeBytes: 52 * M, heapAfterBytes: 76 * M, heapCommittedBytes: null, liveBytes: null });
    expect(minor!.pauseMs).toBe(0.019); // 0.007 + 0.007 + 0.005
    expect(minor!.generations).toEqual({ young: { beforeBytes: 24 * M, afterBytes: 32 * M, committedBytes: null } });
    expect(major).toMatchObject({ cause: 'Allocation Rate', startSec: 0.26, heapBeforeBytes: 66 * M, heapAfterBytes: 62 * M, heapCommittedBytes: 128 * M, source: { line: 42 } });
    expect(major!.pauseMs).toBe(0.043); // Y: 0.012 + 0.009 + 0.005, O: 0.008 + 0.009
    // Live at relocate end, young and old: 2 MB + 24 MB.
    expect(major!.liveBytes).toBe(26 * M);
    expect(major!.generations).toEqual({
      young: { beforeBytes: 32 * M, afterBytes: 16 * M, committedBytes: null },
      old: { beforeBytes: 34 * M, afterBytes: 36 * M, committedBytes: null },
    });
    const phases = records.filter((r): r is PhaseRecord => r.type === 'phase');
    expect(phases.map((p) => [p.id, p.name, p.durationMs])).toEqual([
      [26, 'Y: Concurrent Mark', 1.218],
      [27, 'y: Concurrent Mark', 1.291],
      [26, 'O: Concurrent Mark', 9.886],
    ]);
    expect(records.filter((r) => r.type === 'unknown')).toEqual([]);
  });

  it('emits a collection the log ends in the middle of, with the pauses seen so far', () => {
    const { events } = parse(`[0.036s][info][gc] Using The Z Garbage Collector
      [3.100s][info][gc          ] GC(90) Minor Collection (Allocation Rate)
      [3.100s][info][gc,phases   ] GC(90) y: Pause Mark Start 0.011ms
      [3.101s][info][gc,phases   ] GC(90) y: Concurrent Mark 0.500ms
      [3.101s][info][gc,phases   ] GC(90) y: Pause Mark End 0.006ms`);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ id: 90, kind: 'minor', collector: 'ZGC-generational', pauseMs: 0.017, cause: 'Allocation Rate; incomplete: the log ends before its summary', source: { line: 2 } });
  });

  it('ends a collection the JVM aborts on its way out', () => {
    const { events, records } = parse(`[0.036s][info][gc] Using The Z Garbage Collector
      [2.300s][info][gc          ] GC(469) Major Collection (Allocation Rate)
      [2.301s][info][gc,phases   ] GC(469) Y: Pause Mark Start (Major) 0.012ms
      [2.340s][info][gc          ] GC(470) Minor Collection (Allocation Rate)
      [2.341s][info][gc,phases   ] GC(470) y: Pause Mark Start 0.009ms
      [2.356s][info][gc          ] GC(470) Minor Collection (Allocation Rate) Aborted
      [2.356s][info][gc          ] GC(469) Major Collection (Allocation Rate) Aborted`);
    expect(records.filter((r) => r.type === 'unknown')).toEqual([]);
    expect(events.map((e) => [e.id, e.kind, e.pauseMs, e.cause, e.source.line])).toEqual([
      [470, 'minor', 0.009, 'Allocation Rate; aborted', 6],
      [469, 'major', 0.012, 'Allocation Rate; aborted', 7],
    ]);
  });
});
