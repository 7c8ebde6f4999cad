/**
 * The records of events.ndjson, streamed. Only the envelope is checked
 * (seq, recordedAt, a record with a string `type`): a million GC events are
 * not each run through a schema, and record types added later pass through.
 */
import type { SessionEvent } from '../../shared/session-manifest';
import { noteCorrupt, readNdjsonLines, type NdjsonScanStats } from './ndjson-lines';

export interface EventReadStats {
  /** Records handed out. */
  records: number;
  /** 1 when the file ends in a record without its newline (a crash mid-write), else 0. */
  tornRecords: number;
  /** 1-based line numbers of complete lines that are not a valid event (first 1000). */
  corruptLines: number[];
  /** Records whose seq does not follow the one before (after a corrupt line, or a hand-made file). */
  seqBreaks: number;
}

/** Iterable any number of times; `stats` describes the latest iteration once it ends. */
export class EventStream implements AsyncIterable<SessionEvent> {
  readonly stats: EventReadStats = { records: 0, tornRecords: 0, corruptLines: [], seqBreaks: 0 };

  constructor(private readonly path: string) {}

  async *[Symbol.asyncIterator](): AsyncIterator<SessionEvent> {
    const stats = this.stats;
    Object.assign(stats, { records: 0, tornRecords: 0, corruptLines: [], seqBreaks: 0 });
    const scan: NdjsonScanStats = { tornLines: 0, corruptLines: stats.corruptLines };
    let lastSeq = 0;
    for await (const { lineNo, value } of readNdjsonLines(this.path, scan)) {
      if (!isEvent(value)) {
        noteCorrupt(scan, lineNo);
        continue;
      }
      if (value.seq !== lastSeq + 1) stats.seqBreaks++;
      lastSeq = value.seq;
      stats.records++;
      yield value;
    }
    stats.tornRecords = scan.tornLines;
  }
}

function isEvent(value: unknown): value is SessionEvent {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Record<keyof SessionEvent, unknown>>;
  if (typeof v.seq !== 'number' || !Number.isSafeInteger(v.seq) || v.seq < 1) return false;
  if (typeof v.recordedAt !== 'string') return false;
  if (v.artifact !== undefined && typeof v.artifact !== 'string') return false;
  const record = v.record as { type?: unknown } | null | undefined;
  return typeof record === 'object' && record !== null && typeof record.type === 'string';
}
