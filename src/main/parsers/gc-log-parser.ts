/**
 * What every GC log parser looks like: lines in (already split, without
 * their terminator), records out through a callback. No I/O, no clock, so
 * the same parser serves files, live tails and tests.
 */
import type { GcEvent, LogFormat, ParsedRecord, UnknownRecord } from '../../shared/gc-event';

export type RecordHandler = (record: ParsedRecord) => void;

export interface GcLogParser {
  readonly format: LogFormat;
  /** One line of the input; `lineNo` is 1-based within `file`. */
  line(text: string, lineNo: number): void;
  /**
   * Optional: takes a line from its UTF-8 bytes [start, end) when that is
   * cheap and certain (a line only counted, a common shape read directly),
   * with exactly the outcome line() would have; false to get it decoded and
   * passed to line(). The byte at `end` is the line's LF or CR, or past the array.
   */
  lineBytes?(bytes: Uint8Array, start: number, end: number, lineNo: number): boolean;
  /** No more input: flush anything held back. */
  end(): void;
  /**
   * Optional: input has gone quiet (a live tail), so emit the collections
   * that are complete but held back in case the next line amends them (a
   * full GC a young one may still enclose, details that may still follow).
   * A released record is final: a later line that would have amended it is
   * counted under `recognised` and never emits it a second time. Collections
   * still under way stay pending.
   */
  releaseHeld?(): void;
  /** Lines recognised as GC output that are not events (pacer, scavenger…), by kind. */
  readonly recognised: Readonly<Record<string, number>>;
}

/** Longest excerpt of a not-understood line that we keep. */
const MAX_UNKNOWN_TEXT = 500;

export function unknownRecord(file: string, line: number, text: string): UnknownRecord {
  return { type: 'unknown', text: text.length > MAX_UNKNOWN_TEXT ? text.slice(0, MAX_UNKNOWN_TEXT) + '…' : text, source: { file, line } };
}

type EventCore = Pick<GcEvent, 'runtime' | 'collector' | 'kind' | 'source'>;

/**
 * A GcEvent from the fields a parser knows; the rest are empty. One literal
 * with every field, so that all events share one hidden class: assigning
 * fields one by one after the fact costs several times more on hot paths.
 */
export function gcEvent(fields: EventCore & Partial<GcEvent>): GcEvent {
  return {
    type: 'gc',
    runtime: fields.runtime,
    collector: fields.collector,
    id: fields.id ?? null,
    startSec: fields.startSec ?? null,
    wallTime: fields.wallTime ?? null,
    kind: fields.kind,
    cause: fields.cause ?? null,
    pauseMs: fields.pauseMs ?? 0,
    concurrentMs: fields.concurrentMs ?? null,
    heapBeforeBytes: fields.heapBeforeBytes ?? null,
    heapAfterBytes: fields.heapAfterBytes ?? null,
    heapCommittedBytes: fields.heapCommittedBytes ?? null,
    liveBytes: fields.liveBytes ?? null,
    goalBytes: fields.goalBytes ?? null,
    forced: fields.forced ?? false,
    generations: fields.generations ?? null,
    gcCpuPercent: fields.gcCpuPercent ?? null,
    stacksBytes: fields.stacksBytes ?? null,
    globalsBytes: fields.globalsBytes ?? null,
    procs: fields.procs ?? null,
    source: fields.source,
  };
}

/** @deprecated name kept for parsers written against it; use gcEvent. */
export const blankEvent = gcEvent;
