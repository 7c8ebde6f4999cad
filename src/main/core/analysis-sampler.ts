/**
 * Holds the records files:open analyses, in bounded memory. analyze() needs
 * event objects, and a multi-gigabyte log holds tens of millions: past
 * `maxSampled` routine records, only every k-th is kept (k doubling as the
 * log goes on, so the kept ones stay evenly spaced and the choice depends on
 * the input alone), while run starts and the collections rules look for one
 * by one (full, forced, failed) are all kept, up to `maxNotable`.
 */
import type { AnalysisResult } from '../../shared/analysis';
import type { GcEvent, ParsedRecord } from '../../shared/gc-event';
import { analyze } from '../analysis/analyze';
import {
  isAllocationStall,
  isAskedFor,
  isConcurrentModeFailure,
  isEvacuationFailure,
  isHumongousAllocation,
  isMetadataThreshold,
  isPromotionFailure,
} from '../analysis/rules/causes';

export const MAX_SAMPLED_RECORDS = 2_000_000;
export const MAX_NOTABLE_RECORDS = 200_000;

const WHOLE_HEAP_KINDS = new Set<GcEvent['kind']>(['full', 'major', 'degenerated']);

/** A collection some rule counts one by one: never thinned out. */
export function isNotable(event: GcEvent): boolean {
  return (
    event.forced ||
    WHOLE_HEAP_KINDS.has(event.kind) ||
    isAskedFor(event) ||
    isEvacuationFailure(event) ||
    isPromotionFailure(event) ||
    isConcurrentModeFailure(event) ||
    isHumongousAllocation(event) ||
    isAllocationStall(event) ||
    isMetadataThreshold(event)
  );
}

export interface SamplerLimits {
  maxSampled?: number;
  maxNotable?: number;
}

export class AnalysisSampler {
  private readonly maxSampled: number;
  private readonly maxNotable: number;
  private kept: ParsedRecord[] = [];
  /** Per kept record, its position among the thinnable ones; -1 for records always kept. */
  private seq: number[] = [];
  private thinnable = 0;
  private sampledKept = 0;
  private notable = 0;
  private stride = 1;
  /** GC events and safepoints seen, kept or not. */
  seen = 0;

  constructor(limits: SamplerLimits = {}) {
    this.maxSampled = limits.maxSampled ?? MAX_SAMPLED_RECORDS;
    this.maxNotable = limits.maxNotable ?? MAX_NOTABLE_RECORDS;
  }

  /** Phases and unknown lines play no part in the analysis and are not held. */
  add(record: ParsedRecord): void {
    if (record.type === 'phase' || record.type === 'unknown') return;
    if (record.type === 'run-start') return this.keep(record, -1);
    this.seen++;
    if (record.type === 'gc' && this.notable < this.maxNotable && isNotable(record)) {
      this.notable++;
      return this.keep(record, -1);
    }
    const n = this.thinnable++;
    if (n % this.stride !== 0) return;
    this.keep(record, n);
    if (++this.sampledKept > this.maxSampled) this.thin();
  }

  /** True once some records were left out. */
  get subsampled(): boolean {
    return this.stride > 1;
  }

  get records(): readonly ParsedRecord[] {
    return this.kept;
  }

  get keptCount(): number {
    return this.sampledKept + this.notable;
  }

  private keep(record: ParsedRecord, n: number): void {
    this.kept.push(record);
    this.seq.push(n);
  }

  /** Doubles the stride and drops the kept records it no longer selects. */
  private thin(): void {
    this.stride *= 2;
    const kept: ParsedRecord[] = [];
    const seq: number[] = [];
    let sampled = 0;
    for (let i = 0; i < this.kept.length; i++) {
      const n = this.seq[i]!;
      if (n >= 0 && n % this.stride !== 0) continue;
      if (n >= 0) sampled++;
      kept.push(this.kept[i]!);
      seq.push(n);
    }
    this.kept = kept;
    this.seq = seq;
    this.sampledKept = sampled;
  }
}

/** Rules that sum or chain every collection in a window: on a subset their numbers would be wrong. */
const NEEDS_EVERY_COLLECTION = new Set(['gc-overhead', 'pause-and-old-growth', 'back-to-back-full-gc', 'heap-at-limit']);

/**
 * Analyses what the sampler kept. On a subset, the metrics and findings that
 * need every collection back to back (overhead, MMU, allocation and promotion
 * rates, thrashing) would come out wrong by the stride: they are left out
 * and the notes say so.
 */
export function analyseSampled(sampler: AnalysisSampler, recognised: Record<string, Readonly<Record<string, number>>>): AnalysisResult {
  const result = analyze({ events: sampler.records, recognised });
  if (!sampler.subsampled) return result;
  const m = result.metrics;
  m.gcOverheadPercent = null;
  m.safepointOverheadPercent = null;
  m.mmu = m.mmu.map((point) => ({ ...point, utilisation: null }));
  m.allocationRate = null;
  m.promotionRate = null;
  result.findings = result.findings.filter((finding) => !NEEDS_EVERY_COLLECTION.has(finding.rule));
  result.notes.unshift(
    `The log holds ${sampler.seen.toLocaleString('en-US')} collections and safepoints, too many to analyse one by one: ` +
      `the analysis read ${sampler.keptCount.toLocaleString('en-US')} of them, evenly spaced, plus every full, forced or failed collection. ` +
      'GC overhead, MMU, the allocation and promotion rates and the thrashing checks need every collection and are left out; the charts and summary still cover every one.',
  );
  return result;
}
