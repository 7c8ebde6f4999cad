/**
 * The JVM half of snapshots and diffs: class histograms (jmap, jcmd), NMT
 * summaries and HPROF heap dumps, each with a sniff on the file's first bytes
 * and a loader, for the snapshot registry; and the diff and summary over them.
 */
import { parseClassHistogram, looksLikeClassHistogram } from './class-histogram-parser';
import { looksLikeHprof } from './hprof-format';
import { readHprofHistogram } from './hprof-reader';
import type { JvmSnapshot } from './jvm-snapshot';
import { looksLikeNmt, parseNmt } from './nmt-parser';
import { peekInside, readTextSnapshot, type ProgressHandler } from './snapshot-file';

export interface JvmSnapshotFormat {
  kind: 'class-histogram' | 'nmt' | 'hprof';
  /**
   * Whether a file is this format, from its first bytes (4 KB is plenty;
   * gzipped heads are looked inside) and its name (unused today: content decides).
   */
  sniff(head: Buffer, name: string): boolean;
  /** Reads the file at `path`; `name` is what messages and the snapshot call it. */
  load(path: string, name: string, onProgress?: ProgressHandler): Promise<JvmSnapshot>;
}

export const jvmSnapshotFormats: readonly JvmSnapshotFormat[] = [
  {
    kind: 'hprof',
    sniff: (head) => looksLikeHprof(peekInside(head)),
    load: (path, name, onProgress) => readHprofHistogram(path, name, { onProgress }),
  },
  {
    kind: 'class-histogram',
    sniff: (head) => looksLikeClassHistogram(peekInside(head).toString('utf8')),
    load: async (path, name, onProgress) => parseClassHistogram(await readTextSnapshot(path, name, onProgress), name),
  },
  {
    kind: 'nmt',
    sniff: (head) => looksLikeNmt(peekInside(head).toString('utf8')),
    load: async (path, name, onProgress) => parseNmt(await readTextSnapshot(path, name, onProgress), name),
  },
];

export { diffJvmSnapshots, type JvmDiffOptions } from './jvm-diff';
export { summarizeJvmSnapshot } from './jvm-summary';
export { readableClassName } from './class-names';
export { parseClassHistogram } from './class-histogram-parser';
export { parseNmt } from './nmt-parser';
export { readHprofHistogram, type HprofReadOptions } from './hprof-reader';
export { HprofHistogramBuilder } from './hprof-histogram';
export type { SnapshotProgress, ProgressHandler } from './snapshot-file';
export type * from './jvm-snapshot';
