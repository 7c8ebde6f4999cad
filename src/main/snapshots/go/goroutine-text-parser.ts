/**
 * Go's text stack dumps:
 *
 * - count profiles, `goroutine?debug=1` (and `threadcreate?debug=1`), from
 *   runtime/pprof's printCountProfile: `goroutine profile: total 524`, then
 *   per distinct stack `520 @ 0x487a2e 0x41797c …`, an optional
 *   `# labels: {…}` line and `#\t0x…\tmain.f+0x1d\tfile.go:67` frames (the
 *   runtime leaves out leading runtime frames there);
 * - `goroutine?debug=2`, the traceback format: `goroutine 42 [chan send,
 *   3 minutes]:`, function/file line pairs innermost first, and
 *   `created by main.f in goroutine 1`.
 */
import { GclensError } from '../../../shared/result';
import type { GoroutineRecord, StackProfile } from './go-snapshot';
import { StackProfileBuilder } from './stack-profile-builder';
import { lineError, symbolLineFunction, type TextLines } from './text-lines';

const COUNT_HEADER = /^(\w+) profile: total (\d+)$/;
const COUNT_RECORD = /^(\d+) @((?: 0x[0-9a-f]+)*)$/;
const GOROUTINE_HEADER = /^goroutine (\d+)(?: [^[]*)? \[([^\]]*)\]:$/;
const CREATED_BY = /^created by (.+?)(?: in goroutine (\d+))?$/;

export interface CountProfileResult {
  /** goroutine, threadcreate… as the header names it. */
  name: string;
  total: number;
  profile: StackProfile;
}

export interface GoroutineDumpResult {
  profile: StackProfile;
  goroutines: GoroutineRecord[];
}

export function isCountProfileHeader(line: string): boolean {
  return COUNT_HEADER.test(line.trim());
}

export function isGoroutineHeader(line: string): boolean {
  return GOROUTINE_HEADER.test(line.trim());
}

function requireComplete(source: TextLines, file: string): void {
  // The runtime ends every dump with a newline: an unterminated last line means the copy was cut.
  if (!source.complete) throw lineError(source, source.lines.length - 1, file, '');
}

export function parseCountProfile(source: TextLines, file: string): CountProfileResult {
  requireComplete(source, file);
  let i = 0;
  while (i < source.lines.length && (source.lines[i] as string).trim() === '') i++;
  const header = COUNT_HEADER.exec((source.lines[i] ?? '').trim());
  if (!header) throw lineError(source, i, file, 'not a count profile header');
  const name = header[1] as string;
  const total = Number(header[2]);
  const builder = new StackProfileBuilder({
    profile: name,
    sampleTypes: [{ type: name, unit: 'count' }],
    periodType: { type: name, unit: 'count' },
    period: 1,
  });
  let pending: { count: number; addresses: string[] } | null = null;
  let symbols: string[] = [];
  let counted = 0;
  const flush = (): void => {
    if (pending) builder.add(symbols.length > 0 ? symbols : pending.addresses, [pending.count]);
    pending = null;
    symbols = [];
  };
  for (i++; i < source.lines.length; i++) {
    const line = (source.lines[i] as string).trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      const fn = symbolLineFunction(line);
      if (fn && pending) symbols.push(fn);
      continue;
    }
    if (line.startsWith('---')) break;
    const m = COUNT_RECORD.exec(line);
    if (!m) throw lineError(source, i, file, `not a ${name} profile record`);
    flush();
    const count = Number(m[1]);
    counted += count;
    // As pprof does, an unsymbolized frame is named by its call site: the return address less one.
    const addresses = (m[2] as string).trim().split(' ').filter(Boolean).map((a) => `0x${(BigInt(a) - 1n).toString(16)}`);
    pending = { count, addresses };
  }
  flush();
  if (counted < total) {
    throw new GclensError('unsupported-format', `${file}: the records add up to ${counted} of the ${total} the header declares: the dump is cut short`);
  }
  return { name, total, profile: builder.build() };
}

/** `pkg.(*T).f(0xc000…, {0x4b2f00, 0x5})` → `pkg.(*T).f`: drops the argument list, the last balanced (…). */
export function functionOfCall(line: string): string | null {
  if (!line.endsWith(')')) return null;
  let depth = 0;
  for (let i = line.length - 1; i >= 0; i--) {
    const c = line[i];
    if (c === ')') depth++;
    else if (c === '(' && --depth === 0) return i > 0 ? line.slice(0, i) : null;
  }
  return null;
}

function parseState(bracket: string): Pick<GoroutineRecord, 'state' | 'waitMinutes' | 'lockedToThread'> {
  const parts = bracket.split(', ');
  let waitMinutes: number | null = null;
  let lockedToThread = false;
  for (const part of parts.slice(1)) {
    const minutes = /^(\d+) minutes?$/.exec(part);
    if (minutes) waitMinutes = Number(minutes[1]);
    else if (part === 'locked to thread') lockedToThread = true;
  }
  return { state: parts[0] ?? '', waitMinutes, lockedToThread };
}

export function parseGoroutineDump(source: TextLines, file: string): GoroutineDumpResult {
  requireComplete(source, file);
  const goroutines: GoroutineRecord[] = [];
  let current: GoroutineRecord | null = null;
  // A function line must be followed by its tab-indented file line; this remembers one still waiting.
  let awaitingFile = -1;
  for (let i = 0; i < source.lines.length; i++) {
    const raw = source.lines[i] as string;
    if (raw.startsWith('\t')) {
      if (awaitingFile < 0 && current && !raw.includes('stack unavailable')) throw lineError(source, i, file, 'a file line with no function line before it');
      awaitingFile = -1;
      continue;
    }
    const line = raw.trim();
    if (line === '') {
      current = null;
      continue;
    }
    if (awaitingFile >= 0) throw lineError(source, awaitingFile, file, 'a function line without its file line');
    const header = GOROUTINE_HEADER.exec(line);
    if (header) {
      current = { id: Number(header[1]), ...parseState(header[2] as string), frames: [], createdBy: null, createdByGoroutine: null, line: i + 1 };
      goroutines.push(current);
      continue;
    }
    if (!current) throw lineError(source, i, file, 'not a goroutine header');
    const created = CREATED_BY.exec(line);
    if (created) {
      current.createdBy = created[1] as string;
      current.createdByGoroutine = created[2] ? Number(created[2]) : null;
      awaitingFile = i;
      continue;
    }
    if (line.startsWith('...')) continue; // "...additional frames elided..."
    const fn = functionOfCall(line);
    if (!fn) throw lineError(source, i, file, 'not a stack frame');
    current.frames.push(fn);
    awaitingFile = i;
  }
  if (awaitingFile >= 0) {
    throw new GclensError('unsupported-format', `${file}: the dump is cut short: line ${awaitingFile + 1} has no file line after it`);
  }
  const builder = new StackProfileBuilder({
    profile: 'goroutine',
    sampleTypes: [{ type: 'goroutine', unit: 'count' }],
    periodType: { type: 'goroutine', unit: 'count' },
    period: 1,
  });
  for (const g of goroutines) builder.add(g.frames, [1], g.state);
  return { profile: builder.build(), goroutines };
}
