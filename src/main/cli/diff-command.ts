/**
 * `gclens diff BASE NEW`: what grew between two snapshots of one kind, by
 * function, stack, class, NMT category or goroutine group.
 */
import type { DiffBy } from '../../shared/snapshot';
import { diffSnapshots, loadSnapshot } from '../snapshots/snapshot-registry';
import { EXIT_OK, parseCliArgs, UsageError, type CliIo } from './cli-io';
import { writeDiffTable } from './snapshot-table';

const BY: DiffBy[] = ['function', 'stack', 'class', 'category', 'goroutine'];
export const DIFF_USAGE = `gclens diff BASE NEW [--sample S] [--by ${BY.join('|')}] [--top N] [--filter REGEX] [--fold-runtime] [--json]`;

export async function runDiff(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(argv);
  if (positionals.length !== 2) throw new UsageError('diff needs exactly two snapshots: BASE and NEW');
  const by = values.by;
  if (by !== undefined && !BY.includes(by as DiffBy)) throw new UsageError(`--by must be one of ${BY.join(', ')}`);
  const top = values.top === undefined ? undefined : Number(values.top);
  if (top !== undefined && !(Number.isInteger(top) && top > 0)) throw new UsageError('--top takes a whole number above 0');
  let filter: RegExp | undefined;
  try {
    filter = values.filter === undefined ? undefined : new RegExp(values.filter);
  } catch (err) {
    throw new UsageError(`--filter is not a regular expression: ${(err as Error).message}`);
  }

  const [basePath, newPath] = positionals as [string, string];
  const [base, next] = await Promise.all([loadSnapshot(basePath, basePath), loadSnapshot(newPath, newPath)]);
  const diff = diffSnapshots(base, next, { by: by as DiffBy | undefined, sample: values.sample, filter, foldRuntime: values['fold-runtime'], limit: top });
  if (values.json) {
    io.stdout.write(JSON.stringify(diff) + '\n');
    return EXIT_OK;
  }
  io.stdout.write(`${diff.kind} diff by ${diff.by}, ${diff.sample} (${diff.unit}): base total ${diff.baseTotal}, new total ${diff.newTotal}\n\n`);
  writeDiffTable(io, diff.rows, diff.unit);
  return EXIT_OK;
}

function parseOptions(argv: string[]) {
  return parseCliArgs(argv, {
    json: { type: 'boolean' },
    sample: { type: 'string' },
    by: { type: 'string' },
    top: { type: 'string' },
    filter: { type: 'string' },
    'fold-runtime': { type: 'boolean' },
  });
}
