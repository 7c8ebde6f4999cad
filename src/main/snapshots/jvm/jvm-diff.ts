/**
 * The diff of two JVM snapshots: what grew between them, by class or by NMT
 * category.
 *
 * Which pairs compare: any two class histograms, whether printed by
 * jmap/jcmd or read from an HPROF dump (both count instances and shallow
 * bytes per class under the same names), and two NMT summaries. A histogram
 * against a dump is allowed, with two caveats the bytes carry: a dump's
 * shallow sizes follow the rule in hprof-shallow-size.ts, and its
 * java.lang.Class count covers loaded classes only (a live JVM's histogram
 * also counts the CDS-archived mirrors). Instance counts of application
 * classes agree exactly. A class snapshot against an NMT summary does not
 * compare and is an error naming both files.
 */
import type { DiffRow, SnapshotDiff } from '../../../shared/snapshot';
import { GclensError } from '../../../shared/result';
import { byDeltaDesc, classesByName, classMatcher, statelessRegExp } from './class-rows';
import type { ClassSnapshot, JvmSnapshot, NmtAmounts, NmtSnapshot } from './jvm-snapshot';

export interface JvmDiffOptions {
  /** `class` for class histograms and dumps, `category` for NMT; the snapshot kind's own when left out. */
  by?: 'class' | 'category';
  /** Keeps the rows whose key (or readable class name) matches. */
  filter?: RegExp;
  /** NMT only: compare committed (default) or reserved bytes. */
  sample?: 'committed' | 'reserved';
}

export function diffJvmSnapshots(base: JvmSnapshot, next: JvmSnapshot, options: JvmDiffOptions = {}): SnapshotDiff {
  if (base.kind === 'nmt' && next.kind === 'nmt') {
    checkBy(options.by, 'category', base, next);
    return diffNmt(base, next, options);
  }
  if (base.kind !== 'nmt' && next.kind !== 'nmt') {
    checkBy(options.by, 'class', base, next);
    return diffClasses(base, next, options.filter);
  }
  throw new GclensError(
    'unsupported-format',
    `${base.file} (${describeKind(base)}) and ${next.file} (${describeKind(next)}) do not compare: ` +
      'a class histogram or heap dump diffs against another class histogram or heap dump, an NMT summary against another NMT summary',
  );
}

function diffClasses(base: ClassSnapshot, next: ClassSnapshot, filter: RegExp | undefined): SnapshotDiff {
  const before = classesByName(base.classes);
  const after = classesByName(next.classes);
  const matches = classMatcher(filter);
  const rows: DiffRow[] = [];
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(name);
    const b = after.get(name);
    const entry = (b ?? a) as NonNullable<typeof a>;
    if (!matches(entry)) continue;
    const baseBytes = a?.bytes ?? 0;
    const newBytes = b?.bytes ?? 0;
    const baseCount = a?.instances ?? 0;
    const newCount = b?.instances ?? 0;
    rows.push({ key: name, base: baseBytes, new: newBytes, delta: newBytes - baseBytes, baseCount, newCount, deltaCount: newCount - baseCount });
  }
  rows.sort(byDeltaDesc);
  return {
    // A dump read against a dump stays `hprof`; any pair with a printed histogram is a histogram diff.
    kind: base.kind === 'hprof' && next.kind === 'hprof' ? 'hprof' : 'class-histogram',
    sample: 'bytes',
    unit: 'bytes',
    by: 'class',
    baseTotal: base.totalBytes,
    newTotal: next.totalBytes,
    rows,
  };
}

function diffNmt(base: NmtSnapshot, next: NmtSnapshot, options: JvmDiffOptions): SnapshotDiff {
  const sample = options.sample ?? 'committed';
  const value = (amounts: NmtAmounts | undefined): number =>
    amounts === undefined ? 0 : sample === 'committed' ? amounts.committedBytes : amounts.reservedBytes;
  const before = new Map(base.categories.map((c) => [c.name, c]));
  const after = new Map(next.categories.map((c) => [c.name, c]));
  const re = options.filter ? statelessRegExp(options.filter) : null;
  const rows: DiffRow[] = [];
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    if (re && !re.test(name)) continue;
    const a = value(before.get(name));
    const b = value(after.get(name));
    rows.push({ key: name, base: a, new: b, delta: b - a });
  }
  rows.sort(byDeltaDesc);
  return { kind: 'nmt', sample, unit: 'bytes', by: 'category', baseTotal: value(base.total), newTotal: value(next.total), rows };
}

function checkBy(by: JvmDiffOptions['by'], natural: 'class' | 'category', base: JvmSnapshot, next: JvmSnapshot): void {
  if (by === undefined || by === natural) return;
  throw new GclensError(
    'invalid-argument',
    `${base.file} and ${next.file} are ${describeKind(base)}s: they diff by ${natural}, not by ${by}`,
  );
}

function describeKind(snapshot: JvmSnapshot): string {
  return snapshot.kind === 'nmt' ? 'NMT summary' : snapshot.kind === 'hprof' ? 'HPROF heap dump' : 'class histogram';
}
