/**
 * `gclens analyze INPUT... [--json] [--limit SIZE] [--pause-target MS]`:
 * reads the inputs, runs the analysis engine, and prints the verdict,
 * findings and metrics (JSON with --json). Exit code 0 whatever the verdict:
 * a leak is an answer, not a failure.
 *
 * Inputs are GC logs in any format the engine reads (several are one rotated
 * log, read in the order their contents say) and snapshots (profiles,
 * goroutine dumps, histograms, NMT, heap dumps): the first and last snapshot
 * of each kind, in the order given, are diffed to localise what grows.
 */
import type { AnalysisResult } from '../../shared/analysis';
import { analyze } from '../analysis/analyze';
import { formatTextReport } from '../analysis/text-report';
import { readAnalysisInputs } from '../core/analysis-inputs';
import { isSessionFolder, sessionArtifactInputs } from '../core/session-inputs';
import { EXIT_OK, parseCliArgs, UsageError, type CliIo } from './cli-io';

export const ANALYZE_USAGE = 'gclens analyze INPUT... [--json] [--limit BYTES|SIZE] [--pause-target MS]';

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };

/**
 * A byte count as people write limits: `536870912`, `512MiB`, `512m`
 * (-Xmx), `512Mi` (Kubernetes), `1.5GB`. Every unit is binary, as -Xmx and
 * GOMEMLIMIT count: MB means MiB here.
 */
export function parseSize(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b|i)?\s*$/i.exec(text);
  if (!m) throw new UsageError(`cannot read "${text}" as a size: give bytes, or a number with K, M, G or T (binary units: 512MiB, 512m, 2GiB)`);
  const bytes = Number(m[1]) * SIZE_UNITS[m[2]!.toLowerCase()]!;
  if (!(bytes > 0)) throw new UsageError(`the limit must be more than 0 bytes, not "${text}"`);
  return Math.round(bytes);
}

export async function runAnalyze(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(argv);
  if (positionals.length === 0) throw new UsageError('analyze needs at least one INPUT');
  const limitBytes = values.limit === undefined ? undefined : parseSize(values.limit);
  const pauseTarget = values['pause-target'];
  const targetMs = pauseTarget === undefined ? null : Number(pauseTarget);
  if (targetMs !== null && !(targetMs > 0)) throw new UsageError(`--pause-target wants milliseconds, not "${pauseTarget}"`);

  // A session folder stands alone: its raw artifacts are the inputs, and one a crash cut short is skipped with the reason.
  const fromSession = positionals.length === 1 && (await isSessionFolder(positionals[0]!));
  const files = fromSession ? await sessionArtifactInputs(positionals[0]!) : positionals.map((path) => ({ path, name: path }));
  const inputs = await readAnalysisInputs(files, { skipUnreadable: fromSession });
  const result: AnalysisResult = analyze({
    events: inputs.records,
    diffs: inputs.diffs,
    recognised: inputs.recognised,
    limitBytes,
    thresholds: targetMs === null ? {} : { pauses: { targetMs } },
  });
  io.stdout.write(values.json ? JSON.stringify(result, null, 2) + '\n' : formatTextReport(result));
  return EXIT_OK;
}

function parseOptions(argv: string[]) {
  return parseCliArgs(argv, { json: { type: 'boolean' }, limit: { type: 'string' }, 'pause-target': { type: 'string' } });
}
