/**
 * The Go half of snapshots and diffs: pprof profiles (protobuf and legacy
 * text), goroutine dumps and heap?debug=1 with its MemStats, each loaded by
 * content, diffed and summarised.
 */
import type { SnapshotKind } from '../../../shared/snapshot';
import type { GoSnapshot } from './go-snapshot';
import { loadGoSnapshot } from './go-snapshot-loader';
import { sniffGoSnapshot } from './go-snapshot-sniff';

export interface GoSnapshotFormat {
  kind: SnapshotKind;
  /** Whether the first bytes of a file (a gzipped head is looked inside) are this format. */
  sniff(head: Buffer, name: string): boolean;
  /**
   * Reads and parses the whole file. The content has the last word on the
   * kind: a Go heap text that lost its MemStats block loads as a legacy
   * 'pprof' heap profile.
   */
  load(path: string, name: string): Promise<GoSnapshot>;
}

function format(kind: SnapshotKind): GoSnapshotFormat {
  return { kind, sniff: (head) => sniffGoSnapshot(head)?.kind === kind, load: loadGoSnapshot };
}

/** One entry per kind, for the snapshot registry. */
export const goSnapshotFormats: GoSnapshotFormat[] = [format('pprof'), format('heap-text'), format('goroutine-text')];

export type { GoroutineRecord, GoSnapshot, GoroutineTextSnapshot, HeapTextSnapshot, MemStats, PprofSnapshot, StackProfile } from './go-snapshot';
export { loadGoSnapshot, parseGoSnapshot } from './go-snapshot-loader';
export { sniffGoSnapshot } from './go-snapshot-sniff';
export { diffGoSnapshots, diffGoSnapshots as diffSnapshots, type GoDiffOptions } from './snapshot-diff';
export { summarizeGoSnapshot, summarizeGoSnapshot as summarizeSnapshot } from './snapshot-summary';
