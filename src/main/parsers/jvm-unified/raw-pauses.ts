/**
 * The pause lines of a log whose collector never nests a full collection in
 * a young one (G1, Parallel), read from their bytes as StwReader.pause reads
 * them decoded (generational.ts):
 *
 *   GC(3) Pause Young (Normal) (G1 Evacuation Pause)                     opens the collection
 *   GC(3) Pause Young (Normal) (G1 Evacuation Pause) 24M->4M(256M) 3.456ms  closes it
 *
 * The name and groups (the head) of a log are a few distinct byte strings:
 * each is read once, by StepLine on its decoded text, and its kind, cause
 * and forced flag kept. Anything else is left to line().
 */
import type { GcEvent, GcKind } from '../../../shared/gc-event';
import { isForcedCause, type Collection } from './collection';
import type { JvmCollector } from './context';
import { anyGroup, causeOf, stwKind } from './generational';
import { trailingDurationMs } from './raw-steps';
import { unitBytes } from './sizes';
import { StepLine } from './step-line';

/** Heads kept; past this, heads are read afresh each time (input that is not a GC log). */
const MAX_HEADS = 1024;

interface Head {
  bytes: number[];
  /** Null when StwReader.pause would not take the line, or would note it (a young pause inside CMS's remark). */
  kind: GcKind | null;
  cause: string | null;
  forced: boolean;
}

/** What the pause reader needs of the parser. */
export interface RawPauseContext {
  readonly collector: JvmCollector | null;
  readonly holdingFull: boolean;
  pending(id: number): Collection | undefined;
  open(id: number, lineNo: number, sec: number | null, wall: string | null): Collection;
  finishAt(c: Collection, kind: GcKind, sec: number | null, wall: string | null): GcEvent;
  emitEvent(event: GcEvent): void;
  recognise(category: string): void;
}

export class RawPauses {
  private readonly heads = new Map<number, Head>();
  private readonly step = new StepLine();
  private readonly space = { pos: 0 };
  /** Where the last size read ended. */
  private pos = 0;

  constructor(private readonly ctx: RawPauseContext) {}

  /**
   * `Pause …` from `from` (after `Pause `) to `end` of line `lineNo`, id
   * `id`, at uptime `sec` (NaN: none); `wall` makes its wall time when one
   * is needed (undefined: not readable from bytes). True when taken; false
   * (nothing changed) to decline. The caller has taken in the id and uptime
   * once this answers true, not before: `accept` does that.
   */
  line(b: Uint8Array, from: number, end: number, id: number, lineNo: number, sec: number, wall: () => string | null | undefined, accept: () => boolean): boolean {
    const { ctx } = this;
    const collector = ctx.collector;
    if ((collector !== 'G1' && collector !== 'Parallel') || ctx.holdingFull) return false;
    const ms = trailingDurationMs(b, from, end, this.space);
    if (Number.isNaN(ms)) {
      // An opening line: name and groups up to the end.
      let e = end;
      while (e > from && (b[e - 1] === 32 || b[e - 1] === 9 || b[e - 1] === 13)) e--;
      const head = this.head(b, from, e);
      if (head === null || head.kind === null || ctx.pending(id) !== undefined) return false;
      const w = wall();
      if (w === undefined || !accept()) return false;
      const c = ctx.open(id, lineNo, Number.isNaN(sec) ? null : sec, w);
      c.kind = head.kind;
      c.cause = head.cause;
      c.forced = head.forced;
      c.started = true;
      ctx.recognise('event-detail');
      return true;
    }
    // A summary: `<head> A->B(C) <duration>`, of a collection whose opening line was read.
    const durationSpace = this.space.pos;
    let space = durationSpace - 1;
    while (space >= from && b[space] !== 32) space--;
    if (ms < 0 || space < from || b[durationSpace - 1] !== 41) return false;
    const before = this.size(b, space + 1, durationSpace);
    let i = this.pos;
    if (Number.isNaN(before) || b[i] !== 45 || b[i + 1] !== 62) return false;
    const after = this.size(b, i + 2, durationSpace);
    i = this.pos;
    const committed = b[i] === 40 ? this.size(b, i + 1, durationSpace) : Number.NaN;
    if (Number.isNaN(after) || Number.isNaN(committed) || this.pos + 1 !== durationSpace) return false;
    const head = this.head(b, from, space);
    const c = ctx.pending(id);
    // Without its opening line the start is reckoned from the wall time: left to line().
    if (head === null || head.kind === null || c === undefined || !c.started || !accept()) return false;
    c.lastLine = lineNo;
    c.kind = head.kind;
    c.cause = head.cause;
    c.forced = head.forced;
    c.pauseMs += ms;
    c.pauses++;
    c.heapBefore = before;
    c.heapAfter = after;
    c.heapCommitted = committed;
    // The end time only places a collection that had no opening line.
    ctx.emitEvent(ctx.finishAt(c, head.kind, Number.isNaN(sec) ? null : sec, null));
    return true;
  }

  /** The head at [start, end), read once per distinct bytes; null when it is not printable ASCII. */
  private head(b: Uint8Array, start: number, end: number): Head | null {
    let hash = 0;
    for (let i = start; i < end; i++) {
      const c = b[i]!;
      if (c < 32 || c > 126) return null;
      hash = (Math.imul(hash, 31) + c) | 0;
    }
    const known = this.heads.get(hash);
    if (known !== undefined && sameBytes(b, start, end, known.bytes)) return known;
    const bytes = Array.from(b.subarray(start, end));
    const step = this.step.read(String.fromCharCode(...bytes), 0);
    let kind = stwKind(step);
    if (kind === 'young' && step.groupIs(0, 'CMS Final Remark')) kind = null;
    const cause = causeOf(step);
    const head = { bytes, kind, cause, forced: cause !== null && anyGroup(step, isForcedCause) };
    if (known === undefined && this.heads.size < MAX_HEADS) this.heads.set(hash, head);
    return head;
  }

  /** A whole number and its unit (`24M`) at `at` in bytes, with `pos` after it; NaN when there is none. */
  private size(b: Uint8Array, at: number, end: number): number {
    let i = at;
    let n = 0;
    for (let c = b[i]!; c >= 48 && c <= 57 && i < end; c = b[++i]!) n = n * 10 + (c - 48);
    const unit = i > at && i < end && i - at <= 15 ? unitBytes(b[i]!) : Number.NaN;
    this.pos = i + 1;
    return n * unit;
  }
}

function sameBytes(b: Uint8Array, start: number, end: number, bytes: number[]): boolean {
  if (end - start !== bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) if (b[start + i] !== bytes[i]) return false;
  return true;
}
