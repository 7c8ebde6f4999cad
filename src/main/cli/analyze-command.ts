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
import { parseArgs } from 'node:util';
import type { AnalysisResult } from '../../shared/analysis';
import type { ParsedRecord } from '../../shared/gc-event';
import { analyze } from '../analysis/analyze';
import type { AnalysisDiff } from '../analysis/rules/rule-context';
import { formatTextReport } from '../analysis/text-report';
import { readGcLog, type LogInput } from '../core/gc-log-reader';
import { orderLogSet } from '../core/rotation-set';
import { GclensError } from '../../shared/result';
import { diffSnapshots, loadSnapshot, type LoadedSnapshot } from '../snapshots/snapshot-registry';
import { EXIT_OK, UsageError, type CliIo } from './cli-io';

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

interface ReadInputs {
  records: ParsedRecord[];
  recognised: Record<string, Readonly<Record<string, number>>>;
  diffs: AnalysisDiff[];
}

/** A snapshot, or null when the file is not one (then it is read as a GC log). */
async function trySnapshot(path: string): Promise<LoadedSnapshot | null> {
  try {
    return await loadSnapshot(path, path);
  } catch (err) {
    if (err instanceof GclensError && err.kind === 'unsupported-format' && /is not a snapshot/.test(err.message)) return null;
    throw err;
  }
}

async function readInputs(paths: string[]): Promise<ReadInputs> {
  const logs: LogInput[] = [];
  const snapshotsByKind = new Map<string, LoadedSnapshot[]>();
  for (const path of paths) {
    const snapshot = await trySnapshot(path);
    if (!snapshot) {
      logs.push({ path, name: path });
      continue;
    }
    const kind = `${snapshot.family}:${snapshot.snapshot.kind}`;
    snapshotsByKind.set(kind, [...(snapshotsByKind.get(kind) ?? []), snapshot]);
  }
  const diffs: AnalysisDiff[] = [];
  for (const snapshots of snapshotsByKind.values()) {
    if (snapshots.length < 2) continue;
    const base = snapshots[0]!;
    const next = snapshots[snapshots.length - 1]!;
    diffs.push({ ...diffSnapshots(base, next), artifacts: { base: base.name, new: next.name } });
  }
  const records: ParsedRecord[] = [];
  const recognised: ReadInputs['recognised'] = {};
  for (const log of await orderLogSet(logs)) {
    const outcome = await readGcLog(log, { onRecord: (record) => records.push(record) });
    recognised[log.name] = outcome.recognised;
  }
  return { records, recognised, diffs };
}

export async function runAnalyze(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(argv);
  if (positionals.length === 0) throw new UsageError('analyze needs at least one INPUT');
  const limitBytes = values.limit === undefined ? undefined : parseSize(values.limit);
  const pauseTarget = values['pause-target'];
  const targetMs = pauseTarget === undefined ? null : Number(pauseTarget);
  if (targetMs !== null && !(targetMs > 0)) throw new UsageError(`--pause-target wants milliseconds, not "${pauseTarget}"`);

  const inputs = await readInputs(positionals);
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
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, limit: { type: 'string' }, 'pause-target': { type: 'string' } },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}
