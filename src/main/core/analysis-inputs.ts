/**
 * Reads what the analysis engine takes from files: GC logs in any format the
 * parsers know (several are one rotated log, read in the order their
 * contents say) and snapshots (profiles, goroutine dumps, histograms, NMT,
 * heap dumps), whose first and last of each kind, in the order given, are
 * diffed to localise what grows. `gclens analyze`, `gclens report` and
 * `gclens verify` all read through here, so a report re-derived from its
 * bundle reads its artifacts exactly as the report did.
 */
import type { ParsedRecord } from '../../shared/gc-event';
import { GclensError } from '../../shared/result';
import type { ArtifactKind } from '../../shared/session-manifest';
import type { AnalysisDiff } from '../analysis/rules/rule-context';
import { diffSnapshots, loadSnapshot, type LoadedSnapshot } from '../snapshots/snapshot-registry';
import { readGcLog, type LogInput } from './gc-log-reader';
import { orderLogSet } from './rotation-set';

export interface AnalysisInputFile {
  path: string;
  /** The name records and evidence cite: what a reader of the result will look the file up by. */
  name: string;
}

export interface InputUse extends AnalysisInputFile {
  role: 'log' | 'snapshot';
  /** The session artifact kind of what the file turned out to be: gctrace, gc-log, pprof, class-histogram… */
  kind: ArtifactKind;
}

export interface AnalysisInputs {
  records: ParsedRecord[];
  recognised: Record<string, Readonly<Record<string, number>>>;
  diffs: AnalysisDiff[];
  /** Every snapshot read, by kind, in the order given (diffs compare the first and last of each). */
  snapshots: LoadedSnapshot[];
  /** The inputs that were read, logs in the order read, then snapshots in the order given. */
  used: InputUse[];
  /** Inputs left out with the reason (only with `skipUnreadable`). */
  skipped: Array<AnalysisInputFile & { reason: string }>;
}

export interface ReadInputsOptions {
  /**
   * Leave out an input that cannot be read (a download a crash cut short,
   * an empty log) and say why, instead of failing: a recorded session is
   * read this way, files a person named are not.
   */
  skipUnreadable?: boolean;
}

/** A snapshot, or null when the file is not one (then it is read as a GC log). */
async function trySnapshot(input: AnalysisInputFile): Promise<LoadedSnapshot | null> {
  try {
    return await loadSnapshot(input.path, input.name);
  } catch (err) {
    if (err instanceof GclensError && err.kind === 'unsupported-format' && /is not a snapshot/.test(err.message)) return null;
    throw err;
  }
}

export async function readAnalysisInputs(inputs: AnalysisInputFile[], options: ReadInputsOptions = {}): Promise<AnalysisInputs> {
  const skipped: AnalysisInputs['skipped'] = [];
  const unreadable = (input: AnalysisInputFile, err: unknown): void => {
    if (!options.skipUnreadable) throw err;
    skipped.push({ ...input, reason: err instanceof Error ? err.message : String(err) });
  };

  const logs: LogInput[] = [];
  const snapshots: LoadedSnapshot[] = [];
  const snapshotUses: InputUse[] = [];
  for (const input of inputs) {
    let snapshot: LoadedSnapshot | null;
    try {
      snapshot = await trySnapshot(input);
    } catch (err) {
      unreadable(input, err);
      continue;
    }
    if (!snapshot) {
      logs.push({ path: input.path, name: input.name });
      continue;
    }
    snapshots.push(snapshot);
    snapshotUses.push({ ...input, role: 'snapshot', kind: snapshot.snapshot.kind });
  }

  const records: ParsedRecord[] = [];
  const recognised: AnalysisInputs['recognised'] = {};
  const used: InputUse[] = [];
  for (const log of await orderLogSet(logs)) {
    // Records of a file that fails part-way are dropped with it: half a log would skew every metric.
    const own: ParsedRecord[] = [];
    try {
      const outcome = await readGcLog(log, { onRecord: (record) => own.push(record) });
      recognised[log.name] = outcome.recognised;
      for (const record of own) records.push(record);
      used.push({ path: log.path, name: log.name, role: 'log', kind: outcome.format === 'go-gctrace' ? 'gctrace' : 'gc-log' });
    } catch (err) {
      unreadable(log, err);
    }
  }
  used.push(...snapshotUses);
  return { records, recognised, diffs: diffFirstAndLast(snapshots), snapshots, used, skipped };
}

/** Per kind of snapshot, the first given against the last given. */
function diffFirstAndLast(snapshots: LoadedSnapshot[]): AnalysisDiff[] {
  const byKind = new Map<string, LoadedSnapshot[]>();
  for (const snapshot of snapshots) {
    // A live attach records heap and goroutine profiles side by side: both pprof, never comparable.
    const profile = snapshot.family === 'go' && snapshot.snapshot.kind === 'pprof' ? `:${snapshot.snapshot.profile.profile}` : '';
    const kind = `${snapshot.family}:${snapshot.snapshot.kind}${profile}`;
    byKind.set(kind, [...(byKind.get(kind) ?? []), snapshot]);
  }
  const diffs: AnalysisDiff[] = [];
  for (const list of byKind.values()) {
    if (list.length < 2) continue;
    const base = list[0]!;
    const next = list[list.length - 1]!;
    diffs.push({ ...diffSnapshots(base, next), artifacts: { base: base.name, new: next.name } });
  }
  return diffs;
}
