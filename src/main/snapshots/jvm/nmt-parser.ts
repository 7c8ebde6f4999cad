/**
 * Native Memory Tracking as `jcmd <pid> VM.native_memory summary` and
 * `summary.diff` print it (HotSpot's MemSummaryReporter and
 * MemSummaryDiffReporter), JDK 8 to 21:
 *
 *   Total: reserved=1714191KB, committed=124219KB          diff: `committed=121470KB -2747KB`
 *   -                 Java Heap (reserved=262144KB, committed=58368KB)
 *                              (mmap: reserved=262144KB, committed=58368KB)
 *   -                    Thread (reserved=21559KB, committed=923KB +4KB)
 *                              (stack: reserved=21504KB, committed=868KB +4KB)
 *                              (malloc=12KB +1KB #193 +21)
 *
 * Amounts carry the scale NMT was asked for (KB by default, `scale=MB|GB`);
 * they are turned into bytes here.
 */
import { GclensError } from '../../../shared/result';
import { MAX_UNKNOWN_SAMPLES, type NmtAmounts, type NmtCategory, type NmtSnapshot } from './jvm-snapshot';
import { isLauncherNoise, parsePidLine, textLines } from './text-lines';

/** A value with its unit and, in a diff, a signed change with its own unit. */
const AMOUNT = String.raw`(\d+)(B|KB|MB|GB)(?:\s+([+-]\d+)(B|KB|MB|GB))?`;
const PAIR = String.raw`reserved=${AMOUNT},\s*committed=${AMOUNT}`;
/** JDK 21+ appends more to some lines (`, peak=…`, `, readonly=0KB`, `, at peak`); the pair comes first. */
const TOTAL = new RegExp(String.raw`^Total:\s+${PAIR}(?:,[^)]*)?$`);
const CATEGORY = new RegExp(String.raw`^-\s+(.+?)\s+\(${PAIR}(?:,[^)]*)?\)$`);
const MMAP = new RegExp(String.raw`^\(mmap:\s+${PAIR}`);
const STACK = new RegExp(String.raw`^\(stack:\s+${PAIR}`);
/** `(malloc=79KB #1044)`; JDK 21+ names the tag: `(malloc=7KB tag=Native Memory Tracking #100)`. */
const MALLOC = new RegExp(String.raw`^\(malloc=${AMOUNT}(?:\s+tag=[^#)]*)?(?:\s*#(\d+))?`);
const ARENA = new RegExp(String.raw`^\(arena=${AMOUNT}`);
/** The Total block's own sub-lines: `malloc: 9783KB #7157`, `mmap:   reserved=…`; JDK 25's diff writes `malloc=…`. */
const TOTAL_DETAIL = /^(?:malloc|mmap)[:=]/;

const UNIT_BYTES: Readonly<Record<string, number>> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };

export function looksLikeNmt(head: string): boolean {
  return /^Native Memory Tracking:\s*$/m.test(head) || /^Total: reserved=\d+[KMG]?B/m.test(head);
}

export function parseNmt(bytes: Uint8Array, file: string): NmtSnapshot {
  const snapshot: NmtSnapshot = {
    kind: 'nmt',
    file,
    pid: null,
    isDiff: false,
    total: { reservedBytes: 0, committedBytes: 0 },
    categories: [],
    unknownLineCount: 0,
    unknownLines: [],
  };
  let sawTotal = false;
  let sawAnything = false;
  let current: NmtCategory | null = null;
  // Between the Total line and the first category, `malloc:`/`mmap:` lines belong to Total.
  let inTotal = false;

  for (const line of textLines(bytes)) {
    const text = line.text.trim();
    if (text === '' || isLauncherNoise(text)) continue;
    const fail = (): never => {
      throw new GclensError('unsupported-format', `${file}: the NMT summary is cut mid-line at byte ${line.offset + Buffer.byteLength(line.text)} (line ${line.lineNo})`);
    };
    if (!sawAnything && parsePidLine(text) !== null) {
      snapshot.pid = parsePidLine(text);
      sawAnything = true;
      continue;
    }
    sawAnything = true;
    if (/^Native memory tracking is not enabled/i.test(text)) {
      throw new GclensError('unsupported-format', `${file}: the JVM says "${text}"; start it with -XX:NativeMemoryTracking=summary to read NMT`);
    }
    const total = TOTAL.exec(text);
    if (total) {
      snapshot.total = pair(total, 1);
      snapshot.isDiff ||= hasDelta(snapshot.total);
      sawTotal = true;
      inTotal = true;
      current = null;
      continue;
    }
    const category = CATEGORY.exec(text);
    if (category) {
      current = { name: category[1] as string, ...pair(category, 2), details: [] };
      snapshot.isDiff ||= hasDelta(current);
      snapshot.categories.push(current);
      inTotal = false;
      continue;
    }
    if (!line.terminated) fail();
    if (current && (text.startsWith('(') || text.startsWith(':'))) {
      readDetail(current, text);
      continue;
    }
    if (inTotal && TOTAL_DETAIL.test(text)) continue;
    if (text === 'Native Memory Tracking:' || /^\(Omitting categories weighting less than \d+[KMG]?B\)$/.test(text)) continue;
    snapshot.unknownLineCount++;
    if (snapshot.unknownLines.length < MAX_UNKNOWN_SAMPLES) snapshot.unknownLines.push({ lineNo: line.lineNo, text: line.text });
  }

  if (!sawTotal) {
    const first = snapshot.unknownLines[0]?.text;
    const said = first ? `; it starts with ${JSON.stringify(first.trim().slice(0, 120))}` : '';
    throw new GclensError('unsupported-format', `${file} is not an NMT summary: found no \`Total: reserved=…, committed=…\` line${said}`);
  }
  return snapshot;
}

function readDetail(category: NmtCategory, text: string): void {
  const mmap = MMAP.exec(text);
  if (mmap) {
    category.mmap = pair(mmap, 1);
    return;
  }
  const stack = STACK.exec(text);
  if (stack) {
    category.stack = pair(stack, 1);
    return;
  }
  const malloc = MALLOC.exec(text);
  if (malloc) {
    category.mallocBytes = amount(malloc, 1);
    const delta = deltaOf(malloc, 1);
    if (delta !== undefined) category.mallocDeltaBytes = delta;
    if (malloc[5] !== undefined) category.mallocCount = Number(malloc[5]);
    return;
  }
  const arena = ARENA.exec(text);
  if (arena) {
    category.arenaBytes = amount(arena, 1);
    const delta = deltaOf(arena, 1);
    if (delta !== undefined) category.arenaDeltaBytes = delta;
    return;
  }
  category.details.push(text);
}

/** Reads `reserved=… , committed=…` whose first capture group is at `at`. */
function pair(match: RegExpExecArray, at: number): NmtAmounts {
  const out: NmtAmounts = { reservedBytes: amount(match, at), committedBytes: amount(match, at + 4) };
  const reservedDelta = deltaOf(match, at);
  const committedDelta = deltaOf(match, at + 4);
  if (reservedDelta !== undefined) out.reservedDeltaBytes = reservedDelta;
  if (committedDelta !== undefined) out.committedDeltaBytes = committedDelta;
  return out;
}

function amount(match: RegExpExecArray, at: number): number {
  return Number(match[at]) * (UNIT_BYTES[match[at + 1] as string] as number);
}

function deltaOf(match: RegExpExecArray, at: number): number | undefined {
  const value = match[at + 2];
  return value === undefined ? undefined : Number(value) * (UNIT_BYTES[match[at + 3] as string] as number);
}

function hasDelta(amounts: NmtAmounts): boolean {
  return amounts.reservedDeltaBytes !== undefined || amounts.committedDeltaBytes !== undefined;
}
