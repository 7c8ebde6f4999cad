/**
 * Puts the files of a rotated GC log back in time order, whatever order they
 * were given in: JDK 9+ unified logging keeps `gc.log` current and rotates
 * into `gc.log.0` … `gc.log.N` (wrapping around), JDK 8 names the live file
 * `gc.log.N.current`. Names alone cannot tell the order once the numbers
 * wrap, so the first timestamp inside each file decides; names only break ties
 * and order files that carry no clock.
 */
import type { ParsedRecord } from '../../shared/gc-event';
import { readGcLog, type LogInput } from './gc-log-reader';

const PEEK_BYTES = 1024 * 1024;

export interface RotationName {
  base: string;
  /** The rotation number, or null for the file without one (JDK 9+: the live file). */
  index: number | null;
  /** JDK 8's `.current` suffix: the live file. */
  current: boolean;
}

export function rotationName(name: string): RotationName {
  const m = /^(.*?)\.(\d+)(\.current)?$/.exec(name);
  if (!m) return { base: name, index: null, current: false };
  return { base: m[1]!, index: Number(m[2]), current: m[3] !== undefined };
}

/** Name order: numbered files by number, then the live one (`.current`, or the one without a number). */
export function compareRotationNames(a: string, b: string): number {
  const ra = rotationName(a);
  const rb = rotationName(b);
  const rank = (r: RotationName) => (r.current || r.index === null ? 1 : 0);
  if (rank(ra) !== rank(rb)) return rank(ra) - rank(rb);
  return (ra.index ?? 0) - (rb.index ?? 0) || a.localeCompare(b);
}

export interface FirstTime {
  wallTime: string | null;
  startSec: number | null;
}

/** Sorts by wall time where every file has one, else by uptime where every file has one, else by name. */
export function orderByFirstTime<T extends { name: string }>(files: Array<T & { first: FirstTime }>): T[] {
  const byName = (a: T, b: T) => compareRotationNames(a.name, b.name);
  const sorted = [...files];
  if (files.every((f) => f.first.wallTime !== null)) {
    sorted.sort((a, b) => Date.parse(a.first.wallTime!) - Date.parse(b.first.wallTime!) || byName(a, b));
  } else if (files.every((f) => f.first.startSec !== null)) {
    sorted.sort((a, b) => a.first.startSec! - b.first.startSec! || byName(a, b));
  } else {
    sorted.sort(byName);
  }
  return sorted;
}

async function firstTime(input: LogInput): Promise<FirstTime> {
  let first: FirstTime | null = null;
  const timed = (record: ParsedRecord): FirstTime | null =>
    (record.type === 'gc' || record.type === 'safepoint') && (record.startSec !== null || record.wallTime !== null)
      ? { startSec: record.startSec, wallTime: record.wallTime }
      : null;
  await readGcLog(input, { limitBytes: PEEK_BYTES, onRecord: (record) => (first ??= timed(record)) });
  return first ?? { startSec: null, wallTime: null };
}

/** The inputs in the order their contents say they were written. */
export async function orderLogSet<T extends LogInput>(inputs: T[]): Promise<T[]> {
  if (inputs.length < 2) return inputs;
  const withTimes = await Promise.all(inputs.map(async (input) => ({ ...input, first: await firstTime(input) })));
  const ordered = orderByFirstTime(withTimes);
  return ordered.map((o) => inputs.find((input) => input.path === o.path)!);
}
