/**
 * Conformance over every unified-logging (JDK 9+) file of the shared corpus.
 *
 * The expected counts were worked out from the raw text, not from this
 * parser: for G1, Parallel, Serial and CMS, one event per summary line
 * `GC(n) Pause <Young|Full|Remark|Cleanup|Initial Mark|Mixed> … A->B(C) Nms`
 * (grep), except that a `Pause Young` summary of id n-1 right after a
 * `Pause Full` summary of id n is the young collection that turned into
 * that full one (one event; its pause is the young's, which contains the
 * full's), and a `Pause Young (CMS Final Remark)` adds no pause (it runs
 * inside the `Pause Remark` that counts it). For ZGC and Shenandoah, one
 * event per GC id that has a pause, a concurrent phase with a duration or
 * a `Garbage Collection (…)` line. The total pause is the sum of the
 * durations of the `Pause …` lines under those rules (awk).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GcEvent, ParsedRecord, SafepointRecord, UnknownRecord } from '../../../shared/gc-event';
import { corpusPath, hasCorpus } from '../../../../test/helpers/corpus';
import { readGcLog } from '../../core/gc-log-reader';
import { detectFormat } from '../gc-log-formats';

const M = 1024 * 1024;
const K = 1024;

/** [file under corpus/jvm, collector, events, total pause ms]. */
const UNIFIED: Array<[string, string | null, number, number]> = [
  ['gctoolkit/rolling/jdk14/short_restart_4.log.2', 'G1', 3, 29.921],
  ['gctoolkit/unified/cms/gc_trace.log', 'CMS', 609, 1052.361],
  ['gctoolkit/unified/g1gc/gc-no-age-timestamp.log', 'G1', 2, 42.107],
  ['gctoolkit/unified/g1gc/jvm-gc-10Nov2022.log', 'G1', 10, 801.121],
  ['gctoolkit/unified/g1gc/minimal.log', 'G1', 3435, 6106.053],
  ['gctoolkit/unified/serial/factorization-serialgc-tip.log', 'Serial', 17, 6187.197],
  ['gctoolkit/unified/shenandoah/shenandoah.log.0', 'Shenandoah', 17, 5960.853],
  ['gctoolkit/unified/shenandoah/shenandoah.log.2', 'Shenandoah', 44, 192438.906],
  ['gcviewer/openjdk/unified-jvm-logging/Sample-ujl-shenandoah-jdk11-PauseDegeneratedGc.txt', 'Shenandoah', 1, 11.373],
  // Cut after the first phase of GC(0): the cycle is there, no pause yet.
  ['gcviewer/openjdk/unified-jvm-logging/Sample-ujl-shenandoah-jdk11-beginning.txt', 'Shenandoah', 1, 0],
  ['gcviewer/openjdk/unified-jvm-logging/Sample-ujl-shenandoah-jdk11.txt', 'Shenandoah', 1, 3.137],
  ['gcviewer/openjdk/unified-jvm-logging/Sample-ujl-shenandoah-jdk17.txt', 'Shenandoah', 1, 1.719],
  ['gcviewer/openjdk/unified-jvm-logging/SampleShenandoahAllocationFailure.txt', 'Shenandoah', 1, 14289.335],
  // JVM start-up only (class loading, threads): no collection.
  ['gcviewer/openjdk/unified-jvm-logging/SampleShenandoahPassiveHeuristics.txt', null, 0, 0],
  ['gcviewer/openjdk/unified-jvm-logging/SampleShenandoahSeveralSystemGC.txt', 'Shenandoah', 438, 3108.638],
  ['gcviewer/openjdk/unified-jvm-logging/SampleShenandoahSingleSystemGC.txt', 'Shenandoah', 1, 6.572],
  ['gcviewer/openjdk/unified-jvm-logging/sample-ujl-cms-gc-all,safepoint,os+cpu.txt', 'CMS', 10, 62.454],
  ['gcviewer/openjdk/unified-jvm-logging/sample-ujl-cms-gc-defaults.txt', 'CMS', 6, 31.415],
  ['gcviewer/openjdk/unified-jvm-logging/sample-ujl-g1-gc-all,safepoint,os+cpu-to-space-exhausted.txt', 'G1', 1, 2.717],
  ['gcviewer/openjdk/unified-jvm-logging/sample-ujl-g1-gc-all,safepoint,os+cpu.txt', 'G1', 13, 44.411],
  ['gcviewer/openjdk/unified-jvm-logging/sample-ujl-g1-gc-defaults.txt', 'G1', 10, 38.15],
  ['gcviewer/openjdk/unified-jvm-logging/sample-ujl-jdk17-full-concurrent-cycle-g1-gc-all-safepont,os-cpu.txt', 'G1', 9, 58.304],
  ['gcviewer/openjdk/unified-jvm-logging/sample-ujl-parallel-gc-all,safepoint,os+cpu.txt', 'Parallel', 8, 63.721],
  ['gcviewer/openjdk/unified-jvm-logging/sample-ujl-parallel-gc-defaults.txt', 'Parallel', 11, 83.841],
  ['gcviewer/openjdk/unified-jvm-logging/sample-ujl-serial-gc-all,safepoint,os+cpu.txt', 'Serial', 3, 27.858],
  ['gcviewer/openjdk/unified-jvm-logging/sample-ujl-serial-gc-defaults.txt', 'Serial', 8, 66.124],
  ['gcviewer/openjdk/unified-jvm-logging/sample-ujl-zgc-gc-all.txt', 'ZGC', 1, 2.653],
  // -Xlog:gc only: ZGC's summary line has no duration.
  ['gcviewer/openjdk/unified-jvm-logging/sample-ujl-zgc-gc-default.txt', 'ZGC', 5, 0],
  ['gcviewer/openjdk/unified-jvm-logging/sample-ujl-zgc-gc-other.txt', 'ZGC', 1, 0.025],
  ['jifa/11CMSGCParser.log', 'CMS', 4, 215.052],
  ['jifa/11CMSPrintGC.log', 'CMS', 11, 968.79],
  ['jifa/11CMSScavengeBeforeRemark.log', 'CMS', 4, 38.705],
  ['jifa/11CMSUpTime.log', 'CMS', 4, 1443.624],
  ['jifa/11G1Parser.log', 'G1', 4, 80.99],
  ['jifa/11G1ParserDetectHeapRegionSize.log', 'G1', 1, 116.771],
  ['jifa/11G1PrintGC.log', 'G1', 9, 231.306],
  ['jifa/11G1PrintGC2.log', 'G1', 4, 186.407],
  ['jifa/11GenerationalGCInterleave.log', 'Serial', 1, 146.211],
  ['jifa/11ParallelGCParser.log', 'Parallel', 2, 57.62],
  ['jifa/11SerialGCParser.log', 'Serial', 2, 171.781],
  ['jifa/11ZGCParser.log', 'ZGC', 1, 8.856],
  ['jifa/17G1InferRegionSize.log', 'G1', 1, 22.935],
  ['jifa/17G1Parser.log', 'G1', 4, 44.287],
  ['jifa/17ParallelGCParser.log', 'Parallel', 2, 31.131],
  ['jifa/17SerialGCParser.log', 'Serial', 2, 113.903],
  ['jifa/17ZGCParser.log', 'ZGC', 1, 0.046],
  // Three summarised collections, and GC(2) Pause Full cut off by the end of the file.
  ['jifa/IncompleteGCLog.log', 'CMS', 4, 36.435],
];

/** A line that shows a pause with its duration or a heap transition: such a line must never be unknown. */
const PAUSE_OR_TRANSITION = /Pause .*\d(?:[.,]\d+)?ms\s*$|\d+[BKMG](?:\(\d+[BKMG]\))?->\d+[BKMG]/;

interface Parsed {
  format: string;
  records: ParsedRecord[];
  events: GcEvent[];
  unknown: UnknownRecord[];
}

const cache = new Map<string, Promise<Parsed>>();

function parseFile(file: string): Promise<Parsed> {
  let parsed = cache.get(file);
  if (!parsed) {
    parsed = (async () => {
      const records: ParsedRecord[] = [];
      const outcome = await readGcLog({ path: corpusPath('jvm', file), name: file }, { onRecord: (r) => records.push(r) });
      return {
        format: outcome.format,
        records,
        events: records.filter((r): r is GcEvent => r.type === 'gc'),
        unknown: records.filter((r): r is UnknownRecord => r.type === 'unknown'),
      };
    })();
    cache.set(file, parsed);
  }
  return parsed;
}

async function event(file: string, id: number, kind?: string): Promise<GcEvent> {
  const { events } = await parseFile(file);
  const found = events.find((e) => e.id === id && (kind === undefined || e.kind === kind));
  if (!found) throw new Error(`${file}: no event GC(${id}) ${kind ?? ''}`);
  return found;
}

describe.skipIf(!hasCorpus)('JVM unified logging: the shared corpus', () => {
  it.each(UNIFIED)('%s: %s, %i events, %f ms of pauses', async (file, collector, count, pauseMs) => {
    const { format, events, unknown } = await parseFile(file);
    expect(format).toBe('jvm-unified');
    expect(events).toHaveLength(count);
    expect(events.reduce((sum, e) => sum + e.pauseMs, 0)).toBeCloseTo(pauseMs, 6);
    for (const e of events) expect(e.collector).toBe(collector);
    // No line showing a pause or a heap transition goes unknown.
    expect(unknown.filter((u) => PAUSE_OR_TRANSITION.test(u.text))).toEqual([]);
    expect(unknown).toEqual([]);
  });

  it('never claims a line of the legacy (JDK ≤ 8), JRockit, IBM or Go files as unified logging', () => {
    const unified = new Set(UNIFIED.map(([file]) => corpusPath('jvm', file)));
    const others = [...walk(corpusPath('jvm')), ...walk(corpusPath('go-gctrace'))].filter((f) => !unified.has(f) && !f.endsWith('.gz'));
    expect(others.length).toBeGreaterThan(150);
    const claimed: string[] = [];
    for (const path of others) {
      for (const line of readLines(path)) if (detectFormat(line) === 'jvm-unified') claimed.push(`${relative(corpusPath(), path)}: ${line}`);
    }
    expect(claimed).toEqual([]);
  });

  describe('one event of each family, checked against its raw lines', () => {
    it('G1, JDK 11, uptime,level,tags: a concurrent-start young pause with to-space exhausted and humongous regions', async () => {
      // [1.000s] GC(0) Pause Young (Concurrent Start) (Metadata GC Threshold) … 19M->4M(64M) 10.709ms;
      // Heap region size: 1M; Humongous regions: 4->3; Eden regions: 19->0(33); GC(0) To-space exhausted.
      expect(await event('jifa/11G1Parser.log', 0)).toMatchObject({
        kind: 'young',
        cause: 'Concurrent Start; Metadata GC Threshold; To-space exhausted',
        startSec: 1,
        pauseMs: 10.709,
        heapBeforeBytes: 19 * M,
        heapAfterBytes: 4 * M,
        heapCommittedBytes: 64 * M,
        generations: {
          young: { beforeBytes: 19 * M, afterBytes: 0, committedBytes: 33 * M },
          humongous: { beforeBytes: 4 * M, afterBytes: 3 * M, committedBytes: null },
          metaspace: { beforeBytes: 20679 * K, afterBytes: 20679 * K, committedBytes: 45056 * K },
        },
      });
    });

    it('G1, JDK 17, time,uptimemillis,level,tags: a young pause inside a concurrent cycle', async () => {
      // [2022-01-29T16:34:51.644+0000][235ms] GC(6) Pause Young (Normal) (G1 Evacuation Pause) … 14M->14M(46M) 9.772ms
      expect(await event('gcviewer/openjdk/unified-jvm-logging/sample-ujl-jdk17-full-concurrent-cycle-g1-gc-all-safepont,os-cpu.txt', 6)).toMatchObject({
        kind: 'young',
        startSec: 0.235,
        wallTime: '2022-01-29T16:34:51.644+00:00',
        pauseMs: 9.772,
        heapBeforeBytes: 14 * M,
        heapCommittedBytes: 46 * M,
      });
    });

    it('G1, time,level,tags without uptime: no start in seconds, the wall time instead; 2 MB regions', async () => {
      // Heap region size: 2M; GC(0) Eden regions: 51->0(44); … 116M->40M(2048M) 21.861ms
      expect(await event('gctoolkit/unified/g1gc/gc-no-age-timestamp.log', 0)).toMatchObject({
        startSec: null,
        wallTime: '2022-11-10T03:37:32.125-08:00',
        pauseMs: 21.861,
        heapBeforeBytes: 116 * M,
        heapAfterBytes: 40 * M,
        generations: { young: { beforeBytes: 102 * M, afterBytes: 0, committedBytes: 88 * M }, humongous: { beforeBytes: 14 * M, afterBytes: 14 * M } },
      });
    });

    it('G1, JDK 9, -Xlog:gc: Pause Mixed and Pause Initial Mark', async () => {
      const file = 'gcviewer/openjdk/unified-jvm-logging/sample-ujl-g1-gc-defaults.txt';
      expect(await event(file, 50)).toMatchObject({ kind: 'mixed', pauseMs: 2.79, heapBeforeBytes: 29 * M, heapAfterBytes: 28 * M, heapCommittedBytes: 123 * M });
      expect(await event(file, 5)).toMatchObject({ kind: 'initial-mark', pauseMs: 6.187 });
      expect(await event(file, 14)).toMatchObject({ kind: 'full', cause: 'Allocation Failure', pauseMs: 14.918, heapAfterBytes: 8 * M });
    });

    it('Parallel, JDK 11: a full pause with its spaces', async () => {
      // GC(1) PSYoungGen: 10729K->0K(76288K); ParOldGen: 141664K->94858K(175104K); Pause Full (Ergonomics) 148M->92M(245M) 46.539ms
      expect(await event('jifa/11ParallelGCParser.log', 1)).toMatchObject({
        kind: 'full',
        cause: 'Ergonomics',
        startSec: 2.836,
        pauseMs: 46.539,
        generations: { young: { beforeBytes: 10729 * K, afterBytes: 0 }, old: { beforeBytes: 141664 * K, afterBytes: 94858 * K, committedBytes: 175104 * K } },
      });
    });

    it('Serial, JDK 24 (debug lines): a young pause', async () => {
      // [20.682s] GC(2) Pause Young (Allocation Failure) … [20.947s] 1024M->2M(1028M) 264.637ms
      expect(await event('gctoolkit/unified/serial/factorization-serialgc-tip.log', 2)).toMatchObject({ kind: 'young', startSec: 20.682, pauseMs: 264.637, heapBeforeBytes: 1024 * M, heapAfterBytes: 2 * M });
    });

    it('Serial and CMS: a young collection that became a full one is one event with the outer pause', async () => {
      // GC(3) Pause Young … GC(4) Pause Full … 146.153ms, then GC(3) Pause Young … 146.211ms
      expect(await event('jifa/11GenerationalGCInterleave.log', 4)).toMatchObject({ kind: 'full', pauseMs: 146.211, startSec: 5.643 });
      // [3.679s] GC(6) Pause Full … 141.054ms, then GC(5) Pause Young … 141.110ms
      expect(await event('jifa/11CMSPrintGC.log', 6)).toMatchObject({ kind: 'full', pauseMs: 141.11, heapBeforeBytes: 834 * M, heapAfterBytes: 594 * M });
      expect((await parseFile('jifa/11CMSPrintGC.log')).events.some((e) => e.id === 5)).toBe(false);
    });

    it('CMS, JDK 11: initial mark and remark of one cycle', async () => {
      expect(await event('jifa/11CMSGCParser.log', 1, 'initial-mark')).toMatchObject({ pauseMs: 3.236, heapBeforeBytes: 147 * M });
      expect(await event('jifa/11CMSGCParser.log', 1, 'remark')).toMatchObject({ pauseMs: 1.991, heapBeforeBytes: 149 * M });
    });

    it('Shenandoah, JDK 11, time,uptime,level,tags: a cycle of four pauses', async () => {
      // Pauses 0.755 + 2.171 + 0.020 + 0.191; cleanups 504M->189M(506M) then 196M->29M(511M)
      expect(await event('gcviewer/openjdk/unified-jvm-logging/Sample-ujl-shenandoah-jdk11.txt', 0)).toMatchObject({
        kind: 'cycle',
        cause: 'Metadata GC Threshold',
        pauseMs: 3.137,
        startSec: 1.354,
        wallTime: '2022-08-16T20:38:11.259+08:00',
        heapBeforeBytes: 504 * M,
        heapAfterBytes: 29 * M,
        heapCommittedBytes: 511 * M,
      });
    });

    it('Shenandoah: a degenerated collection after a cancelled cycle', async () => {
      // GC(5): Pause Init Mark (process weakrefs) 8.436ms, then Cancelling GC: Allocation Failure;
      // GC(6) Pause Degenerated GC (Mark) 7686M->6159M(8192M) 5619.337ms
      const file = 'gctoolkit/unified/shenandoah/shenandoah.log.0';
      expect(await event(file, 5)).toMatchObject({ kind: 'cycle', pauseMs: 8.436, cause: 'Free (816M) is below minimum threshold (819M); cancelled: Allocation Failure' });
      expect(await event(file, 6)).toMatchObject({ kind: 'degenerated', pauseMs: 5619.337, heapBeforeBytes: 7686 * M, heapAfterBytes: 6159 * M });
    });

    it('ZGC, JDK 11, uptime only: a cycle with its heap table', async () => {
      // Pause Mark Start 4.459 + Mark End 0.606 + Relocate Start 3.791; Used 5614M … 1454M; Capacity 40960M; Live 1173M
      expect(await event('jifa/11ZGCParser.log', 374)).toMatchObject({
        kind: 'cycle',
        cause: 'Proactive',
        startSec: 7,
        pauseMs: 8.856,
        heapBeforeBytes: 5614 * M,
        heapAfterBytes: 1454 * M,
        heapCommittedBytes: 40960 * M,
        liveBytes: 1173 * M,
      });
    });

    it('safepoints, JDK 11 and JDK 17 lines', async () => {
      const classic = (await parseFile('jifa/11G1Parser.log')).records.filter((r): r is SafepointRecord => r.type === 'safepoint');
      // Entering safepoint region: G1CollectForAllocation … stopped: 0.0101229 seconds, Stopping threads took: 0.0000077 seconds
      expect(classic).toEqual([expect.objectContaining({ name: 'G1CollectForAllocation', stoppedMs: 10.1229, reachingMs: 0.0077 })]);
      const modern = (await parseFile('gcviewer/openjdk/unified-jvm-logging/sample-ujl-jdk17-full-concurrent-cycle-g1-gc-all-safepont,os-cpu.txt')).records.filter(
        (r): r is SafepointRecord => r.type === 'safepoint',
      );
      expect(modern).toHaveLength(9);
      // Safepoint "G1Concurrent", … Reaching safepoint: 177200 ns, … Total: 2340600 ns
      expect(modern[4]).toMatchObject({ name: 'G1Concurrent', stoppedMs: 2.3406, reachingMs: 0.1772 });
    });
  });
});

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}

function readLines(path: string): string[] {
  return readFileSync(path, 'latin1').split('\n');
}
