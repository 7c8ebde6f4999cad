/**
 * One JDK ≤ 8 collection, read from its bracket tree (see legacy-brackets.ts).
 * The shapes it covers, as HotSpot 1.3–8 print them:
 *
 *   [GC 1024K->512K(2048K), 0.0012345 secs]                                    PrintGC
 *   [GC (Allocation Failure) [PSYoungGen: a->b(c)] a->b(c), t secs]            Parallel
 *   [Full GC (Ergonomics) [PSYoungGen: …] [ParOldGen: …] a->b(c), [Metaspace: …], t secs]
 *   [GC t: [DefNew: a->b(c), t secs] a->b(c), t secs]                          Serial
 *   [Full GC t: [Tenured: a->b(c), t secs] a->b(c), [Perm : a->b(c)], t secs]
 *   [GC t: [ParNew: a->b(c), t secs] a->b(c), t secs]                          ParNew / CMS
 *   [GC t: [ParNew (promotion failed): …]t: [CMS: …] a->b(c), [CMS Perm : …], t secs]
 *   [GC [1 CMS-initial-mark: o(c)] h(c), t secs]  [GC[YG occupancy: …]… [1 CMS-remark: o(c)] h(c), t secs]
 *   [GC pause (G1 Evacuation Pause) (young) (initial-mark), t secs]            G1, details on the lines after
 *   [GC remark …, t secs]  [GC cleanup a->b(c), t secs]
 *   [GC a->b(c) eden a->b survivor a->b tenured a->b, t secs]                  JDK 1.3
 *   [Full GC invoke=1 size=80 <System.gc()> a->b(c) new … tenured … permanent …, t secs]
 *
 * The outer node's own text gives the kind, cause, whole heap and pause; its
 * direct children give the generations. A collection nested in another (the
 * ParNew a CMS remark runs first under CMSScavengeBeforeRemark) stays part of
 * the outer one: its time is inside the outer pause.
 */
import type { GcEvent, GcKind, GenerationName, GenerationSizes } from '../../../shared/gc-event';
import { blankEvent } from '../gc-log-parser';
import type { BracketNode } from './legacy-brackets';
import { pauseSeconds, sumSizes, transition } from './legacy-sizes';
import { bytes, msFromSeconds, NUM, SIZE, type Decorations } from './legacy-units';

export type Family = 'G1' | 'CMS' | 'Parallel' | 'Serial' | 'Shenandoah' | 'unknown';

export function collectorName(family: Family): string {
  return `legacy-${family}`;
}

interface SpaceInfo {
  space: GenerationName;
  family: Family | null;
  /** The name belongs to one collector only (DefNew also runs under CMS, ParNew under Serial Old). */
  only?: boolean;
}

/** The generation names HotSpot prints, by the collector that prints them. */
const SPACES: Record<string, SpaceInfo> = {
  DefNew: { space: 'young', family: 'Serial' },
  ParNew: { space: 'young', family: 'CMS' },
  ASParNew: { space: 'young', family: 'CMS', only: true },
  PSYoungGen: { space: 'young', family: 'Parallel', only: true },
  Tenured: { space: 'old', family: 'Serial' },
  CMS: { space: 'old', family: 'CMS' },
  ASCMS: { space: 'old', family: 'CMS' },
  ParOldGen: { space: 'old', family: 'Parallel' },
  PSOldGen: { space: 'old', family: 'Parallel' },
  Perm: { space: 'metaspace', family: 'Serial' },
  'CMS Perm': { space: 'metaspace', family: 'CMS' },
  PSPermGen: { space: 'metaspace', family: 'Parallel' },
  Metaspace: { space: 'metaspace', family: null },
};

/** CMS's own pause markers, whose sizes are occupancies, not transitions. */
const CMS_MARKS: Record<string, GcKind> = { '1 CMS-initial-mark': 'initial-mark', '1 ASCMS-initial-mark': 'initial-mark', '1 CMS-remark': 'remark', '1 ASCMS-remark': 'remark' };

const OCCUPANCY = new RegExp(String.raw`${SIZE}\(${SIZE}\)`);
const YG_OCCUPANCY = new RegExp(String.raw`(${NUM}) ?([BKMG]) \((${NUM}) ?([BKMG])\)`);
const PARENS = /\(((?:[^()]|\(\))+)\)/g;
const ANGLE_CAUSE = /<([^<>]+)>/;
/** JDK 1.3 prints its generations inline: `eden 30463K->0K survivor 0K->1152K tenured 0K->1956K`. */
const INLINE_SPACE = new RegExp(String.raw`\b(eden|survivor|tenured|new|permanent) ${SIZE}->${SIZE}(?:\(${SIZE}\))?`, 'g');
const SIZE_ONLY = new RegExp(String.raw`^${NUM}[BKMG]$`);
const G1_TAGS = new Set(['young', 'mixed', 'partial', 'initial-mark']);
const CONDITIONS = new Set(['to-space exhausted', 'to-space overflow', 'promotion failed', 'concurrent mode failure', 'concurrent mode interrupted']);
const FORCED = /^(?:System\.gc\(\)|System|Heap Inspection Initiated GC|Heap Dump Initiated GC|Diagnostic Command|JvmtiEnv ForceGarbageCollection|WhiteBox Initiated .*)$/;

export interface BuildInput {
  root: BracketNode;
  decorations: Decorations;
  file: string;
  line: number;
  /** The collector the flags or earlier collections named. */
  hint: Family | null;
}

export interface Built {
  event: GcEvent;
  /** What this collection alone says about the collector, for later ones. */
  evidence: Family | null;
  /** Evidence from G1's pause names, the old generation or CMS's marks, not a young generation alone. */
  strong: boolean;
  /** A CMS mark pause under plain PrintGC: `[GC 46468K(83008K), t secs]`, initial mark or remark. */
  occupancyOnly: boolean;
}

type Head = 'gc' | 'full' | 'g1-pause' | 'g1-remark' | 'g1-cleanup';

function headOf(own: string): Head | null {
  if (own.startsWith('Full GC')) return 'full';
  if (!own.startsWith('GC')) return null;
  if (own.startsWith('GC pause')) return 'g1-pause';
  if (own.startsWith('GC remark')) return 'g1-remark';
  if (own.startsWith('GC cleanup')) return 'g1-cleanup';
  return 'gc';
}

export function buildEvent(input: BuildInput): Built | null {
  const { root, decorations } = input;
  const own = root.own;
  const head = headOf(own);
  if (!head) return null;
  const pause = pauseSeconds(own);
  if (pause === null) return null;

  const causes: string[] = [];
  const conditions: string[] = [];
  const tags: string[] = [];
  readCauses(own, causes, conditions, tags);
  if (own.startsWith('GC--') || own.includes(')--')) conditions.push(head === 'g1-pause' ? 'to-space exhausted' : 'promotion failed');

  const generations: Partial<Record<GenerationName, GenerationSizes>> = {};
  let oldFamily: Family | null = null;
  let youngFamily: Family | null = null;
  let youngOnly = false;
  let cmsMark: GcKind | null = null;
  let oldCollected = false;
  for (const child of root.children) {
    const name = childName(child.own);
    if (!name) continue;
    const mark = CMS_MARKS[name];
    // A mark frees nothing: what it reports is the occupancy before and after.
    if (mark) {
      cmsMark = mark;
      const occupancy = OCCUPANCY.exec(child.own);
      if (occupancy) generations.old = occupied(occupancy);
      continue;
    }
    if (name === 'YG occupancy') {
      cmsMark = 'remark';
      const occupancy = YG_OCCUPANCY.exec(child.own);
      if (occupancy) generations.young = occupied(occupancy);
      continue;
    }
    const info = SPACES[name];
    if (!info) continue;
    readChildConditions(child.own, conditions);
    const sizes = transition(child.own);
    if (sizes) generations[info.space] = sizes;
    if (info.space === 'old') {
      oldFamily = info.family;
      // An old generation with its own time was collected, not just reported.
      if (head === 'gc' && pauseSeconds(child.own) !== null) oldCollected = true;
    } else if (info.space === 'young') {
      youngFamily = info.family;
      youngOnly = info.only === true;
    }
  }
  readInlineSpaces(own, generations);

  let family: Family;
  let evidence: Family | null = null;
  if (head === 'g1-pause' || head === 'g1-remark' || head === 'g1-cleanup') family = evidence = 'G1';
  else if (oldFamily) family = evidence = oldFamily;
  else if (youngOnly) family = evidence = youngFamily!;
  else if (cmsMark || tags.includes('CMS Initial Mark') || tags.includes('CMS Final Remark')) family = evidence = 'CMS';
  else family = input.hint ?? youngFamily ?? 'unknown';
  let strong = evidence !== null;
  if (!evidence) evidence = youngFamily;

  const event = blankEvent({ runtime: 'jvm', collector: collectorName(family), kind: 'young', source: { file: input.file, line: input.line } });
  event.id = decorations.id;
  event.startSec = decorations.startSec;
  event.wallTime = decorations.wallTime;
  event.pauseMs = msFromSeconds(pause);

  const heap = transition(own);
  let occupancyOnly = false;
  if (heap) {
    event.heapBeforeBytes = heap.beforeBytes;
    event.heapAfterBytes = heap.afterBytes;
    event.heapCommittedBytes = heap.committedBytes;
  } else {
    const occupancy = OCCUPANCY.exec(own);
    if (occupancy) {
      // A mark pause frees nothing: the heap it reports is the heap before and after.
      event.heapBeforeBytes = event.heapAfterBytes = bytes(occupancy[1]!, occupancy[2]);
      event.heapCommittedBytes = bytes(occupancy[3]!, occupancy[4]);
      // Only CMS prints a collection as `[GC h(c), t secs]`: its mark pauses under plain PrintGC.
      occupancyOnly = head === 'gc' && !cmsMark && !tags.includes('CMS Initial Mark') && !tags.includes('CMS Final Remark');
      if (occupancyOnly) {
        family = evidence = 'CMS';
        strong = true;
        event.collector = collectorName(family);
      }
    }
  }
  event.generations = Object.keys(generations).length > 0 ? generations : null;

  event.kind = kindOf(head, tags, cmsMark, oldCollected || conditions.includes('concurrent mode failure'));
  const all = [...causes, ...conditions.filter((c, i) => conditions.indexOf(c) === i)];
  event.cause = all.length > 0 ? all.join(', ') : null;
  event.forced = causes.some((c) => FORCED.test(c));
  return { event, evidence, strong, occupancyOnly };
}

function occupied(m: RegExpExecArray): GenerationSizes {
  const used = bytes(m[1]!, m[2]);
  return { beforeBytes: used, afterBytes: used, committedBytes: bytes(m[3]!, m[4]) };
}

function kindOf(head: Head, tags: string[], cmsMark: GcKind | null, becameFull: boolean): GcKind {
  switch (head) {
    case 'full':
      return 'full';
    case 'g1-remark':
      return 'remark';
    case 'g1-cleanup':
      return 'cleanup';
    case 'g1-pause':
      if (tags.includes('initial-mark')) return 'initial-mark';
      return tags.includes('mixed') || tags.includes('partial') ? 'mixed' : 'young';
    default:
      if (cmsMark) return cmsMark;
      if (tags.includes('CMS Initial Mark')) return 'initial-mark';
      if (tags.includes('CMS Final Remark')) return 'remark';
      // A young collection that failed to promote and went on to collect the
      // old generation in the same pause: one full collection.
      return becameFull ? 'full' : 'young';
  }
}

/** A child's label: `ParNew`, `CMS Perm`, `1 CMS-initial-mark`, `YG occupancy` (decorations and digits end it). */
function childName(own: string): string {
  let at = 0;
  while (own.charCodeAt(at) === 32) at++;
  const start = at;
  while (own.charCodeAt(at) >= 48 && own.charCodeAt(at) <= 57) at++;
  if (at > start && own.charCodeAt(at) === 32) at++;
  else at = start;
  const letters = at;
  for (let c = own.charCodeAt(at); (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 32 || c === 45 || c === 95; c = own.charCodeAt(++at));
  return at === letters ? '' : own.slice(start, at).trimEnd();
}

function readCauses(own: string, causes: string[], conditions: string[], tags: string[]): void {
  // Causes and G1's pause types come before the first size.
  const arrow = own.indexOf('->');
  const head = arrow === -1 ? own : own.slice(0, arrow);
  // JDK 1.3: `[Full GC invoke=1 size=80 <permanent generation full> …`.
  const angle = head.includes('<') ? ANGLE_CAUSE.exec(head) : null;
  if (angle) causes.push(angle[1]!);
  if (!head.includes('(')) return;
  PARENS.lastIndex = 0;
  for (let m = PARENS.exec(head); m; m = PARENS.exec(head)) {
    const text = m[1]!.trim();
    if (SIZE_ONLY.test(text)) continue;
    if (G1_TAGS.has(text)) tags.push(text);
    else if (CONDITIONS.has(text)) conditions.push(text);
    else {
      // CMS's own pause causes double as kinds.
      if (text === 'CMS Initial Mark' || text === 'CMS Final Remark') tags.push(text);
      causes.push(text);
    }
  }
}

function readChildConditions(own: string, conditions: string[]): void {
  if (own.includes('promotion fail')) conditions.push('promotion failed');
  if (own.includes('concurrent mode failure')) conditions.push('concurrent mode failure');
  if (own.includes('concurrent mode interrupted')) conditions.push('concurrent mode interrupted');
}

function readInlineSpaces(own: string, generations: Partial<Record<GenerationName, GenerationSizes>>): void {
  if (!own.includes(' tenured ')) return;
  const young: GenerationSizes[] = [];
  INLINE_SPACE.lastIndex = 0;
  for (let m = INLINE_SPACE.exec(own); m; m = INLINE_SPACE.exec(own)) {
    const sizes = { beforeBytes: bytes(m[2]!, m[3]), afterBytes: bytes(m[4]!, m[5]), committedBytes: m[6] === undefined ? null : bytes(m[6], m[7]) };
    if (m[1] === 'tenured') generations.old = sizes;
    else if (m[1] === 'permanent') generations.metaspace = sizes;
    else {
      if (m[1] === 'survivor') generations.survivor = sizes;
      young.push(sizes);
    }
  }
  if (young.length > 0) generations.young = sumSizes(young);
}
