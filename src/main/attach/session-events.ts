/**
 * The normalised records of a recorded session, for `gclens analyze DIR`
 * and anything else that reopens a session offline: read through the
 * session reader, so a session left by a crash reads up to its last whole
 * record.
 */
import type { ParsedRecord } from '../../shared/gc-event';
import { SessionReader, type EventReadStats } from '../session';

export interface SessionEvents {
  records: ParsedRecord[];
  stats: EventReadStats;
  reader: SessionReader;
}

export async function readSessionEvents(dir: string): Promise<SessionEvents> {
  const reader = await SessionReader.open(dir);
  const stream = reader.events();
  const records: ParsedRecord[] = [];
  for await (const event of stream) records.push(event.record);
  return { records, stats: stream.stats, reader };
}
