/**
 * Conformance over every JDK ≤ 8 HotSpot log in ../shared/corpus/jvm, read
 * the way the app reads them (readGcLog: detection, gzip, the parser).
 *
 * The expected numbers were worked out from the raw text with awk, not from
 * this parser, by rules that look at line ends rather than at brackets:
 *   - drop `[Times: …]` and G1's `[GC concurrent-… sec(s)]` from each line;
 *   - a collection ends where a line ends with `, <n> secs]` followed by
 *     nothing bracketed, unless that last bracket opened on the same line with
 *     a label other than `GC` / `Full GC` (a generation or a reference step),
 *     or the text after it is a size transition (a generation's close);
 *   - under CMSScavengeBeforeRemark (`[GC[YG occupancy:` or
 *     `[GC (CMS Final Remark) [YG occupancy:` with no `CMS-remark:` on the
 *     line) the next such end is the young collection inside the remark, not a
 *     collection of its own;
 *   - Shenandoah: a collection ends at each `, [Metaspace: …]` line and its
 *     pause is the sum of the `[Pause …, <n> ms]` steps before it;
 *   - safepoints: every `Total time for which application threads were
 *     stopped: <n> seconds`.
 * Events and pauses are compared in count and sum; spot checks below take
 * one collection per collector and decoration style apart against its line.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GcEvent, ParsedRecord, PhaseRecord, RunStartRecord, SafepointRecord, UnknownRecord } from '../../../shared/gc-event';
import { GclensError } from '../../../shared/result';
import { corpusPath, hasCorpus } from '../../../../test/helpers/corpus';
import { readGcLog } from '../../core/gc-log-reader';

interface Read {
  format: string;
  records: ParsedRecord[];
  events: GcEvent[];
  unknown: UnknownRecord[];
  safepoints: SafepointRecord[];
  phases: PhaseRecord[];
  runs: RunStartRecord[];
  recognised: Readonly<Record<string, number>>;
}

async function read(file: string, format?: 'jvm-legacy'): Promise<Read> {
  const records: ParsedRecord[] = [];
  const outcome = await readGcLog({ path: corpusPath('jvm', file), name: file }, { onRecord: (r) => records.push(r), ...(format ? { format } : {}) });
  return {
    format: outcome.format,
    records,
    events: records.filter((r): r is GcEvent => r.type === 'gc'),
    unknown: records.filter((r): r is UnknownRecord => r.type === 'unknown'),
    safepoints: records.filter((r): r is SafepointRecord => r.type === 'safepoint'),
    phases: records.filter((r): r is PhaseRecord => r.type === 'phase'),
    runs: records.filter((r): r is RunStartRecord => r.type === 'run-start'),
    recognised: outcome.recognised,
  };
}

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

/** [file under corpus/jvm, collections, total pause ms, safepoints, total stopped ms] */
const HOTSPOT_LEGACY: Array<[string, number, number, number, number]> = [
  ['gctoolkit/preunified/cms/530_gc.log', 38, 655.9346, 0, 0],
  ['gctoolkit/preunified/cms/713_gc.log', 132, 4134.0625, 0, 0],
  ['gctoolkit/preunified/cms/815_gc.log', 638, 66763.045, 0, 0],
  ['gctoolkit/preunified/cms/938_par.cms.nd.nt.log', 3416, 8264.8899, 0, 0],
  ['gctoolkit/preunified/cms/parnew.cms.nd.log', 515, 26126.422, 0, 0],
  ['gctoolkit/preunified/cms/parnew/details/GCLog_CMSCollection.log', 715, 127483.76, 0, 0],
  ['gctoolkit/preunified/cms/parnew/details/gccause/170/1.7.0_cms.log', 629, 8381.684, 0, 0],
  ['gctoolkit/preunified/cms/parnew/details/scavangeBeforeRemark.log', 17, 287.542, 0, 0],
  ['gctoolkit/preunified/cms/parnew/details/scavangeBeforeRemarkWithReference.log', 17, 298.9747, 0, 0],
  ['gctoolkit/preunified/cms/parnew/details/tenuring/180/scavangeBeforeRemark.log', 16, 272.7332, 0, 0],
  ['gctoolkit/preunified/cms/parnew/details/tenuring/863_gc.log', 472, 37892.4939, 0, 0],
  ['gctoolkit/preunified/cms/parnew/details/tenuring/9f1dfc0c-4dab-4e41-892c-7f4c01c91e70-1396054737854.log', 12, 2920.416, 0, 0],
  ['gctoolkit/preunified/cms/parnew/details/tenuring/parnew.details.tenuring.cause.18020.log', 55, 689.87, 0, 0],
  ['gctoolkit/preunified/cms/parnew/details/tenuring/scavenge_before_remark.log', 2, 672.3998, 0, 0],
  ['gctoolkit/preunified/cms/parnew/details/tenuring/tlab/tlab_broken_gc_locker.log', 10, 64809.824, 0, 0],
  ['gctoolkit/preunified/g1gc/details/170_51mastermind.log', 480, 758.199, 0, 0],
  ['gctoolkit/preunified/g1gc/details/g1.details.cause.log', 221, 99608.008, 0, 0],
  ['gctoolkit/preunified/g1gc/details/reference/post17040/gc_with_overflow.log', 606, 463412.363, 0, 0],
  ['gctoolkit/preunified/g1gc/details/tenuring/180/g1gc.log', 135, 2227.168, 1788, 2338.805],
  ['gctoolkit/preunified/g1gc/details/tenuring/180/neo4j-gc-fragment.log', 4, 535.8527, 16, 545.7145],
  ['gctoolkit/preunified/g1gc/details/tenuring/server3-gc.log', 16, 4057.156, 0, 0],
  ['gctoolkit/preunified/g1gc/fine/gc_fine.log', 131, 601.4919, 0, 0],
  ['gctoolkit/preunified/icms/details/par.icms.wd.nt.log', 1380, 4762.024, 0, 0],
  ['gctoolkit/preunified/ps/details/1074_2.log', 955, 810225.485, 0, 0],
  ['gctoolkit/preunified/ps/details/932_def.par.wd.nt.log', 234, 1210.1452, 0, 0],
  ['gctoolkit/preunified/ps/details/951_par.par.wd.nt.log', 238, 990.1347, 0, 0],
  ['gctoolkit/preunified/ps/details/960_old.log', 38, 147073.559, 0, 0],
  ['gctoolkit/preunified/ps/details/gccause/170/1.7.0.parallel.log', 191, 2264.06, 0, 0],
  ['gctoolkit/preunified/ps/details/gccause/170/psyoung.log', 473, 217539.273, 0, 0],
  ['gctoolkit/preunified/ps/details/long_pause.log', 22, 24619.544, 614, 25404.951],
  ['gctoolkit/preunified/ps/details/parallel_adaptive.log', 24, 246.0331, 0, 0],
  ['gctoolkit/preunified/ps/details/tenuring/adaptive_sizing/icap.log', 15, 4382.5897, 277, 4258.6424],
  ['gctoolkit/preunified/ps/details/tenuring/gccause/170/ps.cause.tenuring.details.v17051.log', 94, 4944.678, 0, 0],
  ['gctoolkit/preunified/ps/details/tenuring/gccause/170/ps.dates.cause.tenuring.details.v17051.log', 98, 5488.291, 0, 0],
  ['gctoolkit/preunified/ps/details/tenuring/gccause/180/1398331617.vgc', 222, 537.46, 0, 0],
  ['gctoolkit/preunified/ps/details/tenuring/gccause/180/parold1.log', 910, 28087.6874, 757, 28193.4098],
  ['gctoolkit/preunified/ps/empty.log', 0, 0, 0, 0],
  ['gctoolkit/preunified/serial/defnew/details/tenuring/180/serial180.log', 47, 1519.8418, 0, 0],
  ['gctoolkit/preunified/serial/defnew/details/tenuring/amit.barcap.log', 78, 8556.1373, 0, 0],
  ['gctoolkit/preunified/verbose/282_sun_gc.log', 1560, 2349914.5774, 0, 0],
  ['gctoolkit/preunified/verbose/600_gc.log', 412, 3220.5788, 0, 0],
  ['gctoolkit/preunified/verbose/tenuring/931_def.par.nd.wt.log', 236, 975.8197, 0, 0],
  ['gctoolkit/preunified/verbose/tenuring/947_par.par.nd.wt.log', 236, 955.9439, 0, 0],
  ['gctoolkit/streaming/gc.log.gz', 1668, 65528.4163, 6651, 101427.3316],
  ['gctoolkit/streaming/gcspike.log', 317, 102276.4815, 0, 0],
  ['gcviewer/openjdk/SampleOpenJdk1_8_0-332.txt', 3, 197.536, 0, 0],
  ['gcviewer/openjdk/SampleOpenJdk1_8_0ShenandoahDetailsShutdown.txt', 0, 0, 0, 0],
  ['gcviewer/openjdk/SampleSun1_3_1_19SunOS.txt', 5089, 244521.7925, 0, 0],
  ['gcviewer/openjdk/SampleSun1_4_0AdaptiveSizePolicy.txt', 9, 197.8746, 0, 0],
  ['gcviewer/openjdk/SampleSun1_4_0PSPrintHeapAtGC.txt', 2, 38.3115, 0, 0],
  ['gcviewer/openjdk/SampleSun1_4_2NoFullGC.txt', 12, 94.3643, 0, 0],
  ['gcviewer/openjdk/SampleSun1_4_2PrintGCDetails.txt', 4, 1912.1425, 0, 0],
  ['gcviewer/openjdk/SampleSun1_5_0AdaptiveSizePolicy.txt', 6, 102.4222, 0, 0],
  ['gcviewer/openjdk/SampleSun1_5_0CMS_IncrementalPacing.txt', 230, 2341.0947, 0, 0],
  ['gcviewer/openjdk/SampleSun1_5_0CMS_PrintGCDetails.txt', 175, 9133.7493, 0, 0],
  ['gcviewer/openjdk/SampleSun1_5_0ConcurrentModeFailure.txt', 3409, 181811.6798, 0, 0],
  ['gcviewer/openjdk/SampleSun1_5_0ParallelOldGC.txt', 1, 27069.6262, 0, 0],
  ['gcviewer/openjdk/SampleSun1_5_0PromotionFailure.txt', 6, 8413.616, 0, 0],
  ['gcviewer/openjdk/SampleSun1_6_0AdaptiveSizePolicy.txt', 10, 149.9968, 0, 0],
  ['gcviewer/openjdk/SampleSun1_6_0CMS.txt', 19, 248.91, 0, 0],
  ['gcviewer/openjdk/SampleSun1_6_0CMSAdaptiveSizePolicy.txt', 12, 233.9529, 0, 0],
  ['gcviewer/openjdk/SampleSun1_6_0G1FullGcTenuringDistribution.txt', 1, 37062.932, 0, 0],
  ['gcviewer/openjdk/SampleSun1_6_0G1InitialMarkMixed.txt', 1, 36.439, 0, 0],
  ['gcviewer/openjdk/SampleSun1_6_0G1_Detailed-mixedLine1.txt', 1, 8.32, 0, 0],
  ['gcviewer/openjdk/SampleSun1_6_0G1_Detailed-mixedLine2.txt', 1, 4.3004, 0, 0],
  ['gcviewer/openjdk/SampleSun1_6_0G1_Detailed-mixedLine3.txt', 1, 1.7852, 0, 0],
  ['gcviewer/openjdk/SampleSun1_6_0G1_Detailed-young.txt', 1, 5.9475, 0, 0],
  ['gcviewer/openjdk/SampleSun1_6_0G1_MarkStackFull.txt', 1, 80.3215, 0, 0],
  ['gcviewer/openjdk/SampleSun1_6_0G1_PrintHeapAtGC.txt', 2, 8.1121, 0, 0],
  ['gcviewer/openjdk/SampleSun1_6_0G1_gc_verbose.txt', 2978, 62616.796, 0, 0],
  ['gcviewer/openjdk/SampleSun1_6_0G1_partial_initialMarkToSpaceOverflow.txt', 1, 5.8834, 0, 0],
  ['gcviewer/openjdk/SampleSun1_6_0G1_partial_toSpaceOverflow.txt', 1, 2.7198, 0, 0],
  ['gcviewer/openjdk/SampleSun1_6_0G1_young_initialMarkToSpaceOverflow.txt', 1, 3.1618, 0, 0],
  ['gcviewer/openjdk/SampleSun1_6_0G1_young_toSpaceOverflow.txt', 1, 46.7451, 0, 0],
  ['gcviewer/openjdk/SampleSun1_6_0PrintHeapAtGC.txt', 2, 27.6599, 0, 0],
  ['gcviewer/openjdk/SampleSun1_6_0PrintHeapAtGC.txt.gz', 2, 27.6599, 0, 0],
  ['gcviewer/openjdk/SampleSun1_7_0-01_G1_young.txt', 1, 6.3182, 0, 0],
  ['gcviewer/openjdk/SampleSun1_7_0-02_G1_young.txt', 1, 144.822, 0, 0],
  ['gcviewer/openjdk/SampleSun1_7_0CMSTenuringDistributionInitiationStatistics.txt', 1, 21564.946, 0, 0],
  ['gcviewer/openjdk/SampleSun1_7_0CMS_PrintTenuringDistributionPromotionFailure.txt', 1, 129946.822, 5, 129978.324],
  ['gcviewer/openjdk/SampleSun1_7_0CmsPrintFlsStats1.txt', 2, 36.9203, 0, 0],
  ['gcviewer/openjdk/SampleSun1_7_0CmsPrintFlsStats2.txt', 3, 67.5459, 0, 0],
  ['gcviewer/openjdk/SampleSun1_7_0CmsPrintFlsStats3.txt', 1, 25.255, 3, 25.714],
  ['gcviewer/openjdk/SampleSun1_7_0G1-ApplicationStopped.txt', 1, 38.74, 54, 8.73],
  ['gcviewer/openjdk/SampleSun1_7_0G1AdaptiveSize_Reference.txt', 3, 25.2174, 0, 0],
  ['gcviewer/openjdk/SampleSun1_7_0G1PrintReferencePolicy.txt', 1, 4.9738, 0, 0],
  ['gcviewer/openjdk/SampleSun1_7_0G1TenuringDistribution.txt', 7, 109.0972, 0, 0],
  ['gcviewer/openjdk/SampleSun1_7_0G1_AppStopped_TenuringDist_Ergonomics_comma.txt', 1, 28.22, 2, 29.518],
  ['gcviewer/openjdk/SampleSun1_7_0G1_DateStamp_Detailed-mixedLine1.txt', 1, 286.451, 0, 0],
  ['gcviewer/openjdk/SampleSun1_7_0G1_DateStamp_Detailed-mixedLine2.txt', 2, 360.624, 0, 0],
  ['gcviewer/openjdk/SampleSun1_7_0G1_DateStamp_Detailed-mixedLine3.txt', 1, 88.949, 0, 0],
  ['gcviewer/openjdk/SampleSun1_7_0G1_DetailsWoTimestamp.txt', 1, 5.531, 0, 0],
  ['gcviewer/openjdk/SampleSun1_7_0G1_MixedApplicationStopped.txt', 1, 97.01, 2, 101.893],
  ['gcviewer/openjdk/SampleSun1_7_0G1_PauseWithComma.txt', 1, 66.567, 0, 0],
  ['gcviewer/openjdk/SampleSun1_7_0G1_PrintHeapAtGC_withConcurrent.txt', 1, 32.6402, 0, 0],
  ['gcviewer/openjdk/SampleSun1_7_0PS_Adaptive_Tenuring_AppStopped.txt', 1, 8.223, 2, 9.235],
  ['gcviewer/openjdk/SampleSun1_7_0ParallelAdaptiveSizeReference.txt', 1, 13.4562, 0, 0],
  ['gcviewer/openjdk/SampleSun1_7_0Parallel_Tenuring_PrintGCCause.txt', 1, 27.895, 1, 29.822],
  ['gcviewer/openjdk/SampleSun1_7_0_02PrintApplicationTimeTenuringDistribution.txt', 3, 34.8824, 4, 45.9493],
  ['gcviewer/openjdk/SampleSun1_7_0_02_G1_young_datestamp.txt', 1, 144.822, 0, 0],
  ['gcviewer/openjdk/SampleSun1_7_0_12PrintAdaptiveSizePolicy.txt', 7, 894.177, 0, 0],
  ['gcviewer/openjdk/SampleSun1_7_0_40CMS_PrintGCCause.txt', 127, 451.049, 0, 0],
  ['gcviewer/openjdk/SampleSun1_7_0_40PrintGCCause.txt', 5, 144.719, 0, 0],
  ['gcviewer/openjdk/SampleSun1_7_0_40PrintGCCause2.txt', 1, 39.8848, 0, 0],
  ['gcviewer/openjdk/SampleSun1_7_0_40PrintHeapAtGC.txt', 1, 14.7015, 0, 0],
  ['gcviewer/openjdk/SampleSun1_7_0_51_CMS_PrintApplStoppedTime.txt', 2, 1.2588, 2, 1.5025],
  ['gcviewer/openjdk/SampleSun1_7_0_51_CMS_PrintApplStoppedTime_TenuringDist.txt', 4, 47.8822, 4, 48.6187],
  ['gcviewer/openjdk/SampleSun1_7_0_51_G1_PrintApplicationTimeTenuringDistribution.txt', 1, 0.7112, 2, 0.9342],
  ['gcviewer/openjdk/SampleSun1_7_0_G1_young_initial_mark_to_space_exhausted_original_order.txt', 1, 115.689, 0, 0],
  ['gcviewer/openjdk/SampleSun1_7_0_G1_young_initial_mark_to_space_exhausted_reverse_order.txt', 1, 115.689, 0, 0],
  ['gcviewer/openjdk/SampleSun1_8_0CMS_HeadDumpBeforeFullGc.txt', 1, 218692.881, 0, 0],
  ['gcviewer/openjdk/SampleSun1_8_0CMS_ScavengeBR_HeapAtGC_TenuringDist_PrintFLS.txt', 1, 178.7717, 0, 0],
  ['gcviewer/openjdk/SampleSun1_8_0CMS_ScavengeBeforeRemark_HeapAtGc.txt', 1, 1.997, 0, 0],
  ['gcviewer/openjdk/SampleSun1_8_0CmsPrintGcId.txt', 10, 55.7297, 0, 0],
  ['gcviewer/openjdk/SampleSun1_8_0G1HumongousMixed.txt', 1, 47.0136, 0, 0],
  ['gcviewer/openjdk/SampleSun1_8_0G1PrintGCCausePrintTenuringDistribution.txt', 1, 16757.8613, 0, 0],
  ['gcviewer/openjdk/SampleSun1_8_0G1PrintGCID.txt', 7, 35.4645, 0, 0],
  ['gcviewer/openjdk/SampleSun1_8_0G1PrintHeapAtGc.txt', 1, 5.5924, 0, 0],
  ['gcviewer/openjdk/SampleSun1_8_0G1StringDeduplication.txt', 1, 106.0907, 0, 0],
  ['gcviewer/openjdk/SampleSun1_8_0G1SystemGcYoung.txt', 1, 212.4664, 0, 0],
  ['gcviewer/openjdk/SampleSun1_8_0G1YoungMetadataGcThreshold.txt', 1, 22.9931, 0, 0],
  ['gcviewer/openjdk/SampleSun1_8_0G1_ConcurrentCycle.txt', 4, 20.2049, 0, 0],
  ['gcviewer/openjdk/SampleSun1_8_0G1extended-remark.txt', 1, 100.522, 0, 0],
  ['gcviewer/openjdk/SampleSun1_8_0ParallelPrintGCID.txt', 5, 1863.8591, 0, 0],
  ['gcviewer/openjdk/SampleSun1_8_0ParallelPrintHeapAtGC.txt', 1, 10.3603, 0, 0],
  ['gcviewer/openjdk/SampleSun1_8_0Parallel_Apple.txt', 6, 234.4647, 0, 0],
  ['gcviewer/openjdk/SampleSun1_8_0Parallel_Tenuring_PrintGCCause.txt', 5, 122.6697, 0, 0],
  ['gcviewer/openjdk/SampleSun1_8_0RollingLogfile.txt', 0, 0, 0, 0],
  ['gcviewer/openjdk/SampleSun1_8_0Series-ManuallyMerged.txt', 533, 2656.5978, 0, 0],
  ['gcviewer/openjdk/SampleSun1_8_0Series-Part1.txt', 74, 818.1549, 0, 0],
  ['gcviewer/openjdk/SampleSun1_8_0Series-Part2.txt', 93, 392.0155, 0, 0],
  ['gcviewer/openjdk/SampleSun1_8_0Series-Part3.txt', 93, 387.5013, 0, 0],
  ['gcviewer/openjdk/SampleSun1_8_0Series-Part4.txt', 92, 410.4998, 0, 0],
  ['gcviewer/openjdk/SampleSun1_8_0Series-Part5.txt', 92, 345.0555, 0, 0],
  ['gcviewer/openjdk/SampleSun1_8_0Series-Part6.txt', 89, 303.3708, 0, 0],
  ['gcviewer/openjdk/SampleSun1_8_0Series-Part7.txt', 0, 0, 0, 0],
  ['jifa/8CMSCPUTime.log', 3, 193.5986, 0, 0],
  ['jifa/8CMSParser.log', 12, 7851.052, 1, 0.1215],
  ['jifa/8CMSPrintGC.log', 14, 739.9996, 0, 0],
  ['jifa/8CMSPromotionFailed.log', 1, 19847.6364, 0, 0],
  ['jifa/8CMSScavengeBeforeRemark.log', 3, 882.7274, 0, 0],
  ['jifa/8ConcurrentPrintDateTimeStamp.log', 4, 208.5018, 4, 224.4159],
  ['jifa/8G1GCParser.log', 5, 2551.6244, 0, 0],
  ['jifa/8G1GCParserAdaptiveSize.log', 1, 8.5898, 0, 0],
  ['jifa/8G1LogConcurrencyProblem.log', 4, 487.6039, 9, 671.3388],
  ['jifa/8G1PrintGC.log', 11, 33295.9785, 0, 0],
  ['jifa/8GenerationalGCInterleave.log', 1, 2016.0411, 0, 0],
  ['jifa/8ParallelGCParser.log', 6, 2236.6226, 0, 0],
  ['jifa/8SerialGCParser.log', 8, 2954.8131, 0, 0],
];

/**
 * gctoolkit's deliberately broken inputs: real output, truncated or spliced.
 * [collections, total pause ms, lines left not understood, why]
 */
const ODD_FILES: Record<string, [number, number, number[], string]> = {
  // Concurrent lines spliced into a G1 young pause and into the Full GC after it: both read.
  'gctoolkit/preunified/g1gc/corrupted/full_concurrent_mark_failure.log': [2, 223.725 + 18195.941, [], 'spliced'],
  // Starts in the middle of a pause: its closing `, 0,0854230 secs]` and its sizes have no head.
  'gctoolkit/preunified/g1gc/corrupted/no_young_intro.log': [0, 0, [15, 34], 'truncated at the start'],
  // `…: cation threads were stopped: 0,0002170 seconds`: the start of the line is gone.
  'gctoolkit/preunified/g1gc/corrupted/rollsbackclock.log': [0, 0, [4], 'a line cut short'],
};

/** Non-HotSpot JVMs' verbose GC output (HP-UX -Xverbosegc, IBM / OpenJ9 verbose:gc XML, JRockit): other formats, out of this parser's scope. */
const NOT_HOTSPOT_LEGACY_DIRS = ['gcviewer/hp', 'gcviewer/ibm', 'gcviewer/jrockit'];

describe.skipIf(!hasCorpus)('JvmLegacyParser on the shared corpus', () => {
  it.each(HOTSPOT_LEGACY)('%s: %i collections, %f ms of pauses, %i safepoints, nothing unknown', async (file, count, pauseMs, safepoints, stoppedMs) => {
    const got = await read(file);
    expect(got.format).toBe('jvm-legacy');
    // No line that carries a pause or a heap transition is left not understood.
    expect(got.unknown).toEqual([]);
    expect(got.events).toHaveLength(count);
    expect(sum(got.events.map((e) => e.pauseMs))).toBeCloseTo(pauseMs, 3);
    expect(got.safepoints).toHaveLength(safepoints);
    expect(sum(got.safepoints.map((s) => s.stoppedMs))).toBeCloseTo(stoppedMs, 3);
    for (const e of got.events) {
      expect(e.pauseMs).toBeGreaterThanOrEqual(0);
      expect(e.collector).toMatch(/^legacy-(G1|CMS|Parallel|Serial|Shenandoah|unknown)$/);
    }
  });

  it.each(Object.entries(ODD_FILES))('%s: never a throw, the lines it cannot read reported by number', async (file, [count, pauseMs, unknownLines]) => {
    const got = await read(file);
    expect(got.events).toHaveLength(count);
    expect(sum(got.events.map((e) => e.pauseMs))).toBeCloseTo(pauseMs, 3);
    expect(got.unknown.map((u) => u.source.line)).toEqual(unknownLines);
  });

  it('rejects a file whose only line lost its date stamp, and reads it when told the format', async () => {
    const file = 'gctoolkit/preunified/g1gc/corrupted/broken_datetimestamp.log';
    await expect(read(file)).rejects.toMatchObject({ kind: 'unsupported-format' });
    const got = await read(file, 'jvm-legacy');
    expect(got.records).toEqual([]);
    expect(got.recognised['application-time']).toBe(1);
  });

  it.each(NOT_HOTSPOT_LEGACY_DIRS.flatMap((dir) => walk(corpusPath('jvm', dir)).map((path) => relative(corpusPath('jvm'), path))))(
    '%s is not HotSpot legacy: a clear unsupported-format error, no events made up',
    async (file) => {
      let got: Read | null = null;
      try {
        got = await read(file);
      } catch (err) {
        expect(err).toBeInstanceOf(GclensError);
        expect(err).toMatchObject({ kind: 'unsupported-format' });
      }
      // Should another format ever claim it, it must not turn it into collections.
      if (got) {
        expect(got.format).not.toBe('jvm-legacy');
        expect(got.events).toEqual([]);
      }
    },
  );

  it('lists every HotSpot legacy file of the corpus', () => {
    const listed = new Set([...HOTSPOT_LEGACY.map(([file]) => file), ...Object.keys(ODD_FILES), 'gctoolkit/preunified/g1gc/corrupted/broken_datetimestamp.log']);
    const legacyDirs = ['gctoolkit/preunified', 'gctoolkit/streaming', 'gcviewer/openjdk', 'jifa'];
    const found = legacyDirs
      .flatMap((dir) => walk(corpusPath('jvm', dir)))
      .map((path) => relative(corpusPath('jvm'), path))
      .filter((file) => !file.startsWith('gcviewer/openjdk/unified-jvm-logging/') && !/^jifa\/(1[17]|Incomplete)/.test(file));
    expect(found.filter((file) => !listed.has(file))).toEqual([]);
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
