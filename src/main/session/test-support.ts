/** Helpers the session tests share: temporary folders, hashes and real gctrace records. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedRecord } from '../../shared/gc-event';
import type { SessionEvent, SessionTarget } from '../../shared/session-manifest';
import { GctraceParser } from '../parsers/gctrace-parser';
import type { EventStream } from './event-stream';

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `gclens-session-${label}-`));
}

export function sha256OfFile(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export const GO_TARGET: SessionTarget = {
  host: 'this machine',
  pid: 4242,
  user: 'svc',
  command: '/srv/leaky -listen :6060',
  runtime: 'go',
  version: 'go1.22.5',
  processStartedAt: '2024-05-01T10:00:00.000Z',
};

/** `n` Go 1.22 gctrace lines, the live heap growing 1 MB every 10 cycles. */
export function gctraceText(first: number, n: number): string {
  let text = '';
  for (let id = first; id < first + n; id++) {
    const live = 10 + Math.floor(id / 10);
    text += `gc ${id} @${(id * 0.5).toFixed(3)}s 2%: 0.011+1.2+0.020 ms clock, 0.045+0.30/1.1/0.9+0.081 ms cpu, ${live + 4}->${live + 5}->${live} MB, ${2 * live} MB goal, 0 MB stacks, 0 MB globals, 4 P\n`;
  }
  return text;
}

/** What the real gctrace parser makes of `text`, citing `file`. */
export function parseGctrace(text: string, file: string, firstLine = 1): ParsedRecord[] {
  const records: ParsedRecord[] = [];
  const parser = new GctraceParser(file, (r) => records.push(r));
  text
    .split('\n')
    .filter((line) => line !== '')
    .forEach((line, i) => parser.line(line, firstLine + i));
  parser.end();
  return records;
}

export async function collect(stream: EventStream): Promise<SessionEvent[]> {
  const events: SessionEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}
