/**
 * Every snapshot kind gclens reads, Go and JVM, behind one load / diff /
 * summarise. The content decides the kind, never the file name.
 */
import { open } from 'node:fs/promises';
import type { DiffBy, SnapshotDiff, SnapshotSummary } from '../../shared/snapshot';
import { GclensError } from '../../shared/result';
import { diffGoSnapshots, goSnapshotFormats, summarizeGoSnapshot, type GoSnapshot } from './go';
import { diffJvmSnapshots, jvmSnapshotFormats, summarizeJvmSnapshot, type JvmSnapshot, type ProgressHandler } from './jvm';

export type LoadedSnapshot = { family: 'go'; name: string; snapshot: GoSnapshot } | { family: 'jvm'; name: string; snapshot: JvmSnapshot };

export interface DiffOptions {
  sample?: string;
  by?: DiffBy;
  filter?: RegExp;
  foldRuntime?: boolean;
  /** At most this many rows, the largest growers. */
  limit?: number;
}

const HEAD_BYTES = 8192;

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(head, 0, HEAD_BYTES, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export async function loadSnapshot(path: string, name: string, onProgress?: ProgressHandler): Promise<LoadedSnapshot> {
  const head = await readHead(path);
  if (head.length === 0) throw new GclensError('unsupported-format', `${name} is empty`);
  for (const format of goSnapshotFormats) {
    if (format.sniff(head, name)) return { family: 'go', name, snapshot: await format.load(path, name) };
  }
  for (const format of jvmSnapshotFormats) {
    if (format.sniff(head, name)) return { family: 'jvm', name, snapshot: await format.load(path, name, onProgress) };
  }
  throw new GclensError(
    'unsupported-format',
    `${name} is not a snapshot gclens can read: expected a Go pprof profile, a goroutine or heap?debug=1 dump, ` +
      'a JVM class histogram (jmap -histo, jcmd GC.class_histogram), an NMT summary or an HPROF heap dump',
  );
}

export function diffSnapshots(base: LoadedSnapshot, next: LoadedSnapshot, options: DiffOptions = {}): SnapshotDiff {
  if (base.family === 'go' && next.family === 'go') {
    return diffGoSnapshots(base.snapshot, next.snapshot, { ...options, by: options.by ?? defaultGoBy(next.snapshot) });
  }
  if (base.family === 'jvm' && next.family === 'jvm') {
    const { by, filter, sample, limit } = options;
    if (by !== undefined && by !== 'class' && by !== 'category') {
      throw new GclensError('invalid-argument', `JVM snapshots diff by class or category, not by ${by}`);
    }
    if (sample !== undefined && sample !== 'committed' && sample !== 'reserved') {
      throw new GclensError('invalid-argument', `an NMT diff compares committed or reserved bytes, not ${sample}`);
    }
    const diff = diffJvmSnapshots(base.snapshot, next.snapshot, { by, filter, sample });
    return limit === undefined ? diff : { ...diff, rows: diff.rows.slice(0, limit) };
  }
  throw new GclensError('unsupported-format', `cannot compare ${base.name} (a ${base.family === 'go' ? 'Go' : 'JVM'} snapshot) with ${next.name} (a ${next.family === 'go' ? 'Go' : 'JVM'} snapshot)`);
}

export function summarizeSnapshot(loaded: LoadedSnapshot, topN: number): SnapshotSummary {
  return loaded.family === 'go' ? summarizeGoSnapshot(loaded.snapshot, topN) : summarizeJvmSnapshot(loaded.snapshot, topN);
}

/** Goroutine dumps group by stack and state; other Go profiles by function, like pprof -top. */
function defaultGoBy(snapshot: GoSnapshot): DiffBy {
  return snapshot.kind === 'goroutine-text' || snapshot.profile.profile === 'goroutine' ? 'goroutine' : 'function';
}
