/**
 * The collections being assembled, by GC(n) id, and how each one ends: as
 * an event when its last line arrives, or given up (the log or the run
 * ended first, or too many are open at once on broken input).
 */
import type { GcEvent, GcKind, ParsedRecord, SourceRef } from '../../../shared/gc-event';
import { Collection, smallestRegionSize } from './collection';

/** Collections assembled at once beyond which the oldest is given up: memory stays bounded on broken input. */
const MAX_PENDING = 256;

/** What the registry needs of the parser. */
export interface PendingOwner {
  readonly collector: string | null;
  /** G1's region size, when the log stated it. */
  readonly regionBytes: number | null;
  emit(record: ParsedRecord): void;
  recognise(category: string): void;
}

export class PendingCollections {
  private readonly byId = new Map<number, Collection>();
  /** The smallest G1 region size the heap sizes allow, when the log never states it. */
  private inferredRegionBytes: number | null = null;

  constructor(
    private readonly file: string,
    private readonly owner: PendingOwner,
  ) {}

  get(id: number): Collection | undefined {
    return this.byId.get(id);
  }

  /** A new collection whose first line is `lineNo`, at uptime `sec` and wall time `wall`. */
  open(id: number, lineNo: number, sec: number | null, wall: string | null): Collection {
    if (this.byId.size >= MAX_PENDING) this.giveUpOldest();
    const c = new Collection(id, this.owner.collector ?? 'unknown', lineNo);
    c.firstSec = sec;
    c.firstWall = wall;
    this.byId.set(id, c);
    return c;
  }

  /** Takes `c` out and makes its event; `sec`/`wall` are those of its last line. */
  finish(c: Collection, kind: GcKind, sec: number | null, wall: string | null, collector?: string): GcEvent {
    this.byId.delete(c.id);
    let regionBytes = this.owner.regionBytes;
    if (regionBytes === null && c.regions !== null) regionBytes = this.inferRegionBytes(c);
    return c.toEvent(kind, { file: this.file, line: c.lastLine }, sec, wall, regionBytes, collector ?? this.owner.collector ?? c.collector);
  }

  /** Emits everything still being assembled, oldest id first: the log (or this run) ended before their last line. */
  giveUpAll(atEnd: boolean): void {
    const left = [...this.byId.values()].sort((a, b) => a.id - b.id);
    for (const c of left) this.giveUp(c, atEnd);
    this.byId.clear();
  }

  /** A new run: region sizes inferred from the last one no longer hold. */
  newRun(): void {
    this.inferredRegionBytes = null;
  }

  private giveUpOldest(): void {
    let oldest: Collection | null = null;
    for (const c of this.byId.values()) if (oldest === null || c.id < oldest.id) oldest = c;
    if (oldest) this.giveUp(oldest, false);
  }

  private giveUp(c: Collection, atEnd: boolean): void {
    const { owner } = this;
    this.byId.delete(c.id);
    const kind = c.kind ?? (c.pauses > 0 || c.concurrentPhases > 0 ? 'cycle' : null);
    if (kind === null) {
      owner.recognise('incomplete-collection');
      return;
    }
    c.note(atEnd ? 'incomplete: the log ends before its summary' : 'incomplete: no summary line');
    const source: SourceRef = { file: this.file, line: c.firstLine };
    owner.emit(c.toEvent(kind, source, null, null, owner.regionBytes ?? this.inferredRegionBytes, owner.collector ?? c.collector));
  }

  /** G1 without a `Heap Region Size` line: the largest region size the run's collections call for so far. */
  private inferRegionBytes(c: Collection): number | null {
    const size = smallestRegionSize(c);
    if (size !== null && (this.inferredRegionBytes === null || size > this.inferredRegionBytes)) this.inferredRegionBytes = size;
    return this.inferredRegionBytes;
  }
}
