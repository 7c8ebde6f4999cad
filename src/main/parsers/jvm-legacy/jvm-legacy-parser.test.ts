/** PrintGC, Parallel and Serial lines, each value worked out by hand from the line. K is 1024 bytes. */
import { describe, expect, it } from 'vitest';
import { KB, MB, parseLegacy } from './test-helpers';

describe('JvmLegacyParser: PrintGC (-verbose:gc)', () => {
  it('reads [GC a->b(c), t secs] and [Full GC …]: no collector named, no clock', () => {
    const { events, unknown } = parseLegacy(['[GC 1024K->512K(2048K), 0.0012345 secs]', '[Full GC 1024K->512K(2048K), 0.0012345 secs]'].join('\n'));
    expect(unknown).toEqual([]);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      type: 'gc',
      runtime: 'jvm',
      collector: 'legacy-unknown',
      kind: 'young',
      id: null,
      startSec: null,
      wallTime: null,
      cause: null,
      heapBeforeBytes: MB,
      heapAfterBytes: 512 * KB,
      heapCommittedBytes: 2 * MB,
      forced: false,
      generations: null,
      source: { file: 'gc.log', line: 1 },
    });
    expect(events[0]!.pauseMs).toBe(1.2345);
    expect(events[1]).toMatchObject({ kind: 'full', source: { line: 2 } });
  });

  it('takes the collector from the CommandLine flags header', () => {
    const { events, parser } = parseLegacy(
      [
        'Java HotSpot(TM) 64-Bit Server VM (25.45-b02) for linux-amd64 JRE (1.8.0_45-b14), built on Apr 10 2015 10:07:35 by "java_re" with gcc 4.3.0',
        'Memory: 4k page, physical 16342892k(2213500k free), swap 0k(0k free)',
        'CommandLine flags: -XX:InitialHeapSize=261486272 -XX:+PrintGC -XX:+UseConcMarkSweepGC -XX:+UseParNewGC',
        '0.486: [GC (Allocation Failure)  245362K->234628K(993280K), 0.1909734 secs]',
      ].join('\n'),
    );
    expect(events[0]).toMatchObject({ collector: 'legacy-CMS', kind: 'young', cause: 'Allocation Failure', startSec: 0.486, heapBeforeBytes: 245362 * KB });
    expect(parser.recognised.header).toBe(3);
  });

  it('tells the two CMS mark pauses apart when PrintGC prints them alike: they alternate', () => {
    const { events } = parseLegacy(
      ['0.423: [GC 41044K->41232K(83008K), 0.0526802 secs]', '0.477: [GC 46468K(83008K), 0.0039333 secs]', '0.555: [GC 58256K->50668K(83008K), 0.0284159 secs]', '0.585: [GC 50934K(83008K), 0.0049002 secs]'].join('\n'),
    );
    expect(events.map((e) => `${e.collector} ${e.kind}`)).toEqual(['legacy-unknown young', 'legacy-CMS initial-mark', 'legacy-CMS young', 'legacy-CMS remark']);
    // A mark frees nothing: the heap it reports is the heap before and after.
    expect(events[1]).toMatchObject({ heapBeforeBytes: 46468 * KB, heapAfterBytes: 46468 * KB, heapCommittedBytes: 83008 * KB });
    expect(events[3]!.pauseMs).toBe(4.9002);
  });

  it('reads JDK 1.3 lines, generations written inline and the cause in angle brackets', () => {
    const { events } = parseLegacy(
      [
        '[GC 30463K->3108K(1571712K) eden 30463K->0K survivor 0K->1152K tenured 0K->1956K, 0.1282309 secs]',
        '[Full GC invoke=2 size=0 <System.gc()> 93589K->92458K(1571712K) new 7773K->0K(31616K) tenured 85815K->92458K(1540096K) permanent 8019K->8019K(8192K), 1.9574394 secs]',
      ].join('\n'),
    );
    expect(events[0]).toMatchObject({ kind: 'young', heapBeforeBytes: 30463 * KB, heapAfterBytes: 3108 * KB, heapCommittedBytes: 1571712 * KB });
    // Young is eden plus survivor: 30463K + 0K before, 0K + 1152K after.
    expect(events[0]!.generations).toEqual({
      young: { beforeBytes: 30463 * KB, afterBytes: 1152 * KB, committedBytes: null },
      survivor: { beforeBytes: 0, afterBytes: 1152 * KB, committedBytes: null },
      old: { beforeBytes: 0, afterBytes: 1956 * KB, committedBytes: null },
    });
    expect(events[1]).toMatchObject({ kind: 'full', cause: 'System.gc()', forced: true });
    expect(events[1]!.generations).toEqual({
      young: { beforeBytes: 7773 * KB, afterBytes: 0, committedBytes: 31616 * KB },
      old: { beforeBytes: 85815 * KB, afterBytes: 92458 * KB, committedBytes: 1540096 * KB },
      metaspace: { beforeBytes: 8019 * KB, afterBytes: 8019 * KB, committedBytes: 8192 * KB },
    });
    expect(events[1]!.pauseMs).toBe(1957.4394);
  });
});

describe('JvmLegacyParser: Parallel', () => {
  it('reads PrintGCDetails with date and time stamps: wallTime, startSec, cause, generations', () => {
    const { events, parser } = parseLegacy(
      '2014-03-28T20:51:21.123+0100: 12.345: [GC (Allocation Failure) [PSYoungGen: 1024K->512K(2048K)] 4096K->3584K(8192K), 0.0012345 secs] [Times: user=0.01 sys=0.00, real=0.00 secs]',
    );
    expect(events[0]).toMatchObject({
      collector: 'legacy-Parallel',
      kind: 'young',
      wallTime: '2014-03-28T20:51:21.123+01:00',
      startSec: 12.345,
      cause: 'Allocation Failure',
      heapBeforeBytes: 4 * MB,
      heapAfterBytes: 3584 * KB,
      heapCommittedBytes: 8 * MB,
      generations: { young: { beforeBytes: MB, afterBytes: 512 * KB, committedBytes: 2 * MB } },
    });
    expect(events[0]!.pauseMs).toBe(1.2345);
    expect(parser.recognised.times).toBe(1);
  });

  it('reads a System.gc() Full GC: forced, every space, and the JDK 8 metaspace', () => {
    const [e] = parseLegacy(
      '10.500: [Full GC (System.gc()) [PSYoungGen: 512K->0K(2048K)] [ParOldGen: 3072K->1024K(6144K)] 3584K->1024K(8192K), [Metaspace: 2560K->2560K(1056768K)], 0.0250000 secs]',
    ).events;
    expect(e).toMatchObject({ kind: 'full', cause: 'System.gc()', forced: true, pauseMs: 25, heapBeforeBytes: 3584 * KB, heapAfterBytes: MB });
    expect(e!.generations).toEqual({
      young: { beforeBytes: 512 * KB, afterBytes: 0, committedBytes: 2 * MB },
      old: { beforeBytes: 3 * MB, afterBytes: MB, committedBytes: 6 * MB },
      metaspace: { beforeBytes: 2560 * KB, afterBytes: 2560 * KB, committedBytes: 1056768 * KB },
    });
  });

  it('keeps the failed young collection (GC--) and the Full GC after it as two collections', () => {
    const { events } = parseLegacy(
      [
        '429.344: [GC-- [PSYoungGen: 876977K->876977K(876992K)] 2335451K->2412975K(2412992K), 0.7651430 secs]',
        '430.109: [Full GC [PSYoungGen: 876977K->0K(876992K)] [PSOldGen: 1535997K->960990K(1536000K)] 2412975K->960990K(2412992K) [PSPermGen: 67657K->67657K(67712K)], 6.7396390 secs]',
      ].join('\n'),
    );
    expect(events.map((e) => [e.kind, e.cause, e.pauseMs])).toEqual([
      ['young', 'promotion failed', 765.143],
      ['full', null, 6739.639],
    ]);
  });

  it('cuts PrintAdaptiveSizePolicy out of the middle of a collection', () => {
    const { events, unknown, parser } = parseLegacy(
      [
        '0.153: [GCAdaptiveSizePolicy::old generation size: collection: 1 (4194304) -> (8781824) ',
        'AdaptiveSizePolicy::survivor space sizes: collection: 1 (524288, 524288) -> (1441792, 524288) filler object size: 0',
        ' 3054K->3065K(13056K), 0.0077290 secs]',
      ].join('\n'),
    );
    expect(unknown).toEqual([]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'young', startSec: 0.153, pauseMs: 7.729, heapBeforeBytes: 3054 * KB, source: { line: 1 } });
    expect(parser.recognised['adaptive-size']).toBe(2);
  });

  it('reads the GC id of PrintGCID', () => {
    const [e] = parseLegacy(
      '2022-07-26T21:00:45.037+0800: 7.405: #1: [GC (System.gc()) [PSYoungGen: 3729513K->98289K(8257536K)] 3729529K->98321K(9306112K), 0.1937274 secs]',
    ).events;
    expect(e).toMatchObject({ id: 1, startSec: 7.405, kind: 'young', forced: true, collector: 'legacy-Parallel' });
  });
});

describe('JvmLegacyParser: Serial', () => {
  it('reads DefNew as a young Serial collection', () => {
    const [e] = parseLegacy('0.000: [GC 0.000: [DefNew: 1534K->128K(1664K), 0.0082759 secs] 1534K->276K(16256K), 0.0084272 secs]').events;
    expect(e).toMatchObject({ collector: 'legacy-Serial', kind: 'young', startSec: 0, pauseMs: 8.4272, generations: { young: { beforeBytes: 1534 * KB, afterBytes: 128 * KB, committedBytes: 1664 * KB } } });
  });

  it('reads a young collection that went on to Tenured as one full collection, counted once', () => {
    const { events } = parseLegacy(
      '2021-12-07T11:18:11.833+0800: #2: [GC (Allocation Failure) 2021-12-07T11:18:11.833+0800: #2: [DefNew: 78655K->8703K(78656K), 0.0837783 secs]2021-12-07T11:18:11.917+0800: #3: [Tenured: 176115K->174136K(176128K), 0.1988447 secs] 184821K->174136K(254784K), [Metaspace: 3244K->3244K(1056768K)], 0.2828418 secs] [Times: user=0.27 sys=0.02, real=0.28 secs]',
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ id: 2, startSec: null, wallTime: '2021-12-07T11:18:11.833+08:00', collector: 'legacy-Serial', kind: 'full', pauseMs: 282.8418 });
    expect(events[0]!.generations!.old).toEqual({ beforeBytes: 176115 * KB, afterBytes: 174136 * KB, committedBytes: 176128 * KB });
  });

  it('joins a Tenured bracket that an unloading notice broke over two lines', () => {
    const { events, unknown } = parseLegacy(['31.788: [Full GC 31.788: [Tenured[Unloading class xyz]', ': 16141K->13914K(16528K), 0.8032950 secs] 17881K->13914K(18640K), 0.8036514 secs]'].join('\n'));
    expect(unknown).toEqual([]);
    expect(events[0]).toMatchObject({ kind: 'full', collector: 'legacy-Serial', pauseMs: 803.6514, generations: { old: { beforeBytes: 16141 * KB, afterBytes: 13914 * KB, committedBytes: 16528 * KB } } });
  });
});
