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
  /** No more input: flush anything held back. */
  end(): void;
  /** Lines recognised as GC output that are not events (pacer, scavenger…), by kind. */
  readonly recognised: Readonly<Record<string, number>>;
}

/** Longest excerpt of a not-understood line that we keep. */
const MAX_UNKNOWN_TEXT = 500;

export function unknownRecord(file: string, line: number, text: string): UnknownRecord {
  return { type: 'unknown', text: text.length > MAX_UNKNOWN_TEXT ? text.slice(0, MAX_UNKNOWN_TEXT) + '…' : text, source: { file, line } };
}

/** A GcEvent with every optional field empty, to be filled by a parser. */
export function blankEvent(fields: Pick<GcEvent, 'runtime' | 'collector' | 'kind' | 'source'>): GcEvent {
  return {
    type: 'gc',
    id: null,
    startSec: null,
    wallTime: null,
    cause: null,
    pauseMs: 0,
    concurrentMs: null,
    heapBeforeBytes: null,
    heapAfterBytes: null,
    heapCommittedBytes: null,
    liveBytes: null,
    goalBytes: null,
    forced: false,
    generations: null,
    gcCpuPercent: null,
    stacksBytes: null,
    globalsBytes: null,
    procs: null,
    ...fields,
  };
}
