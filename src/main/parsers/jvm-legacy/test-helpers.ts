/** Runs the legacy parser over a text for the tests beside it. */
import type { GcEvent, ParsedRecord, PhaseRecord, RunStartRecord, SafepointRecord, UnknownRecord } from '../../../shared/gc-event';
import { JvmLegacyParser } from './jvm-legacy-parser';

export const KB = 1024;
export const MB = 1024 * 1024;

export interface Parsed {
  records: ParsedRecord[];
  events: GcEvent[];
  unknown: UnknownRecord[];
  phases: PhaseRecord[];
  safepoints: SafepointRecord[];
  runs: RunStartRecord[];
  parser: JvmLegacyParser;
}

export function parseLegacy(text: string, file = 'gc.log'): Parsed {
  const records: ParsedRecord[] = [];
  const parser = new JvmLegacyParser(file, (r) => records.push(r));
  text.split('\n').forEach((line, i) => parser.line(line, i + 1));
  parser.end();
  return {
    records,
    events: records.filter((r): r is GcEvent => r.type === 'gc'),
    unknown: records.filter((r): r is UnknownRecord => r.type === 'unknown'),
    phases: records.filter((r): r is PhaseRecord => r.type === 'phase'),
    safepoints: records.filter((r): r is SafepointRecord => r.type === 'safepoint'),
    runs: records.filter((r): r is RunStartRecord => r.type === 'run-start'),
    parser,
  };
}

export function totalPauseMs(events: GcEvent[]): number {
  return events.reduce((sum, e) => sum + e.pauseMs, 0);
}
