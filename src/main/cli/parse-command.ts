/**
 * `gclens parse FILE… [--format F] [--json]`: every GC event of the files as
 * NDJSON (one object a line, then a summary line), or as a readable table.
 */
import { basename } from 'node:path';
import type { GcEvent, ParseSummary } from '../../shared/gc-event';
import { readLogSet } from '../core/rotation-set';
import { isKnownFormat, knownFormats, type KnownFormat } from '../parsers/gc-log-formats';
import { EXIT_OK, parseCliArgs, UsageError, type CliIo } from './cli-io';

export const PARSE_USAGE = `gclens parse FILE... [--format ${knownFormats.join('|')}] [--json]`;

export async function runParse(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(argv);
  const format = values.format;
  if (format !== undefined && !isKnownFormat(format)) throw new UsageError(`unknown format "${format}"; known: ${knownFormats.join(', ')}`);
  if (positionals.length === 0) throw new UsageError('parse needs at least one FILE');

  const table = values.json ? null : new EventTable(io);
  const summary: ParseSummary = { type: 'summary', events: 0, unknownLines: 0, totalPauseMs: 0, format: 'unknown' };
  // Several files are one rotated log: read in the order their contents say, as one stream.
  const outcome = await readLogSet(
    positionals.map((path) => ({ path, name: path })),
    {
      format: format as KnownFormat | undefined,
      onRecord: (record) => {
        if (record.type === 'gc') {
          summary.events++;
          summary.totalPauseMs += record.pauseMs;
        } else if (record.type === 'unknown') {
          summary.unknownLines++;
        }
        if (!table) io.stdout.write(JSON.stringify(record) + '\n');
        else if (record.type === 'gc') table.addEvent(record);
        else if (record.type === 'unknown') table.addUnknown(record.source.line, record.text);
      },
    },
  );
  summary.format = outcome.format;
  if (table) table.finish(summary, outcome.files.map((f) => basename(f.path)));
  else io.stdout.write(JSON.stringify(summary) + '\n');
  return EXIT_OK;
}

function parseOptions(argv: string[]) {
  return parseCliArgs(argv, { json: { type: 'boolean' }, format: { type: 'string' } });
}

const MIB = 1024 * 1024;

function mb(bytes: number | null): string {
  return bytes === null ? '-' : (bytes / MIB).toFixed(bytes % MIB === 0 ? 0 : 1);
}

/** The human view: one row a collection, unknown lines called out, then the totals. */
class EventTable {
  constructor(private readonly io: CliIo) {
    io.stdout.write(['id'.padStart(7), 'start s'.padStart(10), 'pause ms'.padStart(10), 'heap MB (before->after->live)'.padEnd(30), 'goal MB'.padStart(8), ' kind'].join(' ') + '\n');
  }

  addUnknown(line: number, text: string): void {
    this.io.stdout.write(`  line ${line} not understood: ${text}\n`);
  }

  addEvent(event: GcEvent): void {
    const heap = `${mb(event.heapBeforeBytes)}->${mb(event.heapAfterBytes)}->${mb(event.liveBytes)}`;
    const kind = event.forced ? `${event.kind} (forced)` : event.kind;
    this.io.stdout.write(
      [
        String(event.id ?? '-').padStart(7),
        (event.startSec === null ? '-' : event.startSec.toFixed(3)).padStart(10),
        event.pauseMs.toFixed(3).padStart(10),
        heap.padEnd(30),
        mb(event.goalBytes).padStart(8),
        ` ${kind}`,
      ].join(' ') + '\n',
    );
  }

  finish(summary: ParseSummary, files: string[]): void {
    this.io.stdout.write(
      `\n${files.join(', ')}: ${summary.events} collections (${summary.format}), total pause ${summary.totalPauseMs.toFixed(3)} ms, ` +
        `${summary.unknownLines} line${summary.unknownLines === 1 ? '' : 's'} not understood\n`,
    );
  }
}
