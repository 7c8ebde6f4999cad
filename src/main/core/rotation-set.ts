/**
 * Puts the files of a rotated GC log back in time order, whatever order they
 * were given in: JDK 9+ unified logging keeps `gc.log` current and rotates
 * into `gc.log.0` … `gc.log.N` (wrapping around), JDK 8 names the live file
 * `gc.log.N.current`. Names alone cannot tell the order once the numbers
 * wrap, so the first timestamp inside each file decides; names only break ties
 * and order files that carry no clock.
 */
import type { LogFormat, ParsedRecord } from '../../shared/gc-event';
import { GclensError } from '../../shared/result';
import type { KnownFormat } from '../parsers/gc-log-formats';
import { readGcLog, readGcLogSet, type LogInput, type ReadOptions, type ReadOutcome } from './gc-log-reader';

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

/** The format of a file and the first time inside it, from its first megabyte. */
async function peek(input: LogInput, format?: KnownFormat): Promise<{ first: FirstTime; format: LogFormat }> {
  let first: FirstTime | null = null;
  const timed = (record: ParsedRecord): FirstTime | null =>
    (record.type === 'gc' || record.type === 'safepoint') && (record.startSec !== null || record.wallTime !== null)
      ? { startSec: record.startSec, wallTime: record.wallTime }
      : null;
  const outcome = await readGcLog(input, { format, limitBytes: PEEK_BYTES, onRecord: (record) => (first ??= timed(record)) });
  return { first: first ?? { startSec: null, wallTime: null }, format: outcome.format };
}

/**
 * The inputs in the order their contents say they were written. They must be
 * one log: files of different formats cannot be one stream, and reading them
 * as one would silently skip one format's lines.
 */
export async function orderLogSet<T extends LogInput>(inputs: T[], format?: KnownFormat): Promise<T[]> {
  if (inputs.length < 2) return inputs;
  const peeked = await Promise.all(inputs.map(async (input) => ({ ...input, ...(await peek(input, format)) })));
  const formats = new Set(peeked.map((p) => p.format));
  if (formats.size > 1) {
    const list = peeked.map((p) => `${p.name} is ${p.format}`).join(', ');
    throw new GclensError('unsupported-format', `these files are not one log (${list}): open them one at a time`);
  }
  const ordered = orderByFirstTime(peeked);
  return ordered.map((o) => inputs.find((input) => input.path === o.path)!);
}

/** Orders a rotation set and reads it as one stream. */
export async function readLogSet(inputs: LogInput[], options: ReadOptions): Promise<ReadOutcome & { files: LogInput[] }> {
  const files = await orderLogSet(inputs, options.format);
  return { ...(await readGcLogSet(files, options)), files };
}
