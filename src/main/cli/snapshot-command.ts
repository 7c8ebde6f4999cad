/** `gclens snapshot FILE`: one snapshot summarised, its largest rows first. */
import { loadSnapshot, summarizeSnapshot } from '../snapshots/snapshot-registry';
import { EXIT_OK, parseCliArgs, UsageError, type CliIo } from './cli-io';
import { formatValue, writeTopTable } from './snapshot-table';

export const SNAPSHOT_USAGE = 'gclens snapshot FILE [--top N] [--json]';
const DEFAULT_TOP = 20;

export async function runSnapshot(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCliArgs(argv, { json: { type: 'boolean' }, top: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError('snapshot needs exactly one FILE');
  const top = values.top === undefined ? DEFAULT_TOP : Number(values.top);
  if (!(Number.isInteger(top) && top > 0)) throw new UsageError('--top takes a whole number above 0');

  const path = positionals[0]!;
  const summary = summarizeSnapshot(await loadSnapshot(path, path), top);
  if (values.json) {
    io.stdout.write(JSON.stringify(summary) + '\n');
    return EXIT_OK;
  }
  const unit = summary.units[summary.defaultSample] ?? 'count';
  io.stdout.write(`${summary.file}: ${summary.kind} (${summary.profile})${summary.capturedAt ? `, taken ${summary.capturedAt}` : ''}\n`);
  for (const sample of summary.samples) {
    io.stdout.write(`  ${sample}: total ${formatValue(summary.totals[sample] ?? 0, summary.units[sample] ?? 'count')}\n`);
  }
  io.stdout.write(`\nTop ${summary.top.length} by ${summary.by}, ${summary.defaultSample}:\n`);
  writeTopTable(io, summary.top, unit, summary.totals[summary.defaultSample] ?? 0);
  return EXIT_OK;
}
