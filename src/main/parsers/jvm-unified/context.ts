/**
 * What the collector-specific readers see of the parser: the current line,
 * the collections being assembled, and the ways out (records, counts).
 * The parser implements it; the readers stay plain functions.
 */
import type { GcEvent, GcKind, ParsedRecord, SourceRef } from '../../../shared/gc-event';
import type { Collection } from './collection';
import type { StepLine } from './step-line';
import type { TextScanner } from '../text-scanner';

/** The collector names of the event model. */
export type JvmCollector = 'G1' | 'Parallel' | 'Serial' | 'CMS' | 'Shenandoah' | 'ZGC' | 'ZGC-generational' | 'Epsilon';

export interface CurrentLine {
  text: string;
  lineNo: number;
  /** The GC(n) id, or -1. */
  id: number;
  /** Generational ZGC's `y:` / `Y:` / `O:` marker as a char code, or 0. */
  prefix: number;
  /** Where the message starts after the id and marker. */
  body: number;
  /** Uptime of the line in seconds, or null. */
  sec: number | null;
}

export interface UnifiedContext {
  readonly current: CurrentLine;
  readonly step: StepLine;
  readonly scan: TextScanner;
  /** The collector: from the `Using …` header, else inferred from line shapes; null while unknown. */
  readonly collector: JvmCollector | null;
  /** Sets the collector when the log shows it; `sure` is true for the header, which wins over shapes. */
  setCollector(name: JvmCollector, sure: boolean): void;
  /** The collection with this id being assembled, made if there is none. */
  collection(id: number): Collection;
  /** The collection with this id being assembled, if any. */
  pending(id: number): Collection | undefined;
  /** Takes a collection out of the pending set and makes its event (not yet emitted). */
  finish(c: Collection, kind: GcKind, collector?: string): GcEvent;
  /** Emits an event, keeping an eye on runs and the young-into-full nesting. */
  emitEvent(event: GcEvent): void;
  emit(record: ParsedRecord): void;
  /** Counts a line recognised as GC output that makes no record of its own. */
  recognise(category: string): void;
  /** The current line as a source reference. */
  source(): SourceRef;
  /** The current line's wall-clock time as ISO-8601, or null. */
  wall(): string | null;
  /** G1's region size in bytes, when the log stated it. */
  regionBytes: number | null;
}
