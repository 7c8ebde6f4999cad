/**
 * Shenandoah. A concurrent cycle is one event (kind cycle) whose pause is
 * the sum of its pauses:
 *
 *   Trigger: Free (12M) is below minimum threshold (24M)      no id: the cause of the next cycle
 *   GC(0) Concurrent reset 0.432ms
 *   GC(0) Pause Init Mark (unload classes) 1.313ms             pause
 *   GC(0) Concurrent marking (unload classes) 213.664ms
 *   GC(0) Pause Final Mark (unload classes) 0.277ms            pause
 *   GC(0) Concurrent cleanup 1593M->1282M(1606M) 0.199ms        heap (immediate garbage)
 *   GC(0) Concurrent evacuation 37.165ms
 *   GC(0) Pause Init Update Refs 0.030ms                       pause
 *   GC(0) Concurrent update references 186.640ms
 *   GC(0) Pause Final Update Refs 0.099ms                      pause
 *   GC(0) Concurrent cleanup 1616M->1254M(1716M) 0.210ms        heap; the cycle is complete
 *
 * (older builds also log Pause Final Evac, Pause Init/Final Traversal; newer
 * Pause Final Roots: every `Pause …` with a duration and no heap counts).
 * The heap runs from the first cleanup's before to the last's after. A
 * cycle that evacuates nothing ends at its first cleanup, so it completes
 * when the next id shows up, or at the end. `Pause Degenerated GC (…)` and
 * `Pause Full (…)` carry their own heap; when they share a cycle's id they
 * finish that cycle as its degenerated or full end.
 */
import type { GcKind } from '../../../shared/gc-event';
import type { Collection } from './collection';
import type { UnifiedContext } from './context';
import type { StepLine } from './step-line';

/** Pauses of a concurrent cycle, as opposed to Degenerated and Full. */
const CYCLE_PAUSES = ['Init Mark', 'Final Mark', 'Init Update Refs', 'Final Update Refs', 'Final Evac', 'Init Traversal', 'Final Traversal', 'Final Roots', 'Init Update Roots', 'Final Update Roots'];

export function isShenandoahCyclePause(step: StepLine): boolean {
  for (const name of CYCLE_PAUSES) if (step.nameIs(name)) return true;
  return false;
}

export class ShenandoahReader {
  /** The cycle being assembled: Shenandoah runs one at a time. */
  private open: Collection | null = null;
  /** The last `Trigger: …` seen, the cause of the cycle that follows. */
  private trigger: string | null = null;

  constructor(private readonly ctx: UnifiedContext) {}

  /** A line of this id arrived: an open cycle of an earlier id is over. */
  seeId(id: number): void {
    const open = this.open;
    if (open !== null && open.id !== id && id > open.id) this.complete();
  }

  cyclePause(step: StepLine): void {
    const { ctx } = this;
    ctx.setCollector('Shenandoah', false);
    const c = this.cycle();
    if (Number.isNaN(step.durationMs)) {
      c.started = true;
      ctx.recognise('event-detail');
      return;
    }
    c.pauseMs += step.durationMs;
    c.pauses++;
    if (step.nameIs('Final Update Refs') || step.nameIs('Final Update Roots')) c.finalUpdateRefs = true;
  }

  /** `Pause Degenerated GC (Mark) …` or `Pause Full (…) …`. */
  stopTheWorld(step: StepLine, kind: GcKind): void {
    const { ctx } = this;
    if (kind === 'degenerated') ctx.setCollector('Shenandoah', false);
    const c = this.cycle();
    c.kind = kind;
    const cause = step.group(0) ?? null;
    if (Number.isNaN(step.durationMs)) {
      c.started = true;
      ctx.recognise('event-detail');
      return;
    }
    // A degenerated cycle keeps its trigger as the cause and notes where it degenerated.
    if (kind === 'degenerated' && c.cause !== null && cause !== null) c.note(`degenerated at ${cause}`);
    else if (cause !== null) c.cause = cause;
    c.forced = cause === 'System.gc()' || cause === 'Diagnostic Command';
    c.pauseMs += step.durationMs;
    c.pauses++;
    if (step.hasTransition) {
      c.heapBefore = step.transition.before;
      c.heapAfter = step.transition.after;
      c.heapCommitted = step.transition.committed;
    }
    this.open = null;
    ctx.emitEvent(ctx.finish(c, kind));
  }

  /** `Concurrent cleanup A->B(C) …`: the heap; after the final update-refs pause, the end of the cycle. */
  cleanup(step: StepLine): void {
    const c = this.cycle();
    if (c.cleanups++ === 0) c.heapBefore = step.transition.before;
    c.heapAfter = step.transition.after;
    c.heapCommitted = step.transition.committed;
    if (c.finalUpdateRefs) this.complete();
  }

  /** A concurrent phase of the cycle (its PhaseRecord is the caller's). */
  concurrent(durationMs: number): void {
    const c = this.cycle();
    if (Number.isNaN(durationMs)) {
      c.started = true;
      return;
    }
    c.concurrentMs += durationMs;
    c.concurrentPhases++;
  }

  /** `Trigger: …` (no id): why the next cycle runs. */
  setTrigger(text: string, from: number): void {
    this.trigger = text.slice(from).trimEnd();
  }

  /**
   * `Cancelling GC: Allocation Failure` (no id): the open cycle will not
   * finish as a cycle; `GC(n) Cancelling GC: Upgrade To Full GC`: a
   * degenerated collection goes on as a full one.
   */
  cancel(text: string, from: number): void {
    const why = text.slice(from).trimEnd();
    if (this.open) this.open.note(why === 'Upgrade To Full GC' ? 'upgraded to full GC' : `cancelled: ${why}`);
  }

  /** True while a cycle is open: at the end of the log its event is timed by the last line. */
  get cycleOpen(): boolean {
    return this.open !== null;
  }

  /** Emits the open cycle, if it got anywhere. */
  complete(): void {
    const c = this.open;
    if (!c) return;
    this.open = null;
    if (c.pauses === 0 && c.concurrentPhases === 0) return;
    this.ctx.emitEvent(this.ctx.finish(c, c.kind ?? 'cycle'));
  }

  /** Forget everything: a new JVM run. */
  reset(): void {
    this.open = null;
    this.trigger = null;
  }

  private cycle(): Collection {
    const { ctx } = this;
    const id = ctx.current.id;
    if (this.open && this.open.id !== id) this.complete();
    const c = ctx.collection(id);
    if (this.open !== c) {
      this.open = c;
      if (c.cause === null && this.trigger !== null) {
        c.cause = this.trigger;
        this.trigger = null;
      }
    }
    return c;
  }
}
