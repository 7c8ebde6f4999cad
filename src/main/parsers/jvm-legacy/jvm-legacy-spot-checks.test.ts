/**
 * One collection per collector and decoration style, taken apart by hand from
 * its line in ../shared/corpus/jvm (quoted above each check) and compared
 * field by field. K is 1024 bytes, M 1024 K; secs become ms by moving the point.
 */
import { describe, expect, it } from 'vitest';
import type { GcEvent, ParsedRecord } from '../../../shared/gc-event';
import { corpusPath, hasCorpus } from '../../../../test/helpers/corpus';
import { readGcLog } from '../../core/gc-log-reader';
import { KB, MB } from './test-helpers';

const cache = new Map<string, Promise<ParsedRecord[]>>();

function records(file: string): Promise<ParsedRecord[]> {
  let got = cache.get(file);
  if (!got) {
    const list: ParsedRecord[] = [];
    got = readGcLog({ path: corpusPath('jvm', file), name: file }, { onRecord: (r) => list.push(r) }).then(() => list);
    cache.set(file, got);
  }
  return got;
}

/** The collection whose first line is `line`. */
async function eventAt(file: string, line: number): Promise<GcEvent> {
  const event = (await records(file)).find((r): r is GcEvent => r.type === 'gc' && r.source.line === line);
  if (!event) throw new Error(`no collection starts at ${file}:${line}`);
  return event;
}

describe.skipIf(!hasCorpus)('JvmLegacyParser spot checks against the raw lines', () => {
  it('Serial, time stamps, tenuring table inside: serial180.log:1', async () => {
    // 0.265: [GC (Allocation Failure) 0.265: [DefNew  /  …  /  : 8704K->1088K(9792K), 0.0039555 secs] 8704K->1634K(31680K), 0.0041700 secs]
    const e = await eventAt('gctoolkit/preunified/serial/defnew/details/tenuring/180/serial180.log', 1);
    expect(e).toMatchObject({ collector: 'legacy-Serial', kind: 'young', startSec: 0.265, wallTime: null, cause: 'Allocation Failure', pauseMs: 4.17 });
    expect(e).toMatchObject({ heapBeforeBytes: 8704 * KB, heapAfterBytes: 1634 * KB, heapCommittedBytes: 31680 * KB });
    expect(e.generations).toEqual({ young: { beforeBytes: 8704 * KB, afterBytes: 1088 * KB, committedBytes: 9792 * KB } });
  });

  it('Serial, date stamps and GC ids, young turned full: jifa/8SerialGCParser.log:3', async () => {
    // 2021-12-07T11:18:11.833+0800: #2: [GC (Allocation Failure) …#2: [DefNew: 78655K->8703K(78656K), 0.0837783 secs]…#3: [Tenured: 176115K->174136K(176128K), 0.1988447 secs] 184821K->174136K(254784K), [Metaspace: 3244K->3244K(1056768K)], 0.2828418 secs]
    const e = await eventAt('jifa/8SerialGCParser.log', 3);
    expect(e).toMatchObject({ collector: 'legacy-Serial', kind: 'full', id: 2, startSec: null, wallTime: '2021-12-07T11:18:11.833+08:00', pauseMs: 282.8418 });
    expect(e.generations).toEqual({
      young: { beforeBytes: 78655 * KB, afterBytes: 8703 * KB, committedBytes: 78656 * KB },
      old: { beforeBytes: 176115 * KB, afterBytes: 174136 * KB, committedBytes: 176128 * KB },
      metaspace: { beforeBytes: 3244 * KB, afterBytes: 3244 * KB, committedBytes: 1056768 * KB },
    });
  });

  it('Parallel, time stamps, PSOldGen and PSPermGen: 1074_2.log:574', async () => {
    // 42384.024: [Full GC [PSYoungGen: 1696K->0K(70464K)] [PSOldGen: 928442K->125867K(932096K)] 930139K->125867K(1002560K) [PSPermGen: 37030K->37030K(65536K)], 117.0312620 secs]
    const e = await eventAt('gctoolkit/preunified/ps/details/1074_2.log', 574);
    expect(e).toMatchObject({ collector: 'legacy-Parallel', kind: 'full', startSec: 42384.024, cause: null, pauseMs: 117031.262, heapBeforeBytes: 930139 * KB, heapAfterBytes: 125867 * KB, heapCommittedBytes: 1002560 * KB });
    expect(e.generations!.old).toEqual({ beforeBytes: 928442 * KB, afterBytes: 125867 * KB, committedBytes: 932096 * KB });
    expect(e.generations!.metaspace).toEqual({ beforeBytes: 37030 * KB, afterBytes: 37030 * KB, committedBytes: 65536 * KB });
  });

  it('Parallel, date and time stamps, ParOldGen: long_pause.log:597', async () => {
    // 2017-03-05T07:57:02.064-0500: 619.609: [Full GC (Ergonomics) [PSYoungGen: 17152K->0K(269824K)] [ParOldGen: 341395K->307548K(531968K)] 358547K->307548K(801792K) [PSPermGen: …], 0.6412190 secs]
    const e = await eventAt('gctoolkit/preunified/ps/details/long_pause.log', 597);
    expect(e).toMatchObject({ kind: 'full', cause: 'Ergonomics', forced: false, wallTime: '2017-03-05T07:57:02.064-05:00', startSec: 619.609, pauseMs: 641.219 });
    expect(e.generations!.young).toEqual({ beforeBytes: 17152 * KB, afterBytes: 0, committedBytes: 269824 * KB });
  });

  it('Parallel, PrintGCID: SampleSun1_8_0ParallelPrintGCID.txt:5', async () => {
    // 2022-07-26T21:00:45.037+0800: 7.405: #1: [GC (System.gc()) [PSYoungGen: 3729513K->98289K(8257536K)] 3729529K->98321K(9306112K), 0.1937274 secs]
    const e = await eventAt('gcviewer/openjdk/SampleSun1_8_0ParallelPrintGCID.txt', 5);
    expect(e).toMatchObject({ collector: 'legacy-Parallel', kind: 'young', id: 1, cause: 'System.gc()', forced: true, pauseMs: 193.7274, heapBeforeBytes: 3729529 * KB, heapAfterBytes: 98321 * KB });
  });

  it('Parallel, gzipped, reference processing and tenuring across lines: streaming/gc.log.gz:99', async () => {
    // 2017-12-06T13:17:31.984-0500: 4.860: [GC (Allocation Failure) …[JNI Weak Reference, 0.0000180 secs]  /  Desired survivor size …  /  [PSYoungGen: 262144K->29262K(305664K)] 262144K->29278K(1005056K), 0.0284964 secs]
    const e = await eventAt('gctoolkit/streaming/gc.log.gz', 99);
    expect(e).toMatchObject({ collector: 'legacy-Parallel', kind: 'young', startSec: 4.86, pauseMs: 28.4964, heapBeforeBytes: 262144 * KB, heapAfterBytes: 29278 * KB, heapCommittedBytes: 1005056 * KB });
    // 2017-12-06T13:17:28.143-0500: 1.019: Total time for which application threads were stopped: 0.0001542 seconds, Stopping threads took: 0.0000327 seconds
    const safepoint = (await records('gctoolkit/streaming/gc.log.gz')).find((r) => r.type === 'safepoint' && r.source.line === 5);
    expect(safepoint).toEqual({ type: 'safepoint', name: null, startSec: 1.019, wallTime: '2017-12-06T13:17:28.143-05:00', stoppedMs: 0.1542, reachingMs: 0.0327, source: { file: 'gctoolkit/streaming/gc.log.gz', line: 5 } });
  });

  it('ParNew, time stamps: SampleSun1_5_0ConcurrentModeFailure.txt:1', async () => {
    // 1.221: [GC 1.221: [ParNew: 8064K->0K(8128K), 0.0164429 secs] 8064K->840K(131008K), 0.0166800 secs]
    const e = await eventAt('gcviewer/openjdk/SampleSun1_5_0ConcurrentModeFailure.txt', 1);
    expect(e).toMatchObject({ collector: 'legacy-CMS', kind: 'young', startSec: 1.221, pauseMs: 16.68, heapBeforeBytes: 8064 * KB, heapAfterBytes: 840 * KB, heapCommittedBytes: 131008 * KB });
  });

  it('ParNew, date and time stamps: SampleSun1_8_0Series-Part1.txt:4', async () => {
    // 2016-04-14T22:30:09.108+0200: 1.053: [GC (Allocation Failure) 1.053: [ParNew: 218496K->25704K(245760K), 0.0145305 secs] 218496K->25704K(791936K), 0.0146984 secs]
    const e = await eventAt('gcviewer/openjdk/SampleSun1_8_0Series-Part1.txt', 4);
    expect(e).toMatchObject({ collector: 'legacy-CMS', kind: 'young', wallTime: '2016-04-14T22:30:09.108+02:00', startSec: 1.053, pauseMs: 14.6984, heapCommittedBytes: 791936 * KB });
  });

  it('CMS, PrintGCID: the initial mark and the phase of the same cycle share the id: SampleSun1_8_0CmsPrintGcId.txt:6', async () => {
    // …0.197: #2: [GC (CMS Initial Mark) [1 CMS-initial-mark: 15645K(21888K)] 18533K(31680K), 0.0010369 secs]
    const file = 'gcviewer/openjdk/SampleSun1_8_0CmsPrintGcId.txt';
    expect(await eventAt(file, 6)).toMatchObject({ kind: 'initial-mark', id: 2, pauseMs: 1.0369, heapBeforeBytes: 18533 * KB, generations: { old: { beforeBytes: 15645 * KB, afterBytes: 15645 * KB, committedBytes: 21888 * KB } } });
    // …0.212: #2: [CMS-concurrent-mark: 0.005/0.013 secs]
    const phase = (await records(file)).find((r) => r.type === 'phase' && r.source.line === 9);
    expect(phase).toMatchObject({ collector: 'legacy-CMS', id: 2, name: 'concurrent-mark', durationMs: 13 });
  });

  it('CMS, PrintGC only, causes name the marks: jifa/8CMSPrintGC.log:3-4', async () => {
    // 1.334: [GC (CMS Initial Mark)  480684K(993280K), 0.0002189 secs]  /  1.653: [GC (CMS Final Remark)  633602K(993280K), 0.0015383 secs]
    expect(await eventAt('jifa/8CMSPrintGC.log', 3)).toMatchObject({ collector: 'legacy-CMS', kind: 'initial-mark', pauseMs: 0.2189, heapBeforeBytes: 480684 * KB, generations: null });
    expect(await eventAt('jifa/8CMSPrintGC.log', 4)).toMatchObject({ collector: 'legacy-CMS', kind: 'remark', pauseMs: 1.5383, heapAfterBytes: 633602 * KB });
  });

  it('CMS, a phase spliced into a concurrent mode failure: SampleSun1_6_0CMS.txt:12-13', async () => {
    // 0.769: [GC 0.769: [ParNew: 118006K->118006K(118016K), 0.0000176 secs]0.769: [CMS0.769: [CMS-concurrent-abortable-preclean: 0.001/0.055 secs] …
    //  (concurrent mode failure): 91890K->20323K(131072K), 0.0186232 secs] 209896K->20323K(249088K), [CMS Perm : 2561K->2560K(21248K)], 0.0187293 secs]
    const e = await eventAt('gcviewer/openjdk/SampleSun1_6_0CMS.txt', 12);
    expect(e).toMatchObject({ kind: 'full', cause: 'concurrent mode failure', pauseMs: 18.7293, heapBeforeBytes: 209896 * KB, heapAfterBytes: 20323 * KB });
  });

  it('G1, time stamps, details: 170_51mastermind.log:1', async () => {
    // 0.079: [GC pause (young), 0.0029120 secs]  /  …  /  [Eden: 24.0M(24.0M)->0.0B(34.0M) Survivors: 0.0B->3072.0K Heap: 24.0M(256.0M)->5965.3K(256.0M)]
    const e = await eventAt('gctoolkit/preunified/g1gc/details/170_51mastermind.log', 1);
    expect(e).toMatchObject({ collector: 'legacy-G1', kind: 'young', startSec: 0.079, pauseMs: 2.912, heapBeforeBytes: 24 * MB, heapAfterBytes: Math.round(5965.3 * KB), heapCommittedBytes: 256 * MB });
    expect(e.generations).toEqual({ young: { beforeBytes: 24 * MB, afterBytes: 3 * MB, committedBytes: 37 * MB }, survivor: { beforeBytes: 0, afterBytes: 3 * MB, committedBytes: null } });
  });

  it('G1, date and time stamps, details: SampleSun1_7_0-02_G1_young.txt:1', async () => {
    // 2012-02-24T03:44:05.111-0800: 8.413: [GC pause (young), 0.14482200 secs]  /  …  /  [Eden: 1024M(1024M)->0B(896M) Survivors: 0B->128M Heap: 1105M(2048M)->380M(2048M)]
    const e = await eventAt('gcviewer/openjdk/SampleSun1_7_0-02_G1_young.txt', 1);
    expect(e).toMatchObject({ kind: 'young', wallTime: '2012-02-24T03:44:05.111-08:00', startSec: 8.413, pauseMs: 144.822, heapBeforeBytes: 1105 * MB, heapAfterBytes: 380 * MB, heapCommittedBytes: 2048 * MB });
  });

  it('G1, decimal commas: SampleSun1_7_0G1_PauseWithComma.txt:1', async () => {
    // 2014-03-01T00:01:27.461+0100: 0,0165: [GC pause (young), 0,0665670 secs]  /  …Heap: 4985,5M(11,5G)->4491,0M(11,5G)]
    const e = await eventAt('gcviewer/openjdk/SampleSun1_7_0G1_PauseWithComma.txt', 1);
    expect(e).toMatchObject({ startSec: 0.0165, pauseMs: 66.567, heapBeforeBytes: 4985.5 * MB, heapAfterBytes: 4491 * MB, heapCommittedBytes: 11.5 * 1024 * MB });
  });

  it('G1, PrintGC only, JDK 6 partial pause is mixed: SampleSun1_6_0G1_gc_verbose.txt:57', async () => {
    // 0.758: [GC pause (partial) 18M->15M(224M), 0.0038194 secs]
    expect(await eventAt('gcviewer/openjdk/SampleSun1_6_0G1_gc_verbose.txt', 57)).toMatchObject({ collector: 'legacy-G1', kind: 'mixed', pauseMs: 3.8194, heapBeforeBytes: 18 * MB, heapAfterBytes: 15 * MB, heapCommittedBytes: 224 * MB });
  });

  it('G1, Full GC with its metaspace: neo4j-gc-fragment.log:7', async () => {
    // 2014-06-25T00:11:00.943+0000: 3.392: [Full GC (Metadata GC Threshold)  165M->72M(5632M), 0.2983033 secs]  /  [Eden: …] , [Metaspace: 21030K->21029K(1067008K)]
    const e = await eventAt('gctoolkit/preunified/g1gc/details/tenuring/180/neo4j-gc-fragment.log', 7);
    expect(e).toMatchObject({ collector: 'legacy-G1', kind: 'full', cause: 'Metadata GC Threshold', pauseMs: 298.3033, heapBeforeBytes: Math.round(165.7 * MB), heapAfterBytes: Math.round(72.1 * MB) });
    expect(e.generations!.metaspace).toEqual({ beforeBytes: 21030 * KB, afterBytes: 21029 * KB, committedBytes: 1067008 * KB });
  });

  it('JDK 1.3, no clock: SampleSun1_3_1_19SunOS.txt:2', async () => {
    // [Full GC invoke=1 size=80 <permanent generation full> 27606K->4744K(1571712K) new 25649K->0K(31616K) tenured 1956K->4744K(1540096K) permanent 5119K->5119K(5120K), 0.4287939 secs]
    const e = await eventAt('gcviewer/openjdk/SampleSun1_3_1_19SunOS.txt', 2);
    expect(e).toMatchObject({ kind: 'full', startSec: null, cause: 'permanent generation full', forced: false, pauseMs: 428.7939, heapBeforeBytes: 27606 * KB, heapAfterBytes: 4744 * KB });
    expect(e.generations!.metaspace).toEqual({ beforeBytes: 5119 * KB, afterBytes: 5119 * KB, committedBytes: 5120 * KB });
  });

  it('Shenandoah (JDK 8): cycles with summed pauses, a degenerated GC of its own: SampleOpenJdk1_8_0-332.txt', async () => {
    const events = (await records('gcviewer/openjdk/SampleOpenJdk1_8_0-332.txt')).filter((r): r is GcEvent => r.type === 'gc');
    // Pause Init Mark 3.341 + Final Mark 4.423 + Init Update Refs 0.027 + Final Update Refs 0.267; then 1.745 + 3.130 + 0.114 (cancelled); then 184.489.
    expect(events.map((e) => [e.kind, e.source.line, Number(e.pauseMs.toFixed(6))])).toEqual([
      ['cycle', 18, 8.058],
      ['cycle', 133, 4.989],
      ['degenerated', 341, 184.489],
    ]);
    // [Concurrent cleanup 1907M->1628M(1944M), 0.077 ms] is the cycle's last heap.
    expect(events[0]).toMatchObject({ collector: 'legacy-Shenandoah', heapBeforeBytes: 1907 * MB, heapAfterBytes: 1628 * MB, heapCommittedBytes: 1944 * MB });
    // [Pause Degenerated GC (Update Refs) 3941M->1733M(3966M), 184.489 ms]
    expect(events[2]).toMatchObject({ heapBeforeBytes: 3941 * MB, heapAfterBytes: 1733 * MB, heapCommittedBytes: 3966 * MB });
  });
});
