/**
 * The stop-the-world collectors whose every event is one pause with a
 * summary line: G1, Parallel, Serial and CMS (JDK 9–13).
 *
 *   [gc,start] GC(3) Pause Young (Normal) (G1 Evacuation Pause)
 *   [gc,heap ] GC(3) Eden regions: 3->0(4)              G1: regions
 *   [gc,heap ] GC(3) PSYoungGen: 1024K->512K(2048K)      Parallel (JDK 17: 1024K(2048K)->512K(2048K) Eden: … From: …)
 *   [gc,heap ] GC(3) DefNew: … / Tenured: …              Serial
 *   [gc,heap ] GC(3) ParNew: … / CMS: …                  CMS
 *   [gc,metaspace] GC(3) Metaspace: 1234K(…)->1234K(…)
 *   [gc      ] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 24M->4M(256M) 3.456ms
 *
 * G1's Remark and Cleanup pauses belong to a concurrent cycle's id and are
 * events of their own. Serial and CMS can turn a young collection into a
 * full one: the full is logged with the next id *inside* the young one
 * (start young n, start full n+1, full n+1 summary, young n summary), and
 * the young pause contains the full pause. That is one event (kind full,
 * the outer pause once), so a full summary is held back until we know
 * whether a young summary of a lower id closes around it.
 */
import type { GcEvent, GcKind, GenerationName } from '../../../shared/gc-event';
import { isForcedCause, type Collection, type RegionSpace } from './collection';
import type { UnifiedContext } from './context';
import { readTransition, type Transition } from './sizes';
import type { StepLine } from './step-line';

/** G1's young-collection types: the first group of `Pause Young (…) (cause)` since JDK 11. */
const G1_YOUNG_TYPES = new Set(['Normal', 'Concurrent Start', 'Prepare Mixed', 'Mixed']);

/** Pause names this module reads; the kind each makes. */
export function stwKind(step: StepLine): GcKind | null {
  if (step.nameIs('Young')) return step.groupIs(0, 'Mixed') ? 'mixed' : 'young';
  if (step.nameIs('Full')) return 'full';
  if (step.nameIs('Remark')) return 'remark';
  if (step.nameIs('Cleanup')) return 'cleanup';
  if (step.nameIs('Initial Mark')) return 'initial-mark';
  if (step.nameIs('Mixed')) return 'mixed';
  return null;
}

/** A full collection whose summary came, waiting to see if a young one closes around it. */
export interface HeldFull {
  event: GcEvent;
  /** The id of the young collection that may enclose it. */
  youngId: number;
}

export class StwReader {
  held: HeldFull | null = null;
  /** A held full emitted by release() while the young collection that may enclose it can still close. */
  private released: HeldFull | null = null;
  private readonly t: Transition = { before: 0, after: 0, committed: null };

  constructor(private readonly ctx: UnifiedContext) {}

  /** A `Pause Young|Full|Remark|Cleanup|Initial Mark|Mixed …` line of these collectors. */
  pause(step: StepLine, kind: GcKind): void {
    const { ctx } = this;
    this.inferCollector(step, kind);
    const id = ctx.current.id;
    const c = ctx.collection(id);
    // The summary has the last word: G1 can decide during a pause that it starts a concurrent cycle,
    // so `Pause Young (Normal) (…)` may close as `Pause Young (Concurrent Start) (…)`.
    if (c.kind === null || !Number.isNaN(step.durationMs)) {
      c.kind = kind;
      c.cause = causeOf(step);
      c.forced = c.cause !== null && anyGroup(step, isForcedCause);
    }
    if (Number.isNaN(step.durationMs)) {
      c.started = true;
      ctx.recognise('event-detail');
      return;
    }
    // CMSScavengeBeforeRemark: this young pause runs inside the remark pause, which counts it.
    const insideRemark = kind === 'young' && step.groupIs(0, 'CMS Final Remark');
    if (insideRemark) c.note('pause counted in the enclosing Pause Remark');
    else c.pauseMs += step.durationMs;
    c.pauses++;
    if (step.hasTransition) {
      c.heapBefore = step.transition.before;
      c.heapAfter = step.transition.after;
      c.heapCommitted = step.transition.committed;
    }
    const event = ctx.finish(c, kind);
    if (kind === 'young' && id === this.released?.youngId) {
      // The full GC released on idle stands for this collection: its own pause, not the enclosing one.
      this.released = null;
      ctx.recognise('event-detail');
      return;
    }
    const held = this.held;
    if (held && kind === 'young' && id === held.youngId) {
      this.held = null;
      ctx.emitEvent(mergeYoungIntoFull(held.event, event));
      return;
    }
    if (kind === 'full' && this.mayNest()) {
      this.flush();
      this.held = { event, youngId: this.enclosingYoungId(id) };
      return;
    }
    ctx.emitEvent(event);
  }

  /** Emits the held full collection, if any: nothing closed around it. */
  flush(): void {
    this.released = null;
    const held = this.held;
    if (!held) return;
    this.held = null;
    this.ctx.emitEvent(held.event);
  }

  get holding(): boolean {
    return this.held !== null || this.released !== null;
  }

  /** Emits the held full collection now, remembering which young summary would have enclosed it. */
  release(): void {
    const held = this.held;
    if (!held) return;
    this.held = null;
    this.released = held;
    this.ctx.emitEvent(held.event);
  }

  /** True when a line of this id means no young collection will close around the held (or released) full one. */
  endsHold(id: number): boolean {
    const held = this.held ?? this.released;
    return held !== null && id !== held.youngId && id !== held.event.id;
  }

  /**
   * A space line. Answers false when the line is not one, so the caller can
   * count it otherwise.
   */
  heapLine(): boolean {
    const { ctx } = this;
    const { text, body, id } = ctx.current;
    const label = spaceLabel(text, body);
    if (label === null) return false;
    const s = ctx.scan.reset(text, body + label.text.length + 2);
    if (label.region !== null) {
      const before = s.int();
      if (!s.skip('->')) return false;
      const after = s.int();
      const target = s.skip('(') ? s.int() : Number.NaN;
      if (Number.isNaN(before) || Number.isNaN(after)) return false;
      ctx.setCollector('G1', false);
      ctx.collection(id).setRegions(label.region, before, after, target);
      return true;
    }
    if (!readTransition(s, this.t)) return false;
    if (label.collector) ctx.setCollector(label.collector, false);
    const c = ctx.collection(id);
    c.setGeneration(label.generation!, this.t.before, this.t.after, this.t.committed);
    // JDK 17+: `PSYoungGen: …->…(…) Eden: …->…(…) From: …->…(…)`; From is the survivor space in use.
    if (label.generation === 'young' && s.skip(' Eden: ') && readTransition(s, this.t) && s.skip(' From: ') && readTransition(s, this.t)) {
      c.setGeneration('survivor', this.t.before, this.t.after, this.t.committed);
    }
    return true;
  }

  private mayNest(): boolean {
    const collector = this.ctx.collector;
    return collector === null || collector === 'Serial' || collector === 'CMS';
  }

  /** The open young collection a full one of this id may run inside; by default the id before it. */
  private enclosingYoungId(fullId: number): number {
    let best = -1;
    for (let id = fullId - 1; id >= 0 && id >= fullId - 4; id--) {
      const c: Collection | undefined = this.ctx.pending(id);
      if (c && c.kind === 'young') {
        best = id;
        break;
      }
    }
    return best === -1 ? fullId - 1 : best;
  }

  private inferCollector(step: StepLine, kind: GcKind): void {
    const ctx = this.ctx;
    if (ctx.collector !== null) return;
    const first = step.group(0);
    if (kind === 'cleanup' || kind === 'mixed' || (first !== undefined && (G1_YOUNG_TYPES.has(first) || anyGroup(step, (g) => g.startsWith('G1 '))))) {
      ctx.setCollector('G1', false);
    } else if (kind === 'initial-mark' || first === 'CMS Final Remark') {
      ctx.setCollector('CMS', false);
    }
  }
}

/** The cause: the groups after the name, less G1's `Normal`/`Mixed` young type (the kind says it). */
export function causeOf(step: StepLine): string | null {
  const skip = step.groupIs(0, 'Normal') || (step.groupIs(0, 'Mixed') && step.nameIs('Young')) ? 1 : 0;
  return step.joinGroups(skip);
}

export function anyGroup(step: StepLine, test: (group: string) => boolean): boolean {
  for (let i = 0; i < step.groupCount; i++) if (test(step.group(i)!)) return true;
  return false;
}

/** One event for a young collection that became a full one: the full's identity, the young's (outer) pause. */
function mergeYoungIntoFull(full: GcEvent, young: GcEvent): GcEvent {
  return {
    ...full,
    collector: full.collector === 'unknown' ? young.collector : full.collector,
    startSec: young.startSec ?? full.startSec,
    wallTime: young.wallTime ?? full.wallTime,
    pauseMs: Math.max(full.pauseMs, young.pauseMs),
    heapBeforeBytes: young.heapBeforeBytes ?? full.heapBeforeBytes,
    heapAfterBytes: young.heapAfterBytes ?? full.heapAfterBytes,
    heapCommittedBytes: young.heapCommittedBytes ?? full.heapCommittedBytes,
    generations: young.generations || full.generations ? { ...full.generations, ...young.generations } : null,
    cause: full.cause ?? young.cause,
    forced: full.forced || young.forced,
    source: young.source,
  };
}

interface SpaceLabel {
  text: string;
  generation: GenerationName | null;
  region: RegionSpace | null;
  collector: 'Parallel' | 'Serial' | 'CMS' | null;
}

function label(text: string, generation: GenerationName | null, region: RegionSpace | null, collector: SpaceLabel['collector']): SpaceLabel {
  return { text, generation, region, collector };
}

/** Space lines by the first letter of their label. */
const LABELS: Record<number, SpaceLabel[]> = {
  69: [label('Eden regions', null, 'eden', null)],
  83: [label('Survivor regions', null, 'survivor', null)],
  79: [label('Old regions', null, 'old', null)],
  72: [label('Humongous regions', null, 'humongous', null)],
  65: [label('Archive regions', null, 'archive', null)],
  80: [label('PSYoungGen', 'young', null, 'Parallel'), label('ParOldGen', 'old', null, 'Parallel'), label('PSOldGen', 'old', null, 'Parallel'), label('ParNew', 'young', null, 'CMS')],
  68: [label('DefNew', 'young', null, 'Serial')],
  84: [label('Tenured', 'old', null, 'Serial')],
  67: [label('CMS', 'old', null, 'CMS')],
  77: [label('Metaspace', 'metaspace', null, null)],
};

/** The space label (`Eden regions`, `PSYoungGen`…) followed by `: ` at `at`, or null. */
export function spaceLabel(text: string, at: number): SpaceLabel | null {
  const candidates = LABELS[text.charCodeAt(at)];
  if (!candidates) return null;
  for (const l of candidates) {
    if (text.startsWith(l.text, at) && text.charCodeAt(at + l.text.length) === 58 && text.charCodeAt(at + l.text.length + 1) === 32) return l;
  }
  return null;
}
