/**
 * GC lines that carry no pause and no heap transition we need, known by
 * how their message starts: counted under a category, never reported as
 * not understood. Tagged logs settle most of these from their tags
 * (gc,cpu, gc,task…, see tags.ts); this table serves the lines the tags
 * leave open (plain `gc`, or logs written without the tags decorator).
 */

/** [message prefix, category] for lines with a GC(n) id. */
const WITH_ID: Array<[string, string]> = [
  ['User=', 'cpu-time'],
  ['Using ', 'workers'],
  ['Phase ', 'phase-detail'],
  ['Marking Phase', 'phase-detail'],
  ['Summary Phase', 'phase-detail'],
  ['Adjust Roots', 'phase-detail'],
  ['Compaction Phase', 'phase-detail'],
  ['Post Compact', 'phase-detail'],
  ['Pre Evacuate', 'phase-detail'],
  ['Evacuate Collection', 'phase-detail'],
  ['Post Evacuate', 'phase-detail'],
  ['Merge Heap Roots', 'phase-detail'],
  ['Other: ', 'phase-detail'],
  ['Trigger cleanups', 'phase-detail'],
  ['ClassLoaderData', 'phase-detail'],
  ['Weak Processing', 'phase-detail'],
  ['Class Unloading', 'phase-detail'],
  ['Rescan', 'phase-detail'],
  ['Desired survivor', 'tenuring'],
  ['Age table', 'tenuring'],
  ['- age', 'tenuring'],
  ['Cleaned string', 'string-table'],
  ['Scrub ', 'string-table'],
  ['Skipped ', 'reference-processing'],
  ['Reference Processing', 'reference-processing'],
  ['SoftReference', 'reference-processing'],
  ['WeakReference', 'reference-processing'],
  ['FinalReference', 'reference-processing'],
  ['PhantomReference', 'reference-processing'],
  ['Encountered ', 'reference-processing'],
  ['Discovered ', 'reference-processing'],
  ['Enqueued ', 'reference-processing'],
  ['Soft: ', 'reference-processing'],
  ['Weak: ', 'reference-processing'],
  ['Final: ', 'reference-processing'],
  ['Phantom: ', 'reference-processing'],
  ['Pacer for', 'ergonomics'],
  ['Adaptive ', 'ergonomics'],
  ['Collectable Garbage', 'ergonomics'],
  ['Immediate Garbage', 'ergonomics'],
  ['Good progress', 'ergonomics'],
  ['Bad progress', 'ergonomics'],
  ['Free: ', 'ergonomics'],
  ['New generation size', 'ergonomics'],
  ['Target occupancy', 'ergonomics'],
  ['Attempt heap', 'ergonomics'],
  ['Shrink the heap', 'ergonomics'],
  ['Expand the heap', 'ergonomics'],
  ['Did not expand', 'ergonomics'],
  ['Requesting ', 'ergonomics'],
  ['Load: ', 'collector-detail'],
  ['MMU', 'collector-detail'],
  ['Mark: ', 'collector-detail'],
  ['Mark Stack Usage', 'collector-detail'],
  ['Relocation: ', 'collector-detail'],
  ['NMethods: ', 'collector-detail'],
  ['Small Pages', 'collector-detail'],
  ['Medium Pages', 'collector-detail'],
  ['Large Pages', 'collector-detail'],
  ['Forwarding Usage', 'collector-detail'],
  ['Min Capacity', 'collector-detail'],
  ['Max Capacity', 'collector-detail'],
  ['Soft Max Capacity', 'collector-detail'],
  ['Age Table', 'collector-detail'],
  ['Using tenuring threshold', 'collector-detail'],
  ['Allocation Stalls', 'collector-detail'],
  ['Candidates', 'collector-detail'],
  ['Live ', 'collector-detail'],
  ['Eden ', 'collector-detail'],
  ['Survivor ', 'collector-detail'],
  ['Metaspace', 'metaspace'],
  ['class space', 'metaspace'],
  ['Heap before GC', 'heap-detail'],
  ['Heap after GC', 'heap-detail'],
  ['Heap ', 'heap-detail'],
  ['garbage-first heap', 'heap-detail'],
  ['region size', 'heap-detail'],
  ['def new generation', 'heap-detail'],
  ['tenured generation', 'heap-detail'],
  ['eden space', 'heap-detail'],
  ['from space', 'heap-detail'],
  ['to space', 'heap-detail'],
  ['the space', 'heap-detail'],
  ['object space', 'heap-detail'],
  ['PSYoungGen ', 'heap-detail'],
  ['ParOldGen ', 'heap-detail'],
  ['PSOldGen ', 'heap-detail'],
  ['DefNew ', 'heap-detail'],
  ['Tenured ', 'heap-detail'],
  ['Old: ', 'heap-detail'],
  ['TLAB totals', 'tlab'],
  ['Relocation Stall', 'stall'],
  ['Allocation Stall', 'stall'],
  ['Cancelling GC', 'event-detail'],
];

/** [message prefix, category] for lines without one. */
const WITHOUT_ID: Array<[string, string]> = [
  ['Allocation Stall', 'stall'],
  ['Relocation Stall', 'stall'],
  ['Trigger: ', 'ergonomics'],
  ['Failed to allocate', 'ergonomics'],
  ['Free: ', 'ergonomics'],
  ['Free headroom', 'ergonomics'],
  ['Evacuation Reserve', 'ergonomics'],
  ['Pacer for', 'ergonomics'],
  ['Cancelling ', 'ergonomics'],
  ['Soft Max Heap Size', 'ergonomics'],
  ['Attempting ', 'ergonomics'],
  ['Metaspace', 'metaspace'],
  ['class space', 'metaspace'],
  ['Heap', 'header'],
  ['Min heap', 'header'],
  ['Consider ', 'header'],
  ['Version', 'header'],
  ['Periodic GC', 'header'],
  ['Heuristics', 'header'],
  ['Initializing ', 'header'],
  ['Initialize ', 'header'],
  ['ConcGCThreads', 'header'],
  ['ParallelGCThreads', 'header'],
  ['Serial collector', 'header'],
  ['Shenandoah ', 'header'],
  ['Regions: ', 'header'],
  ['Humongous object', 'header'],
  ['Max TLAB', 'header'],
  ['GC threads', 'header'],
  ['Safepointing mechanism', 'header'],
  ['Reference processing', 'header'],
  ['CDS archive', 'header'],
  ['Compressed class space', 'header'],
  ['Narrow klass', 'header'],
  ['Min Capacity', 'header'],
  ['Initial Capacity', 'header'],
  ['Max Capacity', 'header'],
  ['=== ', 'statistics'],
];

/** The category of a GC line no reader took, or null when it is not a known informational shape. */
export function informationalCategory(text: string, at: number, hasId: boolean): string | null {
  // Indented lines are sub-details of the line above them (sub-phase timings, per-worker figures).
  if (text.charCodeAt(at) === 32) return hasId ? 'phase-detail' : 'statistics';
  for (const [prefix, category] of hasId ? WITH_ID : WITHOUT_ID) if (text.startsWith(prefix, at)) return category;
  return null;
}

const TRANSITION = /\d[BKMG](?:\(\d+[BKMG]\))?->\d/;

/** True when a line shows a pause or a heap transition: such a line must never go uncounted. */
export function carriesPauseOrTransition(text: string, at: number): boolean {
  return text.startsWith('Pause ', at) || TRANSITION.test(at === 0 ? text : text.slice(at));
}

/**
 * Counts by category. Neighbouring lines mostly share theirs (five sub-phase
 * timings, six space lines), so a run is counted before the table is touched.
 */
export class CategoryCounts {
  private readonly counts: Record<string, number> = {};
  private last = '';
  private lastCount = 0;

  add(category: string): void {
    if (category === this.last) {
      this.lastCount++;
      return;
    }
    this.flush();
    this.last = category;
    this.lastCount = 1;
  }

  snapshot(): Readonly<Record<string, number>> {
    this.flush();
    return this.counts;
  }

  private flush(): void {
    if (this.lastCount === 0) return;
    this.counts[this.last] = (this.counts[this.last] ?? 0) + this.lastCount;
    this.last = '';
    this.lastCount = 0;
  }
}
