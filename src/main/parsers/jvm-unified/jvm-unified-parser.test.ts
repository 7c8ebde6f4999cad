import { describe, expect, it } from 'vitest';
import type { UnknownRecord } from '../../../shared/gc-event';
import { detectFormat } from '../gc-log-formats';
import { looksLikeJvmUnified } from './jvm-unified-parser';
import { parseUnified } from './test-parse';

function parse(text: string) {
  const parsed = parseUnified(text, 'run.log');
  return { ...parsed, unknown: parsed.records.filter((r): r is UnknownRecord => r.type === 'unknown') };
}

describe('JvmUnifiedParser: runs', () => {
  it('starts a new run when the uptime jumps back (a restarted JVM appending to the same file)', () => {
    const { records } = parse(`[0.010s][info][gc] Using G1
      [5.000s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->4M(256M) 3.456ms
      [9.000s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 30M->5M(256M) 2.000ms
      [0.011s][info][gc] Using G1
      [2.000s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 1.000ms`);
    expect(records.map((r) => (r.type === 'gc' ? `gc ${r.id}` : r.type === 'run-start' ? `run ${r.run} at ${r.source.line}` : r.type))).toEqual([
      'gc 0',
      'gc 1',
      'run 1 at 4',
      'gc 0',
    ]);
  });

  it('starts a new run at a `Using …` header after events, when the log has no uptime', () => {
    const { records, events } = parse(`[2023-12-03T00:00:00.100+0800][info][gc] Using Parallel
      [2023-12-03T00:00:09.884+0800][info][gc] GC(0) Pause Young (Allocation Failure) 78M->48M(97M) 52.476ms
      [2023-12-03T00:01:00.000+0800][info][gc] Using Serial
      [2023-12-03T00:01:09.884+0800][info][gc] GC(0) Pause Young (Allocation Failure) 78M->48M(97M) 40.000ms`);
    expect(records.filter((r) => r.type === 'run-start')).toEqual([{ type: 'run-start', run: 1, source: { file: 'run.log', line: 3 } }]);
    expect(events.map((e) => [e.collector, e.startSec, e.wallTime])).toEqual([
      ['Parallel', null, '2023-12-03T00:00:09.832+08:00'],
      ['Serial', null, '2023-12-03T00:01:09.844+08:00'],
    ]);
  });

  it('does not take lines a little out of order for a new run', () => {
    const { records } = parse(`[8.784s][info][gc] GC(3) Pause Full (Allocation Failure) 120M->60M(128M) 10.000ms
      [8.783s][info][gc] GC(4) Pause Full (Allocation Failure) 120M->60M(128M) 10.000ms`);
    expect(records.some((r) => r.type === 'run-start')).toBe(false);
  });
});

describe('JvmUnifiedParser: what it does not understand', () => {
  it('reports a GC line with a pause it cannot read as unknown, with its line', () => {
    const { unknown, events } = parse(`[0.010s][info][gc] Using G1
      [1.000s][info][gc] GC(0) Pause Sideways (Normal) 24M->4M(256M) 3.456ms
      [1.100s][info][gc] GC(1) Something new happened
      [1.200s][info][gc] GC(2) Pause Young (Normal) (G1 Evacuation Pause) 24M->4M(256M) 3.456ms
      [1.300s][info][gc] A new kind of header`);
    expect(events.map((e) => e.id)).toEqual([2]);
    expect(unknown.map((u) => u.source.line)).toEqual([2, 3, 5]);
    expect(unknown[0]!.text).toBe('[1.000s][info][gc] GC(0) Pause Sideways (Normal) 24M->4M(256M) 3.456ms');
  });

  it('counts lines of other tags and detail lines, never as unknown', () => {
    const { unknown, parser } = parse(`[0.050s][info][class,load   ] java.lang.Object source: jrt:/java.base
      [0.060s][info][os,thread    ] Thread attached (tid: 296, pthread id: 140273253615360).
      [1.000s][info][gc,age       ] GC(0) Desired survivor size 7340032 bytes, new threshold 15 (max threshold 15)
      [1.000s][debug][gc,ergo,heap ] GC(0) New generation size 16384K->16448K [eden=5568K,survivor=5440K]
      [1.000s][info][gc,stats     ] === Garbage Collection Statistics ===
      [1.000s][info][gc           ] Allocation Stall (main) 0.706ms`);
    expect(unknown).toEqual([]);
    expect(parser.recognised).toEqual({ 'not-gc': 2, tenuring: 1, ergonomics: 1, statistics: 1, stall: 1 });
  });

  it('never throws on garbage, NULs, truncated and huge numbers', () => {
    const junk = [
      '\u0000\u0000[0.1s]\u0000',
      '[',
      '[]',
      '[0.5s][info][gc] GC(',
      '[0.5s][info][gc] GC(99999999999999999999) Pause Young (Normal) (G1 Evacuation Pause) 24M->4M(256M) 3.456ms',
      '[0.5s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 99999999999999999999999M->4M(256M) 1e309ms',
      '[0.5s][info][gc] GC(2) Pause Young (((((',
      '[0.5s][info][gc,heap] GC(3) Eden regions: ->(',
      '[0.5s][info][safepoint] Safepoint "X", Total: ns',
      '[0.5s][info][gc] GC(4) Garbage Collection (',
      '[0.5s][info][gc,heap] GC(4)      Used:   (((  -  -',
      'ÿþ[0.5s]\uFFFD[gc]',
    ];
    expect(() => parse(junk.join('\n'))).not.toThrow();
  });
});

describe('format detection', () => {
  it('claims unified lines of every decorator style', () => {
    for (const line of [
      '[0.354s][info][gc          ] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 51M->26M(100M) 20.955ms',
      '[2023-08-29T14:56:00.355+0800][2.112s][info] GC(2) Pause Initial Mark',
      '[2022-01-29T16:34:51.642+0000][233ms][info][gc          ] GC(5) Concurrent Mark Cycle',
      '[0.752s] GC(0) Pause Young (Allocation Failure) 239M->224M(970M) 226.267ms',
      '[1,474s][info][safepoint         ] Application time: 0,0423040 seconds',
      '[0.017s][info][gc,heap] Heap region size: 2M',
    ]) {
      expect(looksLikeJvmUnified(line), line).toBe(true);
      expect(detectFormat(line), line).toBe('jvm-unified');
    }
  });

  it('does not claim JDK 8, JRockit or Go gctrace lines', () => {
    for (const line of [
      '[GC (Allocation Failure)  1024K->512K(2048K), 0.0012345 secs]',
      '[Full GC (Ergonomics)  1024K->512K(2048K), 0.0123450 secs]',
      '2015-05-26T14:45:37.987-0200: 151.126: [GC (Allocation Failure) 151.126: [DefNew: 629119K->69888K(629120K), 0.0584157 secs]',
      '0.269: [GC pause (G1 Evacuation Pause) (young), 0.0034500 secs]',
      '   [Parallel Time: 2.4 ms, GC Workers: 4]',
      '[memory ] 0.435-0.459: GC 196608K->100183K (262144K), 24.001 ms',
      '[INFO ][memory ] [YC#1] 0.435-0.459: YC 196608KB->100183KB (262144KB), 0.024 s, sum of pauses 23.954 ms',
      'gc 1 @0.012s 2%: 0.01+1.2+0.02 ms clock, 0.1+0.2/1.1/2.0+0.08 ms cpu, 4->4->0 MB, 5 MB goal, 4 P',
      '[2021-03-04T10:00:00Z] gc 12 @3.4s 1%: 0.01+1.2+0.02 ms clock, 0.1+0.2/1.1/2.0+0.08 ms cpu, 4->4->0 MB, 5 MB goal, 4 P',
    ]) {
      expect(looksLikeJvmUnified(line), line).toBe(false);
    }
  });
});
