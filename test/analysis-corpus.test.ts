/**
 * Every GC log of the shared corpus analysed without error, and the verdict
 * each gets, recorded so that a change to a rule shows up here as a changed
 * row to be argued for. `unreadable` marks the files the GC log reader
 * rejects before analysis (IBM, JRockit and HP-UX verbose GC, a line with no
 * date stamp left): they are not formats gclens reads.
 *
 * Most files are inconclusive because they are samples: a few collections
 * over seconds, short of the 10 collections over 30 s a verdict needs.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnalysisResult, VerdictKind } from '../src/shared/analysis';
import type { ParsedRecord } from '../src/shared/gc-event';
import { GclensError } from '../src/shared/result';
import { analyze } from '../src/main/analysis/analyze';
import { readGcLog } from '../src/main/core/gc-log-reader';
import { corpusPath, hasCorpus } from './helpers/corpus';

/** [file under the corpus, verdict]. */
const VERDICTS: Array<[string, VerdictKind | 'unreadable']> = [
  ['go-gctrace/ardanlabs-gotraining/gctrace-gcpacertrace-sample.txt', 'inconclusive'],
  ['go-gctrace/ardanlabs-gotraining/gctrace-go1.5-format.txt', 'inconclusive'],
  ['go-gctrace/gcviewer/go1.9.txt', 'leak'],
  ['go-gctrace/gcvis/go15_stderr.log', 'inconclusive'],
  ['go-gctrace/log2csv/testdata_go_1_0_3.log', 'inconclusive'],
  ['go-gctrace/log2csv/testdata_go_1_1.log', 'inconclusive'],
  ['go-gctrace/log2csv/testdata_go_1_2.log', 'inconclusive'],
  ['go-gctrace/log2csv/testdata_go_1_3.log', 'inconclusive'],
  ['go-gctrace/log2csv/testdata_go_1_4.log', 'inconclusive'],
  ['go-gctrace/tebeka-gctrace/map.gctrace', 'inconclusive'],
  ['jvm/gctoolkit/preunified/cms/530_gc.log', 'inconclusive'],
  ['jvm/gctoolkit/preunified/cms/713_gc.log', 'no-leak'],
  ['jvm/gctoolkit/preunified/cms/815_gc.log', 'no-leak'],
  ['jvm/gctoolkit/preunified/cms/938_par.cms.nd.nt.log', 'no-leak'],
  ['jvm/gctoolkit/preunified/cms/parnew.cms.nd.log', 'no-leak'],
  ['jvm/gctoolkit/preunified/cms/parnew/details/GCLog_CMSCollection.log', 'no-leak'],
  ['jvm/gctoolkit/preunified/cms/parnew/details/gccause/170/1.7.0_cms.log', 'no-leak'],
  ['jvm/gctoolkit/preunified/cms/parnew/details/scavangeBeforeRemark.log', 'inconclusive'],
  ['jvm/gctoolkit/preunified/cms/parnew/details/scavangeBeforeRemarkWithReference.log', 'inconclusive'],
  ['jvm/gctoolkit/preunified/cms/parnew/details/tenuring/180/scavangeBeforeRemark.log', 'inconclusive'],
  ['jvm/gctoolkit/preunified/cms/parnew/details/tenuring/863_gc.log', 'no-leak'],
  ['jvm/gctoolkit/preunified/cms/parnew/details/tenuring/9f1dfc0c-4dab-4e41-892c-7f4c01c91e70-1396054737854.log', 'inconclusive'],
  ['jvm/gctoolkit/preunified/cms/parnew/details/tenuring/parnew.details.tenuring.cause.18020.log', 'leak'],
  ['jvm/gctoolkit/preunified/cms/parnew/details/tenuring/scavenge_before_remark.log', 'inconclusive'],
  ['jvm/gctoolkit/preunified/cms/parnew/details/tenuring/tlab/tlab_broken_gc_locker.log', 'inconclusive'],
  ['jvm/gctoolkit/preunified/g1gc/corrupted/broken_datetimestamp.log', 'unreadable'],
  ['jvm/gctoolkit/preunified/g1gc/corrupted/full_concurrent_mark_failure.log', 'inconclusive'],
  ['jvm/gctoolkit/preunified/g1gc/corrupted/no_young_intro.log', 'inconclusive'],
  ['jvm/gctoolkit/preunified/g1gc/corrupted/rollsbackclock.log', 'inconclusive'],
  ['jvm/gctoolkit/preunified/g1gc/details/170_51mastermind.log', 'inconclusive'],
  ['jvm/gctoolkit/preunified/g1gc/details/g1.details.cause.log', 'leak'],
  ['jvm/gctoolkit/preunified/g1gc/details/reference/post17040/gc_with_overflow.log', 'inconclusive'],
  ['jvm/gctoolkit/preunified/g1gc/details/tenuring/180/g1gc.log', 'inconclusive'],
  ['jvm/gctoolkit/preunified/g1gc/details/tenuring/180/neo4j-gc-fragment.log', 'inconclusive'],
  ['jvm/gctoolkit/preunified/g1gc/details/tenuring/server3-gc.log', 'inconclusive'],
  ['jvm/gctoolkit/preunified/g1gc/fine/gc_fine.log', 'inconclusive'],
  ['jvm/gctoolkit/preunified/icms/details/par.icms.wd.nt.log', 'no-leak'],
  ['jvm/gctoolkit/preunified/ps/details/1074_2.log', 'no-leak'],
  ['jvm/gctoolkit/preunified/ps/details/932_def.par.wd.nt.log', 'no-leak'],
  ['jvm/gctoolkit/preunified/ps/details/951_par.par.wd.nt.log', 'no-leak'],
  ['jvm/gctoolkit/preunified/ps/details/960_old.log', 'no-leak'],
  ['jvm/gctoolkit/preunified/ps/details/gccause/170/1.7.0.parallel.log', 'no-leak'],
  ['jvm/gctoolkit/preunified/ps/details/gccause/170/psyoung.log', 'leak'],
  ['jvm/gctoolkit/preunified/ps/details/long_pause.log', 'inconclusive'],
  ['jvm/gctoolkit/preunified/ps/details/parallel_adaptive.log', 'inconclusive'],
  ['jvm/gctoolkit/preunified/ps/details/tenuring/adaptive_sizing/icap.log', 'inconclusive'],
  ['jvm/gctoolkit/preunified/ps/details/tenuring/gccause/170/ps.cause.tenuring.details.v17051.log', 'leak'],
  ['jvm/gctoolkit/preunified/ps/details/tenuring/gccause/170/ps.dates.cause.tenuring.details.v17051.log', 'leak'],
  ['jvm/gctoolkit/preunified/ps/details/tenuring/gccause/180/1398331617.vgc', 'inconclusive'],
  ['jvm/gctoolkit/preunified/ps/details/tenuring/gccause/180/parold1.log', 'no-leak'],
  ['jvm/gctoolkit/preunified/ps/empty.log', 'inconclusive'],
  ['jvm/gctoolkit/preunified/serial/defnew/details/tenuring/180/serial180.log', 'no-leak'],
  ['jvm/gctoolkit/preunified/serial/defnew/details/tenuring/amit.barcap.log', 'no-leak'],
  ['jvm/gctoolkit/preunified/verbose/282_sun_gc.log', 'no-leak'],
  ['jvm/gctoolkit/preunified/verbose/600_gc.log', 'no-leak'],
  ['jvm/gctoolkit/preunified/verbose/tenuring/931_def.par.nd.wt.log', 'no-leak'],
  ['jvm/gctoolkit/preunified/verbose/tenuring/947_par.par.nd.wt.log', 'no-leak'],
  ['jvm/gctoolkit/rolling/jdk14/short_restart_4.log.2', 'inconclusive'],
  ['jvm/gctoolkit/streaming/gc.log.gz', 'leak'],
  ['jvm/gctoolkit/streaming/gcspike.log', 'no-leak'],
  ['jvm/gctoolkit/unified/cms/gc_trace.log', 'inconclusive'],
  ['jvm/gctoolkit/unified/g1gc/gc-no-age-timestamp.log', 'inconclusive'],
  ['jvm/gctoolkit/unified/g1gc/jvm-gc-10Nov2022.log', 'inconclusive'],
  ['jvm/gctoolkit/unified/g1gc/minimal.log', 'no-leak'],
  ['jvm/gctoolkit/unified/serial/factorization-serialgc-tip.log', 'no-leak'],
  ['jvm/gctoolkit/unified/shenandoah/shenandoah.log.0', 'inconclusive'],
  ['jvm/gctoolkit/unified/shenandoah/shenandoah.log.2', 'no-leak'],
  ['jvm/gcviewer/hp/SampleHP-UX1_3.txt', 'unreadable'],
  ['jvm/gcviewer/hp/SampleHP-UX1_4_1.txt', 'unreadable'],
  ['jvm/gcviewer/ibm/SampleIBM1_2_2.txt', 'unreadable'],
  ['jvm/gcviewer/ibm/SampleIBM1_3_0.txt', 'unreadable'],
  ['jvm/gcviewer/ibm/SampleIBM1_3_1.txt', 'unreadable'],
  ['jvm/gcviewer/ibm/SampleIBM1_4_2.txt', 'unreadable'],
  ['jvm/gcviewer/ibm/SampleIBMJ9_5_0af-global-200811_07.txt', 'unreadable'],
  ['jvm/gcviewer/ibm/SampleIBMJ9_5_0af-global-20090417_AA.txt', 'unreadable'],
  ['jvm/gcviewer/ibm/SampleIBMJ9_R26_GAFP1_full_header.txt', 'unreadable'],
  ['jvm/gcviewer/ibm/SampleIBMJ9_R26_GAFP1_global.txt', 'unreadable'],
  ['jvm/gcviewer/ibm/SampleIBMJ9_R27_SR1_full_header.txt', 'unreadable'],
  ['jvm/gcviewer/ibm/SampleIBMJ9_R27_SR1_global.txt', 'unreadable'],
  ['jvm/gcviewer/ibm/SampleIBMJ9_R28_af_global.txt', 'unreadable'],
  ['jvm/gcviewer/ibm/SampleIBMJ9_R28_af_scavenge_full_header.txt', 'unreadable'],
  ['jvm/gcviewer/ibm/SampleIBMJ9_R28_concurrentMinimal.txt', 'unreadable'],
  ['jvm/gcviewer/ibm/SampleIBMJ9_R28_concurrent_collection.txt', 'unreadable'],
  ['jvm/gcviewer/ibm/SampleIBMJ9_R28_sys_global.txt', 'unreadable'],
  ['jvm/gcviewer/ibm/SampleIBMi5OS1_4_2.txt', 'unreadable'],
  ['jvm/gcviewer/jrockit/SampleJRockit1_4_2gencon.txt', 'unreadable'],
  ['jvm/gcviewer/jrockit/SampleJRockit1_4_2parallel.txt', 'unreadable'],
  ['jvm/gcviewer/jrockit/SampleJRockit1_4_2priopausetime.txt', 'unreadable'],
  ['jvm/gcviewer/jrockit/SampleJRockit1_4_2ts-gcreport-gcpriopausetime.txt', 'unreadable'],
  ['jvm/gcviewer/jrockit/SampleJRockit1_4_2ts-gcreport-gcpriothroughput.txt', 'unreadable'],
  ['jvm/gcviewer/jrockit/SampleJRockit1_4_2ts-gcreport-gencon.txt', 'unreadable'],
  ['jvm/gcviewer/jrockit/SampleJRockit1_4_2ts-gcreport-parallel.txt', 'unreadable'],
  ['jvm/gcviewer/jrockit/SampleJRockit1_4_2ts-gcreport-singlecon.txt', 'unreadable'],
  ['jvm/gcviewer/jrockit/SampleJRockit1_5_12-gcreport-simpleopts-singlecon.txt', 'unreadable'],
  ['jvm/gcviewer/jrockit/SampleJRockit1_5_12_gcpriopausetime.txt', 'unreadable'],
  ['jvm/gcviewer/jrockit/SampleJRockit1_5_12_gcpriothroughput.txt', 'unreadable'],
  ['jvm/gcviewer/jrockit/SampleJRockit1_5_12_gencon.txt', 'unreadable'],
  ['jvm/gcviewer/jrockit/SampleJRockit1_5_12_genpar.txt', 'unreadable'],
  ['jvm/gcviewer/jrockit/SampleJRockit1_5_20_memstats2.txt', 'unreadable'],
  ['jvm/gcviewer/jrockit/SampleJRockit1_6_33_gc_mode_genpar_verbosenursery.txt', 'unreadable'],
  ['jvm/gcviewer/jrockit/SampleJRockit1_6_gc_mode_singleparcon.txt', 'unreadable'],
  ['jvm/gcviewer/jrockit/SampleJRockit1_6_verbose_gc_mode_gencon.txt', 'unreadable'],
  ['jvm/gcviewer/jrockit/SampleJRockit1_6_verbose_gc_mode_singleparcon.txt', 'unreadable'],
  ['jvm/gcviewer/openjdk/SampleOpenJdk1_8_0-332.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleOpenJdk1_8_0ShenandoahDetailsShutdown.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_3_1_19SunOS.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_4_0AdaptiveSizePolicy.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_4_0PSPrintHeapAtGC.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_4_2NoFullGC.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_4_2PrintGCDetails.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_5_0AdaptiveSizePolicy.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_5_0CMS_IncrementalPacing.txt', 'leak'],
  ['jvm/gcviewer/openjdk/SampleSun1_5_0CMS_PrintGCDetails.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_5_0ConcurrentModeFailure.txt', 'no-leak'],
  ['jvm/gcviewer/openjdk/SampleSun1_5_0ParallelOldGC.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_5_0PromotionFailure.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_6_0AdaptiveSizePolicy.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_6_0CMS.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_6_0CMSAdaptiveSizePolicy.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_6_0G1FullGcTenuringDistribution.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_6_0G1InitialMarkMixed.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_6_0G1_Detailed-mixedLine1.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_6_0G1_Detailed-mixedLine2.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_6_0G1_Detailed-mixedLine3.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_6_0G1_Detailed-young.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_6_0G1_MarkStackFull.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_6_0G1_PrintHeapAtGC.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_6_0G1_gc_verbose.txt', 'no-leak'],
  ['jvm/gcviewer/openjdk/SampleSun1_6_0G1_partial_initialMarkToSpaceOverflow.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_6_0G1_partial_toSpaceOverflow.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_6_0G1_young_initialMarkToSpaceOverflow.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_6_0G1_young_toSpaceOverflow.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_6_0PrintHeapAtGC.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_6_0PrintHeapAtGC.txt.gz', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_7_0-01_G1_young.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_7_0-02_G1_young.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_7_0CMSTenuringDistributionInitiationStatistics.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_7_0CMS_PrintTenuringDistributionPromotionFailure.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_7_0CmsPrintFlsStats1.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_7_0CmsPrintFlsStats2.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_7_0CmsPrintFlsStats3.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_7_0G1-ApplicationStopped.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_7_0G1AdaptiveSize_Reference.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_7_0G1PrintReferencePolicy.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_7_0G1TenuringDistribution.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_7_0G1_AppStopped_TenuringDist_Ergonomics_comma.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_7_0G1_DateStamp_Detailed-mixedLine1.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_7_0G1_DateStamp_Detailed-mixedLine2.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_7_0G1_DateStamp_Detailed-mixedLine3.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_7_0G1_DetailsWoTimestamp.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_7_0G1_MixedApplicationStopped.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_7_0G1_PauseWithComma.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_7_0G1_PrintHeapAtGC_withConcurrent.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_7_0PS_Adaptive_Tenuring_AppStopped.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_7_0ParallelAdaptiveSizeReference.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_7_0Parallel_Tenuring_PrintGCCause.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_7_0_02PrintApplicationTimeTenuringDistribution.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_7_0_02_G1_young_datestamp.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_7_0_12PrintAdaptiveSizePolicy.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_7_0_40CMS_PrintGCCause.txt', 'no-leak'],
  ['jvm/gcviewer/openjdk/SampleSun1_7_0_40PrintGCCause.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_7_0_40PrintGCCause2.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_7_0_40PrintHeapAtGC.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_7_0_51_CMS_PrintApplStoppedTime.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_7_0_51_CMS_PrintApplStoppedTime_TenuringDist.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_7_0_51_G1_PrintApplicationTimeTenuringDistribution.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_7_0_G1_young_initial_mark_to_space_exhausted_original_order.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_7_0_G1_young_initial_mark_to_space_exhausted_reverse_order.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_8_0CMS_HeadDumpBeforeFullGc.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_8_0CMS_ScavengeBR_HeapAtGC_TenuringDist_PrintFLS.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_8_0CMS_ScavengeBeforeRemark_HeapAtGc.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_8_0CmsPrintGcId.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_8_0G1HumongousMixed.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_8_0G1PrintGCCausePrintTenuringDistribution.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_8_0G1PrintGCID.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_8_0G1PrintHeapAtGc.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_8_0G1StringDeduplication.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_8_0G1SystemGcYoung.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_8_0G1YoungMetadataGcThreshold.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_8_0G1_ConcurrentCycle.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_8_0G1extended-remark.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_8_0ParallelPrintGCID.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_8_0ParallelPrintHeapAtGC.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_8_0Parallel_Apple.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_8_0Parallel_Tenuring_PrintGCCause.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_8_0RollingLogfile.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_8_0Series-ManuallyMerged.txt', 'leak'],
  ['jvm/gcviewer/openjdk/SampleSun1_8_0Series-Part1.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/SampleSun1_8_0Series-Part2.txt', 'no-leak'],
  ['jvm/gcviewer/openjdk/SampleSun1_8_0Series-Part3.txt', 'no-leak'],
  ['jvm/gcviewer/openjdk/SampleSun1_8_0Series-Part4.txt', 'no-leak'],
  ['jvm/gcviewer/openjdk/SampleSun1_8_0Series-Part5.txt', 'no-leak'],
  ['jvm/gcviewer/openjdk/SampleSun1_8_0Series-Part6.txt', 'no-leak'],
  ['jvm/gcviewer/openjdk/SampleSun1_8_0Series-Part7.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/unified-jvm-logging/Sample-ujl-shenandoah-jdk11-PauseDegeneratedGc.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/unified-jvm-logging/Sample-ujl-shenandoah-jdk11-beginning.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/unified-jvm-logging/Sample-ujl-shenandoah-jdk11.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/unified-jvm-logging/Sample-ujl-shenandoah-jdk17.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/unified-jvm-logging/SampleShenandoahAllocationFailure.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/unified-jvm-logging/SampleShenandoahPassiveHeuristics.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/unified-jvm-logging/SampleShenandoahSeveralSystemGC.txt', 'leak'],
  ['jvm/gcviewer/openjdk/unified-jvm-logging/SampleShenandoahSingleSystemGC.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/unified-jvm-logging/sample-ujl-cms-gc-all,safepoint,os+cpu.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/unified-jvm-logging/sample-ujl-cms-gc-defaults.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/unified-jvm-logging/sample-ujl-g1-gc-all,safepoint,os+cpu-to-space-exhausted.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/unified-jvm-logging/sample-ujl-g1-gc-all,safepoint,os+cpu.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/unified-jvm-logging/sample-ujl-g1-gc-defaults.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/unified-jvm-logging/sample-ujl-jdk17-full-concurrent-cycle-g1-gc-all-safepont,os-cpu.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/unified-jvm-logging/sample-ujl-parallel-gc-all,safepoint,os+cpu.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/unified-jvm-logging/sample-ujl-parallel-gc-defaults.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/unified-jvm-logging/sample-ujl-serial-gc-all,safepoint,os+cpu.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/unified-jvm-logging/sample-ujl-serial-gc-defaults.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/unified-jvm-logging/sample-ujl-zgc-gc-all.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/unified-jvm-logging/sample-ujl-zgc-gc-default.txt', 'inconclusive'],
  ['jvm/gcviewer/openjdk/unified-jvm-logging/sample-ujl-zgc-gc-other.txt', 'inconclusive'],
  ['jvm/jifa/11CMSGCParser.log', 'inconclusive'],
  ['jvm/jifa/11CMSPrintGC.log', 'inconclusive'],
  ['jvm/jifa/11CMSScavengeBeforeRemark.log', 'inconclusive'],
  ['jvm/jifa/11CMSUpTime.log', 'inconclusive'],
  ['jvm/jifa/11G1Parser.log', 'inconclusive'],
  ['jvm/jifa/11G1ParserDetectHeapRegionSize.log', 'inconclusive'],
  ['jvm/jifa/11G1PrintGC.log', 'inconclusive'],
  ['jvm/jifa/11G1PrintGC2.log', 'inconclusive'],
  ['jvm/jifa/11GenerationalGCInterleave.log', 'inconclusive'],
  ['jvm/jifa/11ParallelGCParser.log', 'inconclusive'],
  ['jvm/jifa/11SerialGCParser.log', 'inconclusive'],
  ['jvm/jifa/11ZGCParser.log', 'inconclusive'],
  ['jvm/jifa/17G1InferRegionSize.log', 'inconclusive'],
  ['jvm/jifa/17G1Parser.log', 'inconclusive'],
  ['jvm/jifa/17ParallelGCParser.log', 'inconclusive'],
  ['jvm/jifa/17SerialGCParser.log', 'inconclusive'],
  ['jvm/jifa/17ZGCParser.log', 'inconclusive'],
  ['jvm/jifa/8CMSCPUTime.log', 'inconclusive'],
  ['jvm/jifa/8CMSParser.log', 'inconclusive'],
  ['jvm/jifa/8CMSPrintGC.log', 'inconclusive'],
  ['jvm/jifa/8CMSPromotionFailed.log', 'inconclusive'],
  ['jvm/jifa/8CMSScavengeBeforeRemark.log', 'inconclusive'],
  ['jvm/jifa/8ConcurrentPrintDateTimeStamp.log', 'inconclusive'],
  ['jvm/jifa/8G1GCParser.log', 'inconclusive'],
  ['jvm/jifa/8G1GCParserAdaptiveSize.log', 'inconclusive'],
  ['jvm/jifa/8G1LogConcurrencyProblem.log', 'inconclusive'],
  ['jvm/jifa/8G1PrintGC.log', 'inconclusive'],
  ['jvm/jifa/8GenerationalGCInterleave.log', 'inconclusive'],
  ['jvm/jifa/8ParallelGCParser.log', 'inconclusive'],
  ['jvm/jifa/8SerialGCParser.log', 'inconclusive'],
  ['jvm/jifa/IncompleteGCLog.log', 'inconclusive'],
];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

async function analyzeFile(file: string): Promise<AnalysisResult | 'unreadable'> {
  const records: ParsedRecord[] = [];
  try {
    const outcome = await readGcLog({ path: corpusPath(file), name: file }, { onRecord: (r) => records.push(r) });
    return analyze({ events: records, recognised: { [file]: outcome.recognised } });
  } catch (err) {
    // Only "not a format gclens reads" may stop a file; anything else is a bug.
    if (err instanceof GclensError && err.kind === 'unsupported-format') return 'unreadable';
    throw err;
  }
}

/** Every number in the result is finite: a NaN or an Infinity would print as null in JSON and pass for "absent". */
function nonFinite(value: unknown, path = ''): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [path];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => nonFinite(v, `${path}.${k}`));
  return [];
}

describe.skipIf(!hasCorpus)('analysis of every GC log in the shared corpus', () => {
  it('lists every file of corpus/go-gctrace and corpus/jvm', () => {
    const files = [...walk(corpusPath('go-gctrace')), ...walk(corpusPath('jvm'))].map((p) => relative(corpusPath(), p)).sort();
    expect(VERDICTS.map(([file]) => file)).toEqual(files);
  });

  it.each(VERDICTS)('%s: %s', async (file, verdict) => {
    const result = await analyzeFile(file);
    if (result === 'unreadable') {
      expect(verdict).toBe('unreadable');
      return;
    }
    expect(result.verdict, result.summary).toBe(verdict);
    expect(nonFinite(result)).toEqual([]);
    expect(result.confidence).toBeGreaterThanOrEqual(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
    if (result.verdict === 'inconclusive') expect(result.confidence).toBe(0);
    // Every evidence line is a line of the file it names.
    const raw = readFileSync(corpusPath(file));
    const lineCount = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8').split('\n').length;
    for (const f of result.findings) {
      expect(f.title).toMatch(/^\S.*\.$/);
      for (const e of f.evidence) {
        expect(e.artifact).toBe(file);
        for (const n of e.lines ?? []) expect(n).toBeLessThanOrEqual(lineCount);
      }
    }
  });
});

describe.skipIf(!hasCorpus)('corpus files whose findings were checked against the raw text', () => {
  it('go1.9.txt: a live heap rising 15 → 42 MiB over nine minutes', async () => {
    // gcviewer's Go 1.9 sample: `… 4->4->1 MB` at 0.058 s, `… ->41 MB` near the end at 526 s.
    const result = (await analyzeFile('go-gctrace/gcviewer/go1.9.txt')) as AnalysisResult;
    expect(result.metrics.floorTrend).toMatchObject({ source: 'go-live-heap', shape: 'rising', collections: 635 });
    expect(result.summary).toBe('Leak: the live heap rises steadily at 3.2 MiB/min (15.0 MiB → 42.0 MiB over 9 min, 635 collections).');
  });

  it('gc_with_overflow.log: 402 full collections in bursts, the heap pinned at the limit', async () => {
    const result = (await analyzeFile('jvm/gctoolkit/preunified/g1gc/details/reference/post17040/gc_with_overflow.log')) as AnalysisResult;
    const rules = result.findings.map((f) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['back-to-back-full-gc', 'heap-at-limit', 'evacuation-failure']));
    expect(result.summary).toMatch(/bunch into 4 stretches/);
  });

  it('SampleSun1_8_0Series: each 4-minute part is flat, the merged 29 minutes rise', async () => {
    const merged = (await analyzeFile('jvm/gcviewer/openjdk/SampleSun1_8_0Series-ManuallyMerged.txt')) as AnalysisResult;
    expect(merged.verdict).toBe('leak');
    const levels: number[] = [];
    for (const part of [2, 3, 4, 5, 6]) {
      const r = (await analyzeFile(`jvm/gcviewer/openjdk/SampleSun1_8_0Series-Part${part}.txt`)) as AnalysisResult;
      expect(r.verdict).toBe('no-leak');
      levels.push(r.metrics.floorTrend!.observedEndBytes);
    }
    // Each part's floor ends higher than the one before: the growth only shows across parts.
    expect(levels).toEqual([...levels].sort((a, b) => a - b));
  });
});
