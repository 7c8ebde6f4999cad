import { describe, expect, it } from 'vitest';
import { looksLikeJvmLegacy } from './legacy-detect';

describe('looksLikeJvmLegacy', () => {
  it.each([
    '0.294: [GC 0.294: [ParNew: 104960K->13042K(118016K), 0.0284337 secs] 104960K->34501K(249088K), 0.0285898 secs]',
    '2014-03-28T20:51:21.123+0100: 12.345: [GC (Allocation Failure) [PSYoungGen: 1024K->512K(2048K)] 4096K->3584K(8192K), 0.0012345 secs]',
    '2022-08-01T17:16:33.170+0000: 0.169: #0: [GC (Allocation Failure) …',
    '[GC 30463K->3108K(1571712K) eden 30463K->0K survivor 0K->1152K tenured 0K->1956K, 0.1282309 secs]',
    '[Full GC 1024K->512K(2048K), 0.0012345 secs]',
    '2012-02-24T03:44:05.111-0800: 8.413: [GC pause (young), 0.14482200 secs]',
    '0.708: [CMS-concurrent-mark-start]',
    '2022-08-17T16:20:47.685+0800: 2.469: [Pause Init Mark (process weakrefs), start]',
    'Java HotSpot(TM) 64-Bit Server VM (25.45-b02) for windows-amd64 JRE (1.8.0_45-b15), built on Apr 30 2015 12:40:44 by "java_re"',
    'CommandLine flags: -XX:InitialHeapSize=261486272 -XX:+PrintGC',
    'Total time for which application threads were stopped: 0.0081637 seconds',
  ])('claims %s', (line) => {
    expect(looksLikeJvmLegacy(line)).toBe(true);
  });

  it.each([
    'gc 1 @0.009s 4%: 0.072+1.5+0.004 ms clock, 0.28+0.71/1.1/0.050+0.016 ms cpu, 4->4->0 MB, 4 MB goal, 4 P',
    '[0.123s][info][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 24M->4M(256M) 3.456ms',
    '[2020-01-01T00:00:00.000+0000][info][safepoint] Total time for which application threads were stopped: 0.0001 seconds',
    '[0.003s][info][gc] Using G1',
    '[INFO ][memory ] GC mode: Garbage collection optimized for short pausetimes',
    '[memory ] 0.816: parallel nursery GC 8960K->4236K (24576K), 13.545 ms',
    '<af type="tenured" id="1" timestamp="Jun 11 15:36:53 2008" intervalms="0.000">',
    '<GC: 2 4.020320 1 104 32 25179176 0 107544576 0 0 13369344 0 3343624 268435456 5242800 5242800 5242880 0.117212 >',
    'INFO request served in 12 ms',
    '',
  ])('does not claim %s', (line) => {
    expect(looksLikeJvmLegacy(line)).toBe(false);
  });
});
