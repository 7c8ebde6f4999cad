/**
 * Class histogram entries keyed by class name, the unit of every class
 * diff and summary row. A histogram prints one row per loaded class, so two
 * class loaders that load one name give two rows; gclens adds them up.
 */
import type { ClassEntry } from './jvm-snapshot';

export function classesByName(classes: readonly ClassEntry[]): Map<string, ClassEntry> {
  const byName = new Map<string, ClassEntry>();
  for (const entry of classes) {
    const seen = byName.get(entry.name);
    if (seen) byName.set(entry.name, { ...seen, instances: seen.instances + entry.instances, bytes: seen.bytes + entry.bytes });
    else byName.set(entry.name, entry);
  }
  return byName;
}

/** A filter that matches a class by its JVM name or its readable one (`byte[]`). */
export function classMatcher(filter: RegExp | undefined): (entry: Pick<ClassEntry, 'name' | 'readableName'>) => boolean {
  if (!filter) return () => true;
  const re = statelessRegExp(filter);
  return (entry) => re.test(entry.name) || re.test(entry.readableName);
}

/** Largest delta first; ties by count delta, then by name so the order never depends on input order. */
export function byDeltaDesc<T extends { key: string; delta: number; deltaCount?: number }>(a: T, b: T): number {
  return b.delta - a.delta || (b.deltaCount ?? 0) - (a.deltaCount ?? 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** A global or sticky RegExp remembers lastIndex between tests; a copy without those flags does not. */
export function statelessRegExp(filter: RegExp): RegExp {
  return new RegExp(filter.source, filter.flags.replace(/[gy]/g, ''));
}
