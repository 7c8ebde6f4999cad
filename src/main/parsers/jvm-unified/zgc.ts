/**
 * ZGC, both modes. One event per collection id; its pause is the sum of the
 * collection's pause phases.
 *
 * Non-generational (JDK 11–20, and 21–22 without ZGenerational):
 *   GC(0) Garbage Collection (Warmup)                  start (gc,start)
 *   GC(0) Pause Mark Start 0.007ms                     pauses: Mark Start, Mark End, Relocate Start
 *   GC(0) Concurrent Mark 20.975ms                     concurrent phases
 *   GC(0)                Mark Start    Mark End   Relocate Start   Relocate End   High   Low
 *   GC(0)  Capacity:     1000M (100%)  …                            heap table (gc,heap)
 *   GC(0)      Used:      104M (10%)   …
 *   GC(0)      Live:         -           65M (7%)  …
 *   GC(0) Garbage Collection (Warmup) 104M(10%)->88M(9%)   summary: no duration
 *
 * The heap comes from the table: used at Mark Start → used at Relocate End,
 * capacity at Relocate End, live at Relocate End; from the summary when
 * the table was not logged.
 *
 * Generational (JDK 21+): `Minor Collection (…)` and `Major Collection (…)`,
 * their lines marked `y:` (a minor's young generation), `Y:` (a major's
 * young generation) and `O:` (its old generation), with summaries ending
 * in the wall time of the whole collection (`… 52M(41%)->76M(59%) 0.007s`).
 * Minor collections run while a major one is in its old phase, so ids
 * interleave; every line carries its id.
 *
 * In both modes a collection running when the JVM exits ends with its
 * summary cut short: `GC(n) Garbage Collection (…) Aborted`.
 */
import type { GenerationName } from '../../../shared/gc-event';
import { ZTable, type Collection } from './collection';
import type { UnifiedContext } from './context';
import { readPercentTransition, readSize, trimEnd, type Transition } from './sizes';
import type { StepLine } from './step-line';

/** Pause phases: `Pause Mark Start`, `Pause Mark End`, `Pause Relocate Start` (`(Major)` on a major's first). */
export function isZgcPause(step: StepLine): boolean {
  return step.nameIs('Mark Start') || step.nameIs('Mark End') || step.nameIs('Relocate Start');
}

export class ZgcReader {
  private readonly t: Transition = { before: 0, after: 0, committed: null };
  /** The table row being read: up to six columns, NaN for `-`. */
  private readonly cells = [0, 0, 0, 0, 0, 0];

  constructor(private readonly ctx: UnifiedContext) {}

  pause(step: StepLine): void {
    const { ctx } = this;
    if (ctx.collector !== 'ZGC-generational') ctx.setCollector(ctx.current.prefix !== 0 ? 'ZGC-generational' : 'ZGC', false);
    const c = ctx.collection(ctx.current.id);
    if (Number.isNaN(step.durationMs)) {
      ctx.recognise('event-detail');
      return;
    }
    c.pauseMs += step.durationMs;
    c.pauses++;
  }

  /**
   * `Garbage Collection (cause)` / `Minor Collection (cause)` / `Major
   * Collection (cause)`, opening the collection or, with sizes, closing it.
   */
  collectionLine(word: 'Garbage' | 'Minor' | 'Major'): boolean {
    const { ctx } = this;
    const { text, body, id } = ctx.current;
    const generational = word !== 'Garbage';
    ctx.setCollector(generational ? 'ZGC-generational' : 'ZGC', generational);
    const open = body + (generational ? 18 : 20);
    const close = closingParen(text, open - 1);
    if (close === -1) return false;
    const c = ctx.collection(id);
    c.kind = word === 'Minor' ? 'minor' : word === 'Major' ? 'major' : 'cycle';
    if (c.cause === null) {
      c.cause = text.slice(open, close);
      c.forced = c.cause === 'System.gc()' || c.cause === 'Diagnostic Command';
    }
    const s = ctx.scan.reset(text, close + 1);
    if (!s.skip(' ') || !readPercentTransition(s, this.t)) {
      // `… (Allocation Rate) Aborted`: the JVM is exiting and stops the collection where it is.
      if (text.startsWith(' Aborted', close + 1)) {
        c.note('aborted');
        ctx.emitEvent(ctx.finish(c, c.kind));
        return true;
      }
      if (trimEnd(text, body) !== close + 1) return false;
      c.started = true;
      ctx.recognise('event-detail');
      return true;
    }
    if (generational || c.heapBefore === null) {
      c.heapBefore = this.t.before;
      c.heapAfter = this.t.after;
    }
    if (c.youngLive !== null && c.oldLive !== null) c.live = c.youngLive + c.oldLive;
    ctx.emitEvent(ctx.finish(c, c.kind));
    return true;
  }

  /** `y: Young Generation`, `O: Old Generation` and their summaries: detail of the collection. */
  generationLine(): boolean {
    this.ctx.recognise('event-detail');
    return true;
  }

  /**
   * A line of the heap statistics: the table headers and the `Capacity`,
   * `Used` and `Live` rows we read. False when the line is none of them.
   */
  tableLine(): boolean {
    const { ctx } = this;
    const { text, body, id } = ctx.current;
    let at = body;
    while (text.charCodeAt(at) === 32) at++;
    let c: Collection | undefined;
    if (text.startsWith('Mark Start', at)) {
      c = ctx.collection(id);
      // The six-column table is the whole heap; four columns belong to the generation statistics above them.
      if (text.indexOf('High', at) !== -1) c.table = ZTable.HEAP;
      ctx.recognise('event-detail');
      return true;
    }
    if (text.startsWith('Heap Statistics:', at)) return this.setTable(ZTable.HEAP);
    if (text.startsWith('Young Generation Statistics:', at)) return this.setTable(ZTable.YOUNG);
    if (text.startsWith('Old Generation Statistics:', at)) return this.setTable(ZTable.OLD);
    const row = text.startsWith('Used:', at) ? 1 : text.startsWith('Capacity:', at) ? 2 : text.startsWith('Live:', at) ? 3 : 0;
    if (row === 0) return isOtherRow(text, at) ? this.detail() : false;
    c = ctx.pending(id);
    if (!c || c.table === ZTable.NONE) return this.detail();
    applyZgcRow(c, row, this.readCells(text, text.indexOf(':', at) + 1), this.cells);
    return this.detail();
  }

  private setTable(table: ZTable): boolean {
    this.ctx.collection(this.ctx.current.id).table = table;
    return this.detail();
  }

  private detail(): boolean {
    this.ctx.recognise('event-detail');
    return true;
  }

  /** Reads `104M (10%)   -   65M (7%) …` into cells; answers how many. */
  private readCells(text: string, from: number): number {
    const s = this.ctx.scan.reset(text, from);
    const cells = this.cells;
    let n = 0;
    while (n < cells.length) {
      while (text.charCodeAt(s.pos) === 32) s.pos++;
      if (s.pos >= text.length) break;
      if (text.charCodeAt(s.pos) === 45 /* - */) {
        cells[n++] = Number.NaN;
        s.pos++;
        continue;
      }
      const size = readSize(s);
      if (Number.isNaN(size)) break;
      cells[n++] = size;
      while (text.charCodeAt(s.pos) === 32) s.pos++;
      if (text.charCodeAt(s.pos) === 40 /* ( */) {
        const close = text.indexOf(')', s.pos);
        if (close === -1) break;
        s.pos = close + 1;
      }
    }
    return n;
  }
}

/** Row 1 (`Used:`), 2 (`Capacity:`) or 3 (`Live:`) of the table `c` is in, its first `n` cells read (NaN for `-`), into `c`. */
export function applyZgcRow(c: Collection, row: number, n: number, cells: number[]): void {
  const first = cells[0]!;
  const relocateEnd = n >= 4 ? cells[3]! : Number.NaN;
  if (c.table === ZTable.HEAP) {
    if (row === 1) {
      if (c.heapBefore === null && !Number.isNaN(first)) c.heapBefore = first;
      if (!Number.isNaN(relocateEnd)) c.heapAfter = relocateEnd;
    } else if (row === 2) {
      if (!Number.isNaN(relocateEnd)) c.heapCommitted = relocateEnd;
    } else if (!Number.isNaN(relocateEnd)) {
      c.live = relocateEnd;
    }
  } else {
    const generation: GenerationName = c.table === ZTable.YOUNG ? 'young' : 'old';
    if (row === 1) c.setGeneration(generation, nanToNull(first), nanToNull(relocateEnd), null);
    else if (row === 3 && !Number.isNaN(relocateEnd)) {
      if (generation === 'young') c.youngLive = relocateEnd;
      else c.oldLive = relocateEnd;
    }
  }
}

export const OTHER_ROWS = ['Free:', 'Garbage:', 'Allocated:', 'Reclaimed:', 'Promoted:', 'Compacted:', 'Reserve:'];

function isOtherRow(text: string, at: number): boolean {
  for (const row of OTHER_ROWS) if (text.startsWith(row, at)) return true;
  return false;
}

/** Index of the `)` closing the `(` at `open` (groups nest: `(System.gc())`), or -1. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40) depth++;
    else if (c === 41 && --depth === 0) return i;
  }
  return -1;
}

function nanToNull(n: number): number | null {
  return Number.isNaN(n) ? null : n;
}
