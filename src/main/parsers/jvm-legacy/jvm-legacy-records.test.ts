/** Safepoints, headers and runs, and the lines the parser reports as not understood. */
import { describe, expect, it } from 'vitest';
import { KB, parseLegacy, totalPauseMs } from './test-helpers';

describe('JvmLegacyParser: safepoints, headers and runs', () => {
  it('reads PrintGCApplicationStoppedTime as safepoints, even where two threads garbled the stamps', () => {
    const { safepoints, parser } = parseLegacy(
      [
        '2017-12-06T13:17:28.143-0500: 1.019: Application time: 0.9697840 seconds',
        '2017-12-06T13:17:28.143-0500: 1.019: Total time for which application threads were stopped: 0.0001542 seconds, Stopping threads took: 0.0000327 seconds',
        'Total time for which application threads were stopped: 0.0081637 seconds',
        '652.538: 652.538Total time for which application threads were stopped: 0.0061060 seconds',
      ].join('\n'),
    );
    expect(safepoints).toEqual([
      { type: 'safepoint', name: null, startSec: 1.019, wallTime: '2017-12-06T13:17:28.143-05:00', stoppedMs: 0.1542, reachingMs: 0.0327, source: { file: 'gc.log', line: 2 } },
      { type: 'safepoint', name: null, startSec: null, wallTime: null, stoppedMs: 8.1637, reachingMs: null, source: { file: 'gc.log', line: 3 } },
      { type: 'safepoint', name: null, startSec: 652.538, wallTime: null, stoppedMs: 6.106, reachingMs: null, source: { file: 'gc.log', line: 4 } },
    ]);
    expect(parser.recognised['application-time']).toBe(1);
  });

  it('starts a new run at a second VM banner, but not at one the log rotation wrote', () => {
    const banner = 'OpenJDK 64-Bit Server VM (25.212-b469) for linux-amd64 JRE (1.8.0_212-b469), built on Jun 16 2019 15:54:49 by "admin" with gcc 4.8.2';
    const gc = (t: string) => `${t}: [GC (Allocation Failure) [PSYoungGen: 1024K->512K(2048K)] 4096K->3584K(8192K), 0.0012345 secs]`;
    const { runs } = parseLegacy(
      [
        banner,
        gc('1.000'),
        '2016-04-14 22:37:22 GC log file has reached the maximum size. Saved as logs/gc.log.0',
        '2016-04-14 22:37:22 GC log file created logs/gc.log.1',
        banner,
        gc('2.000'),
        banner,
        gc('0.500'),
      ].join('\n'),
    );
    expect(runs).toEqual([{ type: 'run-start', run: 1, source: { file: 'gc.log', line: 7 } }]);
  });

  it('starts a new run where the uptime goes back without a banner', () => {
    const { runs } = parseLegacy(['5.000: [GC 1024K->512K(2048K), 0.0012345 secs]', '9.000: [GC 1024K->512K(2048K), 0.0012345 secs]', '0.300: [GC 1024K->512K(2048K), 0.0012345 secs]'].join('\n'));
    expect(runs).toEqual([{ type: 'run-start', run: 1, source: { file: 'gc.log', line: 3 } }]);
  });

  it('recognises PrintHeapAtGC blocks and learns the collector from them', () => {
    const { events, unknown, parser } = parseLegacy(
      [
        '{Heap before GC invocations=20034 (full 925):',
        ' garbage-first heap   total 10485760K, used 10437559K [0x0000000570000000, 0x00000007f0000000, 0x00000007f0000000)',
        '  region size 4096K, 1 young (4096K), 1 survivors (4096K)',
        ' compacting perm gen  total 176128K, used 174474K [0x00000007f0000000, 0x00000007fac00000, 0x0000000800000000)',
        '   the space 176128K,  99% used [0x00000007f0000000, 0x00000007faa62b68, 0x00000007faa62c00, 0x00000007fac00000)',
        'No shared spaces configured.',
        '189074.607: [Full GC 10192M->7271M(10240M), 37.0629320 secs]',
        'Heap after GC invocations=20035 (full 926):',
        '}',
      ].join('\n'),
    );
    expect(unknown).toEqual([]);
    expect(events[0]).toMatchObject({ collector: 'legacy-G1', kind: 'full', pauseMs: 37062.932 });
    expect(parser.recognised['heap-at-gc']).toBe(8);
  });
});

describe('JvmLegacyParser: what it does not understand', () => {
  it('reports a collection that never closes, every line of it, at the end', () => {
    const { events, unknown } = parseLegacy(['0.265: [GC (Allocation Failure) 0.265: [DefNew', 'Desired survivor size 557056 bytes, new threshold 1 (max 15)', ': 8704K->1088K(9792K), 0.0039555 secs] 8704K->16'].join('\n'));
    expect(events).toEqual([]);
    expect(unknown.map((u) => u.source.line)).toEqual([1, 3]);
  });

  it('reports a collection cut short by the next one, and reads the next one', () => {
    const { events, unknown } = parseLegacy(['1.000: [GC 1.000: [ParNew: 8064K->0K(8128K), 0.0164429 se', '2.847: [GC 2.847: [ParNew: 8128K->0K(8192K), 0.0154899 secs] 8968K->1231K(131072K), 0.0156780 secs]'].join('\n'));
    expect(unknown.map((u) => u.source.line)).toEqual([1]);
    expect(events.map((e) => e.startSec)).toEqual([2.847]);
  });

  it('reports GC-looking lines it cannot read, and ignores application output', () => {
    const { events, unknown } = parseLegacy(
      ['INFO starting server on :8080', ', 0,0854230 secs]', '   [Eden: 2486,0M(2486,0M)->0,0B(320,0M) Survivors: 36,0M->36,0M Heap: 4982,3M(5704,0M)->2498,4M(5704,0M)]', '30285,518: cation threads were stopped: 0,0002170 seconds', '[GC garbage]'].join('\n'),
    );
    expect(events).toEqual([]);
    expect(unknown.map((u) => u.source.line)).toEqual([2, 3, 4, 5]);
  });

  it('finds a collection behind a prefix someone else wrote', () => {
    const [e] = parseLegacy('**** Error\tThu Mar 22 10:48:56 MST 2007\t[GC 309294K->279726K(1571712K) eden 30463K->0K survivor 1152K->1152K tenured 277678K->278574K, 0.2959285 secs]').events;
    expect(e).toMatchObject({ kind: 'young', pauseMs: 295.9285, heapBeforeBytes: 309294 * KB });
  });

  it('reads a line holding thousands of collections, and long runs of garbage, without running out of stack', () => {
    const many = '[GC 1024K->512K(2048K), 0.0010000 secs]'.repeat(20_000);
    const { events } = parseLegacy(many);
    expect(events).toHaveLength(20_000);
    expect(events.every((e) => e.source.line === 1)).toBe(true);
    const garbage = [' '.repeat(200_000) + 'x', '9'.repeat(200_000) + ' concurrent-', 'a' + ' '.repeat(200_000) + 'total', '[Pause ' + 'x'.repeat(200_000), '1.0: [GC ' + '['.repeat(100_000)];
    const { unknown } = parseLegacy(garbage.join('\n'));
    expect(unknown.map((u) => u.source.line)).toEqual([5]);
    expect(unknown[0]!.text.length).toBeLessThanOrEqual(501);
  });

  it('never throws on NULs, huge numbers or unbalanced brackets', () => {
    const lines = ['\u0000\u0000[GC', '[GC ' + '9'.repeat(400) + 'K->1K(2K), 1e309 secs]', ']]]]', '[[[[', '0.1: [Full GC [PSYoungGen: -1K->NaNK(0x1FK)], secs]', '1.0: [GC (', '2.0: [CMS-concurrent-mark: 0.1/'];
    const { unknown } = parseLegacy(lines.join('\n'));
    expect(totalPauseMs(parseLegacy(lines.join('\n')).events)).not.toBeNaN();
    expect(unknown.length).toBeGreaterThan(0);
  });
});
