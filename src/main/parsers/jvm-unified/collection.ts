/**
 * One collection being assembled. The lines of a GC(n) are spread over many
 * log lines (start, spaces, phases, summary) and interleave with other ids,
 * so each id gets one of these until the line that completes it.
 */
import type { GcEvent, GcKind, GenerationName, GenerationSizes, SourceRef } from '../../../shared/gc-event';
import { gcEvent } from '../gc-log-parser';
import { shiftIso } from './decorators';

/** G1's spaces are counted in regions; bytes need the region size. */
export interface RegionCounts {
  before: number;
  after: number;
  /** The target in parentheses (`Eden regions: 3->0(4)`), or NaN. */
  target: number;
}

export type RegionSpace = 'eden' | 'survivor' | 'old' | 'humongous' | 'archive';

/** Which ZGC statistics table the next rows of this collection belong to. */
export const ZTable = { NONE: 0, HEAP: 1, YOUNG: 2, OLD: 3 } as const;
export type ZTable = (typeof ZTable)[keyof typeof ZTable];

export class Collection {
  kind: GcKind | null = null;
  cause: string | null = null;
  /** Remarks appended to the cause: to-space exhausted, cancelled, incomplete. */
  notes: string | null = null;
  forced = false;
  /** Uptime and wall time of the first line seen for this collection. */
  firstSec: number | null = null;
  firstWall: string | null = null;
  /** True once a start line (gc,start, or the collection's first phase) was seen. */
  started = false;
  pauseMs = 0;
  pauses = 0;
  concurrentMs = 0;
  concurrentPhases = 0;
  heapBefore: number | null = null;
  heapAfter: number | null = null;
  heapCommitted: number | null = null;
  live: number | null = null;
  generations: Partial<Record<GenerationName, GenerationSizes>> | null = null;
  regions: Partial<Record<RegionSpace, RegionCounts>> | null = null;
  /** ZGC: the table the next rows belong to, and the young/old live sizes at relocate end. */
  table: ZTable = ZTable.NONE;
  youngLive: number | null = null;
  oldLive: number | null = null;
  /** Shenandoah: concurrent cleanups seen, and whether the final update-refs pause ran. */
  cleanups = 0;
  finalUpdateRefs = false;

  /** The last line seen for this collection: where its event points. */
  lastLine: number;

  constructor(
    readonly id: number,
    readonly collector: string,
    readonly firstLine: number,
  ) {
    this.lastLine = firstLine;
  }

  note(remark: string): void {
    this.notes = this.notes ? `${this.notes}; ${remark}` : remark;
  }

  setGeneration(name: GenerationName, before: number | null, after: number | null, committed: number | null): void {
    (this.generations ??= {})[name] = { beforeBytes: before, afterBytes: after, committedBytes: committed };
  }

  setRegions(space: RegionSpace, before: number, after: number, target: number): void {
    (this.regions ??= {})[space] = { before, after, target };
  }

  /**
   * The finished event. `endSec`/`endWall` are those of the completing line:
   * without a start line the start is taken as that time less the pause,
   * since the summary is printed when the pause ends.
   */
  toEvent(kind: GcKind, source: SourceRef, endSec: number | null, endWall: string | null, regionBytes: number | null, collector = this.collector): GcEvent {
    let startSec = this.firstSec;
    let wallTime = this.firstWall;
    if (!this.started && this.pauses > 0 && this.pauseMs > 0 && this.concurrentPhases === 0) {
      if (endSec !== null) startSec = Math.max(0, roundMicros(endSec - this.pauseMs / 1000));
      if (endWall !== null) wallTime = shiftIso(endWall, -this.pauseMs) ?? endWall;
    }
    const cause = this.notes ? (this.cause ? `${this.cause}; ${this.notes}` : this.notes) : this.cause;
    return gcEvent({
      runtime: 'jvm',
      collector,
      kind,
      source,
      id: this.id,
      startSec,
      wallTime,
      cause,
      forced: this.forced,
      pauseMs: roundNanos(this.pauseMs),
      concurrentMs: this.concurrentPhases > 0 ? roundNanos(this.concurrentMs) : null,
      heapBeforeBytes: this.heapBefore,
      heapAfterBytes: this.heapAfter,
      heapCommittedBytes: this.heapCommitted,
      liveBytes: this.live,
      generations: this.withRegions(regionBytes),
    });
  }

  /** Region counts turned into generation sizes, when the region size is known. */
  private withRegions(regionBytes: number | null): Partial<Record<GenerationName, GenerationSizes>> | null {
    const r = this.regions;
    if (!r || regionBytes === null) return this.generations;
    const gens = this.generations ?? {};
    if (r.eden) gens.young = regionSizes(r.eden, regionBytes);
    if (r.survivor) gens.survivor = regionSizes(r.survivor, regionBytes);
    if (r.old) gens.old = regionSizes(r.old, regionBytes);
    if (r.humongous) gens.humongous = regionSizes(r.humongous, regionBytes);
    return gens;
  }

  /** Regions in use before the collection (all spaces), for inferring the region size. */
  regionsBefore(): number {
    const r = this.regions;
    if (!r) return 0;
    return (r.eden?.before ?? 0) + (r.survivor?.before ?? 0) + (r.old?.before ?? 0) + (r.humongous?.before ?? 0) + (r.archive?.before ?? 0);
  }

  regionsAfter(): number {
    const r = this.regions;
    if (!r) return 0;
    return (r.eden?.after ?? 0) + (r.survivor?.after ?? 0) + (r.old?.after ?? 0) + (r.humongous?.after ?? 0) + (r.archive?.after ?? 0);
  }
}

function regionSizes(c: RegionCounts, regionBytes: number): GenerationSizes {
  return { beforeBytes: c.before * regionBytes, afterBytes: c.after * regionBytes, committedBytes: Number.isNaN(c.target) ? null : c.target * regionBytes };
}

/**
 * G1 logs its spaces in regions. Without a `Heap Region Size` line the size
 * is the smallest power of two (1 MB up) for which the regions in use hold
 * the used heap before and after this collection; null when it cannot tell.
 */
export function smallestRegionSize(c: Collection): number | null {
  if (c.heapBefore === null && c.heapAfter === null) return null;
  const need = Math.max(perRegion(c.heapBefore, c.regionsBefore()), perRegion(c.heapAfter, c.regionsAfter()));
  let size = 1024 * 1024;
  while (size < need && size < 512 * 1024 * 1024) size *= 2;
  return size;
}

function perRegion(bytes: number | null, regions: number): number {
  return bytes === null || regions === 0 ? 0 : bytes / regions;
}

/** Sums of decimals from the log (0.1 + 0.2…) rounded to the nanosecond, the log's finest unit. */
export function roundNanos(ms: number): number {
  return Math.round(ms * 1e6) / 1e6;
}

export function roundMicros(sec: number): number {
  return Math.round(sec * 1e6) / 1e6;
}

/** Causes of an explicit collection: someone asked for it. */
const FORCED_CAUSES = new Set([
  'System.gc()',
  'Diagnostic Command',
  'Heap Dump Initiated GC',
  'Heap Inspection Initiated GC',
  'JvmtiEnv ForceGarbageCollection',
  'WhiteBox Initiated Young GC',
  'WhiteBox Initiated Concurrent Mark',
  'WhiteBox Initiated Full GC',
  'WhiteBox Initiated Run to Breakpoint',
]);

export function isForcedCause(cause: string): boolean {
  // Most causes (Allocation Failure, G1 Evacuation Pause, Ergonomics…) are ruled out by their first letter.
  const first = cause.charCodeAt(0);
  return (first === 83 || first === 68 || first === 72 || first === 74 || first === 87) && FORCED_CAUSES.has(cause);
}
