/**
 * Shenandoah as backported to JDK 8 (shenandoahUtils / GCTraceTime with
 * PrintGCDetails): each step of a cycle on its own line, a start and an end,
 *
 *   3.340: [Pause Final Mark (process weakrefs), start]
 *   3.344: [Pause Final Mark (process weakrefs), 4.423 ms]
 *   3.344: [Concurrent cleanup 1613M->1361M(1636M), 0.092 ms]
 *   4.439: [Pause Final Update Refs, 0.267 ms]
 *   …statistics of the cycle…
 *   , [Metaspace: 16207K->16308K(1064960K)]
 *
 * One cycle is one event whose pause is the sum of its `Pause …` steps and
 * whose heap is the last one a step reported; the `, [Metaspace: …]` tail
 * HotSpot prints at the end of every collection closes it. A Degenerated GC
 * or a Full GC is a collection of its own.
 */
import type { GcEvent, GcKind, ParsedRecord } from '../../../shared/gc-event';
import { blankEvent } from '../gc-log-parser';
import { transition } from './legacy-sizes';
import { NUM, num, type Decorations } from './legacy-units';

const STEP = new RegExp(String.raw`^\[((?:Pause|Concurrent) [^\[\]]*?)(?:, start\]|(?: (\S+->\S+))?, (${NUM}) ms\])\s*$`);
const METASPACE_TAIL = /^, \[Metaspace: [^\]]*\]\s*$/;
const COLLECTOR = 'legacy-Shenandoah';
const MAX_STEP_CHARS = 300;

interface Cycle {
  event: GcEvent;
  concurrentMs: number;
}

export class ShenandoahCycles {
  private cycle: Cycle | null = null;

  constructor(
    private readonly file: string,
    private readonly emit: (record: ParsedRecord) => void,
  ) {}

  /** Reads `body` (the line after its decorations); false when it is not a Shenandoah step. */
  step(body: string, decorations: Decorations, lineNo: number): boolean {
    // Steps are short; the bound keeps the expression linear on garbage.
    const m = body.length <= MAX_STEP_CHARS ? STEP.exec(body) : null;
    if (!m) return false;
    const name = m[1]!;
    const isPause = name.startsWith('Pause');
    const kind: GcKind = name.startsWith('Pause Degenerated') ? 'degenerated' : name.startsWith('Pause Full') ? 'full' : 'cycle';
    // A degenerated or full collection is a collection of its own, not a step of the cycle before it.
    if (kind !== 'cycle' && this.cycle && this.cycle.event.kind !== kind) this.flush();
    const cycle = this.cycle ?? this.open(kind, decorations, lineNo, name);
    if (m[3] === undefined) return true;
    const ms = num(m[3]);
    if (isPause) cycle.event.pauseMs += ms;
    else {
      cycle.concurrentMs += ms;
      this.emit({ type: 'phase', collector: COLLECTOR, id: null, name, startSec: decorations.startSec === null ? null : Math.max(0, decorations.startSec - ms / 1000), durationMs: ms, source: { file: this.file, line: lineNo } });
    }
    const heap = m[2] === undefined ? null : transition(m[2]);
    if (heap) {
      cycle.event.heapBeforeBytes = heap.beforeBytes;
      cycle.event.heapAfterBytes = heap.afterBytes;
      cycle.event.heapCommittedBytes = heap.committedBytes;
    }
    return true;
  }

  /** The `, [Metaspace: …]` that ends a collection; false when it is not one. */
  metaspaceTail(text: string): boolean {
    if (!METASPACE_TAIL.test(text)) return false;
    if (this.cycle) {
      const metaspace = transition(text);
      if (metaspace) this.cycle.event.generations = { metaspace };
      this.flush();
    }
    return true;
  }

  flush(): void {
    if (!this.cycle) return;
    const { event, concurrentMs } = this.cycle;
    event.concurrentMs = concurrentMs;
    this.cycle = null;
    this.emit(event);
  }

  private open(kind: GcKind, decorations: Decorations, lineNo: number, name: string): Cycle {
    const event = blankEvent({ runtime: 'jvm', collector: COLLECTOR, kind, source: { file: this.file, line: lineNo } });
    event.startSec = decorations.startSec;
    event.wallTime = decorations.wallTime;
    if (kind === 'full') {
      const cause = /\(([^()]+(?:\(\))?)\)/.exec(name)?.[1] ?? null;
      event.cause = cause;
      event.forced = cause === 'System.gc()';
    }
    this.cycle = { event, concurrentMs: 0 };
    return this.cycle;
  }
}
