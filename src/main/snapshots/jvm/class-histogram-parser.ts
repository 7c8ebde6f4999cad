/**
 * Class histograms as `jmap -histo[:live]` and `jcmd <pid> GC.class_histogram`
 * print them (HotSpot's KlassInfoHisto::print_histo_on):
 *
 *   12345:                                                   jcmd only
 *    num     #instances         #bytes  class name (module)   JDK 9+; JDK 8 ends at `class name`
 *   -------------------------------------------------------
 *      1:        190000       13680000  LeakedRecord
 *      2:        197370        6419272  [B (java.base@17.0.15)
 *   Total        786111       32627080
 *
 * The serviceability agent's `jmap -F -histo` rows (`1:  10  160  java.lang.Object[]`)
 * fit the same row rule.
 */
import { GclensError } from '../../../shared/result';
import { readableClassName } from './class-names';
import { type ClassEntry, type ClassHistogramSnapshot, MAX_UNKNOWN_SAMPLES } from './jvm-snapshot';
import { isLauncherNoise, parsePidLine, textLines } from './text-lines';

const HEADER = /^\s*num\s+#instances\s+#bytes\s+(?:class name|Class description)(\s*\(module\))?\s*$/;
const SEPARATOR = /^-+$/;
const ROW = /^\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)(?:\s+\(([^()]*)\))?\s*$/;
const TOTAL = /^Total\s+(\d+)\s+(\d+)\s*$/;

/** Whether the first bytes of a file look like a class histogram. */
export function looksLikeClassHistogram(head: string): boolean {
  return head.split('\n', 40).some((line) => HEADER.test(line.replace(/\r$/, '')));
}

export function parseClassHistogram(bytes: Uint8Array, file: string): ClassHistogramSnapshot {
  const snapshot: ClassHistogramSnapshot = {
    kind: 'class-histogram',
    file,
    pid: null,
    hasModuleColumn: false,
    classes: [],
    totalInstances: 0,
    totalBytes: 0,
    hasTotalLine: false,
    unknownLineCount: 0,
    unknownLines: [],
  };
  let sawHeader = false;
  let sawAnything = false;

  for (const line of textLines(bytes)) {
    const text = line.text;
    if (text.trim() === '' || isLauncherNoise(text)) continue;
    if (!sawAnything && parsePidLine(text) !== null) {
      snapshot.pid = parsePidLine(text);
      sawAnything = true;
      continue;
    }
    sawAnything = true;
    const row = ROW.exec(text);
    const total = TOTAL.exec(text);
    // A row or Total the file does not end with a newline may have lost its tail:
    // `123  4567  java.lang.Str` would otherwise read as a class that does not exist.
    // HotSpot's Total is the sum of the rows, so an unterminated one that is the sum is whole.
    const rowLike = /^\s*\d+:|^Total\b/.test(text);
    if (!line.terminated && rowLike && !(total && sumsTo(snapshot.classes, Number(total[1]), Number(total[2])))) {
      throw new GclensError(
        'unsupported-format',
        `${file}: the histogram is cut mid-line at byte ${line.offset + Buffer.byteLength(text)} (line ${line.lineNo}: ${JSON.stringify(text.slice(0, 80))})`,
      );
    }
    if (row) {
      snapshot.classes.push(classEntry(row));
      continue;
    }
    const header = HEADER.exec(text);
    if (header) {
      sawHeader = true;
      snapshot.hasModuleColumn = header[1] !== undefined;
      continue;
    }
    if (SEPARATOR.test(text.trim())) continue;
    if (total) {
      snapshot.hasTotalLine = true;
      snapshot.totalInstances = Number(total[1]);
      snapshot.totalBytes = Number(total[2]);
      continue;
    }
    snapshot.unknownLineCount++;
    if (snapshot.unknownLines.length < MAX_UNKNOWN_SAMPLES) snapshot.unknownLines.push({ lineNo: line.lineNo, text });
  }

  if (!sawHeader && snapshot.classes.length === 0) {
    const first = snapshot.unknownLines[0]?.text;
    const said = first ? `; it starts with ${JSON.stringify(first.slice(0, 120))}` : '';
    throw new GclensError('unsupported-format', `${file} is not a class histogram: found no \`num #instances #bytes class name\` header or rows${said}`);
  }
  if (!snapshot.hasTotalLine) {
    for (const entry of snapshot.classes) {
      snapshot.totalInstances += entry.instances;
      snapshot.totalBytes += entry.bytes;
    }
  }
  return snapshot;
}

function sumsTo(classes: readonly ClassEntry[], instances: number, bytes: number): boolean {
  let sumInstances = 0;
  let sumBytes = 0;
  for (const entry of classes) {
    sumInstances += entry.instances;
    sumBytes += entry.bytes;
  }
  return sumInstances === instances && sumBytes === bytes;
}

function classEntry(row: RegExpExecArray): ClassEntry {
  const name = row[3] as string;
  const entry: ClassEntry = { name, readableName: readableClassName(name), instances: Number(row[1]), bytes: Number(row[2]) };
  if (row[4] !== undefined) entry.module = row[4];
  return entry;
}
