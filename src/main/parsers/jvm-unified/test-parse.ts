/** Test support: runs JvmUnifiedParser over log text written inline in a test. */
import type { GcEvent, ParsedRecord } from '../../../shared/gc-event';
import { JvmUnifiedParser } from './jvm-unified-parser';

/** Parses log text; leading indentation before each `[` (from template literals) is ignored. */
export function parseUnified(text: string, file = 'gc.log'): { records: ParsedRecord[]; events: GcEvent[]; parser: JvmUnifiedParser } {
  const records: ParsedRecord[] = [];
  const parser = new JvmUnifiedParser(file, (r) => records.push(r));
  text
    .split('\n')
    .map((l) => l.replace(/^\s+(?=\[)/, ''))
    .forEach((line, i) => parser.line(line, i + 1));
  parser.end();
  return { records, events: records.filter((r): r is GcEvent => r.type === 'gc'), parser };
}
