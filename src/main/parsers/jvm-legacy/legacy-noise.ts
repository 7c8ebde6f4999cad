/**
 * The lines a JDK ≤ 8 GC log holds besides collections: what the diagnostic
 * flags print (PrintTenuringDistribution, PrintTLAB, PrintAdaptiveSizePolicy,
 * PrintHeapAtGC, PrintFLSStatistics, PrintCMSInitiationStatistics, …), the
 * log header and the log-rotation notices. They are recognised and counted by
 * kind, never taken for collections and never reported as not understood.
 *
 * Some of them start in the middle of a collection's line
 * (`[GCAdaptiveSizePolicy::…`, `[GC TLAB: gc thread: …`, `[GCBefore GC:`,
 * `(concurrent mode failure)CMS: Large block …`): `cutNoise` cuts such a line
 * at the first marker, keeping the collection's part.
 */

export type NoiseKind =
  | 'header'
  | 'log-rotation'
  | 'times'
  | 'tenuring'
  | 'tlab'
  | 'adaptive-size'
  | 'heap-at-gc'
  | 'fls-statistics'
  | 'cms-statistics'
  | 'g1-detail'
  | 'application-time';

export const NOISE_KINDS: readonly NoiseKind[] = [
  'header',
  'log-rotation',
  'times',
  'tenuring',
  'tlab',
  'adaptive-size',
  'heap-at-gc',
  'fls-statistics',
  'cms-statistics',
  'g1-detail',
  'application-time',
];

/** Markers after which the rest of a line is diagnostic output, by kind. */
const CUT_MARKERS: ReadonlyArray<[string, NoiseKind]> = [
  ['AdaptiveSizePolicy::', 'adaptive-size'],
  ['AdaptiveSizeStart:', 'adaptive-size'],
  ['PSAdaptiveSize', 'adaptive-size'],
  ['TLAB: gc thread:', 'tlab'],
  ['Desired survivor size', 'tenuring'],
  ['Before GC:', 'fls-statistics'],
  ['After GC:', 'fls-statistics'],
  ['CMS: Large block', 'fls-statistics'],
  ['CMS: Large Block', 'fls-statistics'],
  ['Mark stack is full.', 'g1-detail'],
  ['{Heap before GC', 'heap-at-gc'],
];

export interface Cut {
  text: string;
  kind: NoiseKind | null;
}

/** The part of a collection's line before any diagnostic output spliced into it. */
export function cutNoise(text: string): Cut {
  let at = -1;
  let kind: NoiseKind | null = null;
  for (const [marker, markerKind] of CUT_MARKERS) {
    const i = text.indexOf(marker);
    if (i !== -1 && (at === -1 || i < at)) {
      at = i;
      kind = markerKind;
    }
  }
  // PrintFLSStatistics' per-size census: `size[3] : demand: 1693, …`.
  const demand = text.indexOf('] : demand: ');
  if (demand !== -1) {
    const i = text.lastIndexOf('size[', demand);
    if (i !== -1 && (at === -1 || i < at)) {
      at = i;
      kind = 'fls-statistics';
    }
  }
  return at === -1 ? { text, kind: null } : { text: text.slice(0, at), kind };
}

const HEAP_SPACE = /^\s*[A-Za-z][\w -]{0,60}? total \d+K, used \d+K|^\s+(?:Metaspace|class space) +used \d+K|^\s+(?:eden|from|to|object|the|ro|rw|data|class) +(?:space|\[)|^\s*region size \d+K|^ \d+ x \d+K regions$/;
const HEAP_TITLE = /^\s*(?:\{|\}\s*\{?)?(?:Heap|Heap (?:before|after) GC invocations=\d+(?: \(full \d+\))?:)\s*$|^\s*\}\s*$|^\}\s+\{Heap before GC invocations=\d+(?: \(full \d+\))?:\s*$/;
const TENURING_AGE = /^- age +\d+: +\d+ bytes, +\d+ total/;
const FLS = /^(?:Statistics for (?:BinaryTreeDictionary|IndexedFreeLists):|-{8,}|Total Free Space: |Max {3}Chunk Size: |Number of Blocks: |Av\. {2}Block {2}Size: |Tree {6}Height: |Before GC:|After GC:| free=\d+ frag=|size\[\d+\] : demand: )/;
const CMS_STATISTICS = /^(?:time_until_cms_gen_full |free=\d+$|contiguous_available=|promotion_rate=|cms_allocation_rate=|occupancy=[\d.]+$|initiatingOccupancy=|initiatingPermOccupancy=|CMSCollector shouldConcurrentCollect: | CMS: abort preclean due to time\s*$)/;
const ADAPTIVE = /^\s*(?:AdaptiveSize|PSAdaptiveSize|avg_survived_padded_avg|avg_promoted_|avg_young_live|base_footprint|eden_limit|promo_limit)/;
const ROTATION = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d GC log file (?:created|has reached the maximum size)/;
const HEADER = /^(?:Java HotSpot\(TM\) |OpenJDK |Memory: \d+k page|CommandLine flags: |\/proc\/meminfo:)/;
const G1_DETAIL_CONTINUATION = /^\s+(?:Avg: |Sum: |Min: )|^\s+[\d.,][\d.,\s]*\]?$|^Setting abort in CSMarkOopClosure/;

/** What kind of diagnostic line this is, or null when it is none. */
export function noiseKind(text: string): NoiseKind | null {
  const c = text.charCodeAt(0);
  switch (c) {
    case 68: // D
      return text.startsWith('Desired survivor size') ? 'tenuring' : null;
    case 45: // -
      return TENURING_AGE.test(text) ? 'tenuring' : FLS.test(text) ? 'fls-statistics' : null;
    case 84: // T
      if (text.startsWith('TLAB: ') || text.startsWith('TLAB totals: ')) return 'tlab';
      if (FLS.test(text)) return 'fls-statistics';
      return CMS_STATISTICS.test(text) ? 'cms-statistics' : null;
    default:
  }
  if (HEADER.test(text)) return 'header';
  if (ROTATION.test(text)) return 'log-rotation';
  if (HEAP_TITLE.test(text) || HEAP_SPACE.test(text) || text === 'No shared spaces configured.') return 'heap-at-gc';
  if (ADAPTIVE.test(text)) return 'adaptive-size';
  if (FLS.test(text)) return 'fls-statistics';
  if (CMS_STATISTICS.test(text)) return 'cms-statistics';
  if (G1_DETAIL_CONTINUATION.test(text)) return 'g1-detail';
  if (text.startsWith('Mark stack is full.')) return 'g1-detail';
  return null;
}

/** Is this the VM banner that starts a GC log file (and, seen again, a new run)? */
export function isVmBanner(text: string): boolean {
  return text.startsWith('Java HotSpot(TM) ') || (text.startsWith('OpenJDK ') && text.includes(' VM ('));
}

const HEAP_HINTS: ReadonlyArray<[string, 'G1' | 'Parallel' | 'CMS' | 'Serial' | 'Shenandoah']> = [
  ['garbage-first heap', 'G1'],
  ['PSYoungGen ', 'Parallel'],
  ['concurrent mark-sweep generation', 'CMS'],
  ['tenured generation', 'Serial'],
  ['Shenandoah Heap', 'Shenandoah'],
];

/** The collector a PrintHeapAtGC line names (`garbage-first heap   total …`), if any. */
export function heapAtGcCollector(text: string): 'G1' | 'Parallel' | 'CMS' | 'Serial' | 'Shenandoah' | null {
  for (const [name, family] of HEAP_HINTS) if (text.includes(name)) return family;
  return null;
}
