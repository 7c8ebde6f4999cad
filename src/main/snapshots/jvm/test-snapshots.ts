/**
 * Hand-made JVM snapshots for the diff and summary tests: two histograms a
 * leak apart, and builders for dumps and NMT summaries. Test-only.
 */
import type { ClassEntry, ClassHistogramSnapshot, HprofSnapshot, NmtCategory, NmtSnapshot } from './jvm-snapshot';

export function entry(name: string, readableName: string, instances: number, bytes: number): ClassEntry {
  return { name, readableName, instances, bytes };
}

export function histogram(file: string, classes: ClassEntry[]): ClassHistogramSnapshot {
  return {
    kind: 'class-histogram',
    file,
    pid: null,
    hasModuleColumn: false,
    classes,
    totalInstances: classes.reduce((n, c) => n + c.instances, 0),
    totalBytes: classes.reduce((n, c) => n + c.bytes, 0),
    hasTotalLine: true,
    unknownLineCount: 0,
    unknownLines: [],
  };
}

export function dump(file: string, classes: ClassEntry[]): HprofSnapshot {
  const { kind: _kind, pid: _pid, hasModuleColumn: _m, hasTotalLine: _t, ...rest } = histogram(file, classes);
  return { ...rest, kind: 'hprof', capturedAt: '2025-01-01T00:00:00.000Z', meta: {} as HprofSnapshot['meta'] };
}

export function nmt(file: string, categories: Array<[string, number, number?]>, isDiff = false): NmtSnapshot {
  const made: NmtCategory[] = categories.map(([name, committedBytes, committedDeltaBytes]) => ({
    name,
    reservedBytes: committedBytes * 2,
    committedBytes,
    ...(committedDeltaBytes === undefined ? {} : { committedDeltaBytes }),
    details: [],
  }));
  const committed = made.reduce((n, c) => n + c.committedBytes, 0);
  return { kind: 'nmt', file, pid: 1, isDiff, total: { reservedBytes: committed * 2, committedBytes: committed }, categories: made, unknownLineCount: 0, unknownLines: [] };
}

export const BASE = histogram('base.txt', [
  entry('[B', 'byte[]', 100, 4000),
  entry('LeakedRecord', 'LeakedRecord', 10, 720),
  entry('java.lang.String', 'java.lang.String', 100, 2400),
  entry('Gone', 'Gone', 5, 80),
]);
export const NEXT = histogram('next.txt', [
  entry('LeakedRecord', 'LeakedRecord', 1010, 72720),
  entry('[B', 'byte[]', 1100, 36000),
  entry('java.lang.String', 'java.lang.String', 1100, 26400),
  // Loaded by two class loaders: the histogram prints it twice.
  entry('New', 'New', 1, 16),
  entry('New', 'New', 2, 32),
]);
