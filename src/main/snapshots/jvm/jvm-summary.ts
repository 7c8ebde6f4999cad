/**
 * One JVM snapshot summarised: its totals and its largest rows.
 *
 * The rows are DiffRows read as a diff against nothing (base 0, new and
 * delta the value), so the one-snapshot view and the diff view share a
 * shape. An NMT summary.diff is the exception: it carries its own baseline,
 * so its rows say base = value - change, delta = change.
 */
import type { DiffRow, SnapshotSummary } from '../../../shared/snapshot';
import { classesByName } from './class-rows';
import type { ClassSnapshot, JvmSnapshot, NmtSnapshot } from './jvm-snapshot';

export function summarizeJvmSnapshot(snapshot: JvmSnapshot, topN = 20): SnapshotSummary {
  const limit = Math.max(0, Math.floor(topN));
  return snapshot.kind === 'nmt' ? summarizeNmt(snapshot, limit) : summarizeClasses(snapshot, limit);
}

function summarizeClasses(snapshot: ClassSnapshot, limit: number): SnapshotSummary {
  const top: DiffRow[] = [...classesByName(snapshot.classes).values()]
    .sort((a, b) => b.bytes - a.bytes || b.instances - a.instances || (a.name < b.name ? -1 : 1))
    .slice(0, limit)
    .map((entry) => ({
      key: entry.name,
      base: 0,
      new: entry.bytes,
      delta: entry.bytes,
      baseCount: 0,
      newCount: entry.instances,
      deltaCount: entry.instances,
    }));
  return {
    kind: snapshot.kind,
    file: snapshot.file,
    profile: snapshot.kind === 'hprof' ? 'heap dump' : 'class histogram',
    samples: ['bytes', 'instances'],
    defaultSample: 'bytes',
    totals: { bytes: snapshot.totalBytes, instances: snapshot.totalInstances },
    units: { bytes: 'bytes', instances: 'count' },
    capturedAt: snapshot.kind === 'hprof' ? snapshot.capturedAt : null,
    top,
    by: 'class',
  };
}

function summarizeNmt(snapshot: NmtSnapshot, limit: number): SnapshotSummary {
  const top: DiffRow[] = [...snapshot.categories]
    .sort((a, b) => b.committedBytes - a.committedBytes || (a.name < b.name ? -1 : 1))
    .slice(0, limit)
    .map((category) => {
      const delta = snapshot.isDiff ? (category.committedDeltaBytes ?? 0) : category.committedBytes;
      return { key: category.name, base: category.committedBytes - delta, new: category.committedBytes, delta };
    });
  return {
    kind: 'nmt',
    file: snapshot.file,
    profile: snapshot.isDiff ? 'native memory diff' : 'native memory',
    samples: ['committed', 'reserved'],
    defaultSample: 'committed',
    totals: { committed: snapshot.total.committedBytes, reserved: snapshot.total.reservedBytes },
    units: { committed: 'bytes', reserved: 'bytes' },
    capturedAt: null,
    top,
    by: 'category',
  };
}
