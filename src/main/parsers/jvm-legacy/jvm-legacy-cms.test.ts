/** ParNew / CMS, with the concurrent phases and diagnostic tables HotSpot splices into its lines. */
import { describe, expect, it } from 'vitest';
import { KB, MB, parseLegacy } from './test-helpers';

describe('JvmLegacyParser: ParNew / CMS', () => {
  it('this line is a 12.3 ms ParNew young pause from 24 MB to 4 MB, heap committed 256 MB', () => {
    const [e] = parseLegacy('5.000: [GC (Allocation Failure) 5.000: [ParNew: 24576K->4096K(27648K), 0.0122000 secs] 24576K->4096K(262144K), 0.0123000 secs]').events;
    expect(e).toMatchObject({ collector: 'legacy-CMS', kind: 'young', pauseMs: 12.3, heapBeforeBytes: 24 * MB, heapAfterBytes: 4 * MB, heapCommittedBytes: 256 * MB });
  });

  it('splits a CMS concurrent phase spliced into a ParNew line and keeps both', () => {
    const { records, events, phases, unknown } = parseLegacy(
      [
        '1.565: [GC 1.565: [ParNew1.578: [CMS-concurrent-abortable-preclean: 0.002/0.190 secs] [Times: user=0.09 sys=0.00, real=0.19 secs] ',
        ': 118008K->13040K(118016K), 0.0281748 secs] 194351K->128075K(249088K), 0.0282363 secs] [Times: user=0.03 sys=0.02, real=0.03 secs] ',
      ].join('\n'),
    );
    expect(unknown).toEqual([]);
    expect(records.map((r) => r.type)).toEqual(['phase', 'gc']);
    // The phase line is stamped when the phase ended; its wall time is the second figure.
    expect(phases[0]).toMatchObject({ collector: 'legacy-CMS', name: 'concurrent-abortable-preclean', durationMs: 190, id: null, source: { line: 1 } });
    expect(phases[0]!.startSec).toBeCloseTo(1.388, 12);
    expect(events[0]).toMatchObject({ kind: 'young', startSec: 1.565, pauseMs: 28.2363, heapBeforeBytes: 194351 * KB, source: { line: 1 } });
    expect(events[0]!.generations!.young).toEqual({ beforeBytes: 118008 * KB, afterBytes: 13040 * KB, committedBytes: 118016 * KB });
  });

  it('keeps concurrent mode failure as the cause of one full collection', () => {
    const { events, phases } = parseLegacy(
      [
        '0.769: [GC 0.769: [ParNew: 118006K->118006K(118016K), 0.0000176 secs]0.769: [CMS0.769: [CMS-concurrent-abortable-preclean: 0.001/0.055 secs] [Times: user=0.02 sys=0.00, real=0.06 secs] ',
        ' (concurrent mode failure): 91890K->20323K(131072K), 0.0186232 secs] 209896K->20323K(249088K), [CMS Perm : 2561K->2560K(21248K)], 0.0187293 secs] [Times: user=0.01 sys=0.00, real=0.02 secs] ',
      ].join('\n'),
    );
    expect(phases).toHaveLength(1);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'full', cause: 'concurrent mode failure', pauseMs: 18.7293, heapBeforeBytes: 209896 * KB, heapAfterBytes: 20323 * KB, heapCommittedBytes: 249088 * KB });
    expect(events[0]!.generations).toEqual({
      young: { beforeBytes: 118006 * KB, afterBytes: 118006 * KB, committedBytes: 118016 * KB },
      old: { beforeBytes: 91890 * KB, afterBytes: 20323 * KB, committedBytes: 131072 * KB },
      metaspace: { beforeBytes: 2561 * KB, afterBytes: 2560 * KB, committedBytes: 21248 * KB },
    });
  });

  it('reads promotion failed as one full collection whose pause holds both steps', () => {
    const { events } = parseLegacy(
      '2021-09-24T22:54:19.430+0800: 23501.549: [GC (Allocation Failure) 2021-09-24T22:54:19.430+0800: 23501.550: [ParNew (promotion failed): 7689600K->7689600K(7689600K), 5.2751800 secs]2021-09-24T22:54:24.705+0800: 23506.825: [CMS: 9258265K->5393434K(12582912K), 14.5693099 secs] 16878013K->5393434K(20272512K), [Metaspace: 208055K->203568K(1253376K)], 19.8476364 secs] [Times: user=19.95 sys=0.05, real=19.85 secs]',
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'full', cause: 'Allocation Failure, promotion failed', pauseMs: 19847.6364, startSec: 23501.549 });
  });

  it('reads tenuring distribution inside a ParNew as noise and the collection as one', () => {
    const { events, unknown, parser } = parseLegacy(
      [
        '22.254: [GC 22.254: [ParNew',
        'Desired survivor size 1114112 bytes, new threshold 1 (max 15)',
        '- age   1:    2161664 bytes,    2161664 total',
        ': 17000K->2111K(19136K), 0.0135012 secs] 18711K->4609K(83008K), 0.0135866 secs] [Times: user=0.02 sys=0.00, real=0.01 secs] ',
      ].join('\n'),
    );
    expect(unknown).toEqual([]);
    expect(events).toEqual([expect.objectContaining({ kind: 'young', pauseMs: 13.5866, source: { file: 'gc.log', line: 1 } })]);
    expect(parser.recognised.tenuring).toBe(2);
  });

  it('reads the initial mark and the remark as pauses of their own, phases as spans', () => {
    const { events, phases, parser } = parseLegacy(
      [
        '40.729: [GC [1 CMS-initial-mark: 32664K(63872K)] 35030K(83008K), 0.0043917 secs] [Times: user=0.01 sys=0.00, real=0.01 secs] ',
        '40.733: [CMS-concurrent-mark-start]',
        '40.802: [CMS-concurrent-mark: 0.065/0.069 secs] [Times: user=0.13 sys=0.00, real=0.07 secs] ',
        '40.832: [GC[YG occupancy: 3671 K (19136 K)]40.832: [Rescan (parallel) , 0.0024463 secs]40.834: [weak refs processing, 0.0009752 secs] [1 CMS-remark: 32664K(63872K)] 36335K(83008K), 0.0036293 secs] [Times: user=0.01 sys=0.00, real=0.01 secs] ',
      ].join('\n'),
    );
    expect(events.map((e) => [e.kind, e.pauseMs])).toEqual([
      ['initial-mark', 4.3917],
      ['remark', 3.6293],
    ]);
    expect(events[0]!.generations!.old).toEqual({ beforeBytes: 32664 * KB, afterBytes: 32664 * KB, committedBytes: 63872 * KB });
    expect(events[1]!.generations!.young).toEqual({ beforeBytes: 3671 * KB, afterBytes: 3671 * KB, committedBytes: 19136 * KB });
    expect(phases).toEqual([expect.objectContaining({ name: 'concurrent-mark', durationMs: 69 })]);
    expect(parser.recognised['phase-marker']).toBe(1);
  });

  it('counts the young collection CMSScavengeBeforeRemark runs inside the remark once, as the remark', () => {
    const { events } = parseLegacy(
      [
        '2022-10-14T14:28:50.765+0800: 171.721: [GC (CMS Final Remark) [YG occupancy: 1056998 K (1922432 K)]2022-10-14T14:28:50.765+0800: 171.721: [GC (CMS Final Remark) 2022-10-14T14:28:50.765+0800: 171.721: [ParNew: 1056998K->151245K(1922432K), 0.1588173 secs] 2442587K->1615175K(4019584K), 0.1590607 secs] [Times: user=0.49 sys=0.05, real=0.16 secs]',
        '2022-10-14T14:28:50.924+0800: 171.880: [Rescan (parallel) , 0.0482726 secs]2022-10-14T14:28:50.973+0800: 171.929: [weak refs processing, 0.0000506 secs][1 CMS-remark: 1463930K(2097152K)] 1615175K(4019584K), 0.3629243 secs] [Times: user=0.83 sys=0.06, real=0.36 secs]',
      ].join('\n'),
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'remark', cause: 'CMS Final Remark', collector: 'legacy-CMS', pauseMs: 362.9243, startSec: 171.721 });
  });

  it('reads CMS phases and collections numbered by PrintGCID', () => {
    const { records } = parseLegacy(
      [
        '2022-08-01T17:16:33.198+0000: 0.197: #2: [GC (CMS Initial Mark) [1 CMS-initial-mark: 15645K(21888K)] 18533K(31680K), 0.0010369 secs] [Times: user=0.00 sys=0.00, real=0.00 secs]',
        '2022-08-01T17:16:33.213+0000: 0.212: #2: [CMS-concurrent-mark: 0.005/0.013 secs] [Times: user=0.01 sys=0.01, real=0.02 secs]',
      ].join('\n'),
    );
    expect(records).toEqual([
      expect.objectContaining({ type: 'gc', id: 2, kind: 'initial-mark', pauseMs: 1.0369 }),
      expect.objectContaining({ type: 'phase', id: 2, name: 'concurrent-mark', durationMs: 13 }),
    ]);
  });

  it('cuts a TLAB table out of a collection and counts it', () => {
    const { events, unknown, parser } = parseLegacy(
      [
        '2016-10-09T01:00:57.051+0800: 50.628: [GC TLAB: gc thread: 0x00007f2f0c00d800 [id: 27957] desired_size: 1024KB slow allocs: 0  refill waste: 16384B alloc: 0.01526    51200KB refills: 1 waste 97.7% gc: 1024928B slow: 0B fast: 0B',
        'TLAB: gc thread: 0x00007f2f0c00b800 [id: 27956] desired_size: 1024KB slow allocs: 0  refill waste: 16384B alloc: 0.01526    51200KB refills: 1 waste 90.1% gc: 944688B slow: 0B fast: 0B',
        'TLAB totals: thrds: 25  refills: 3201 max: 3155 slow allocs: 821 max 799 waste:  0.7% gc: 19037968B max: 1048456B slow: 3914672B max: 3899656B fast: 0B max: 0B',
        '50.628: [ParNew62.880: [SoftReference, 0 refs, 0.0005810 secs]62.881: [WeakReference, 7744 refs, 0.0020630 secs]67.453: [JNI Weak Reference, 0.1600790 secs]',
        ': 3672622K->419392K(3774912K), 16.9859670 secs] 3672622K->595737K(5872064K), 16.9862000 secs] [Times: user=4.48 sys=25.48, real=16.98 secs] ',
      ].join('\n'),
    );
    expect(unknown).toEqual([]);
    expect(events).toEqual([expect.objectContaining({ kind: 'young', pauseMs: 16986.2, heapAfterBytes: 595737 * KB })]);
    expect(parser.recognised.tlab).toBe(3);
  });

  it('cuts PrintFLSStatistics out of a collection', () => {
    const { events, unknown, parser } = parseLegacy(
      [
        '2014-10-20T21:03:07.419+0200: 0.356: [GCBefore GC:',
        'Statistics for BinaryTreeDictionary:',
        '------------------------------------',
        'Total Free Space: 7289486',
        '2014-10-20T21:03:07.419+0200: 0.356: [ParNew: 4878K->492K(4928K), 0.0028687 secs] 69671K->68647K(98300K)After GC:',
        'Total Free Space: 6428906',
        ', 0.0030039 secs] [Times: user=0.00 sys=0.00, real=0.00 secs]',
      ].join('\n'),
    );
    expect(unknown).toEqual([]);
    expect(events).toEqual([expect.objectContaining({ kind: 'young', pauseMs: 3.0039, heapBeforeBytes: 69671 * KB })]);
    expect(parser.recognised['fls-statistics']).toBe(6);
  });
});
