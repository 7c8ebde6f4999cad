/**
 * Go's GODEBUG=gctrace=1 output, every era. Formats follow the runtime's own
 * documentation of gctrace (runtime/extern.go) in each release:
 *
 *   1.0–1.2  gc7(2): 1+0+0 ms, 5 -> 4 MB 40490 -> 9335 (46947-37612) objects, …
 *   1.3–1.4  gc4(2): 755+4+10745+2 us, 0 -> 0 MB, 2361 (2608-247) objects, …
 *   1.5      gc 1 @0.009s 1%: a+b+c+d+e ms clock, … ms cpu, 5->5->3 MB, 4 MB goal, 8 P
 *   1.6–1.17 gc 1 @0.058s 0%: a+b+c ms clock, … ms cpu, 4->4->1 MB, 5 MB goal, 4 P
 *   1.18+    … 4->4->0 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 4 P
 *
 * with " (forced)" after a collection runtime.GC() or the periodic forced GC
 * asked for. The line may sit anywhere in a longer line (timestamps, syslog
 * or journald prefixes, a Docker JSON "log" field), so nothing is anchored.
 */
import type { GcEvent } from '../../shared/gc-event';
import { gcEvent, unknownRecord, type GcLogParser, type RecordHandler } from './gc-log-parser';
import { ModernLine } from './gctrace-modern';

const MIB = 1024 * 1024;
const encoder = new TextEncoder();

/** Go 1.0 to 1.4: the whole collection stopped the world. */
const LEGACY = /gc(\d+)\((\d+)\): ([\d+]+) (ms|us),? (\d+) -> (\d+) MB/y;

/** Cheap tests for "this line is GC output", to tell unknown lines from application output. */
const MODERN_HEAD = /(?:^|[^\w])gc \d+ @/;
const LEGACY_HEAD = /(?:^|[^\w])gc\d+\(\d+\):/;
const SCAVENGER = /(?:^|[^\w])(?:scvg\d*:|scav )/;
const PACER = /(?:^|[^\w])pacer: /;
const FORCED_NOTICE = /(?:^|[^\w])GC forced(?:$|[^\w])/;

/** Where the first "gc" that starts a word begins, or -1. */
function gcToken(text: string): number {
  let at = text.indexOf('gc');
  while (at > 0 && isWordChar(text.charCodeAt(at - 1))) at = text.indexOf('gc', at + 2);
  return at;
}

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

export class GctraceParser implements GcLogParser {
  readonly format = 'go-gctrace' as const;
  readonly recognised: Record<string, number> = { pacer: 0, scavenger: 0, 'forced-notice': 0 };
  private nextIsForced = false;
  private lastId: number | null = null;
  private run = 0;
  private readonly modern = new ModernLine();
  /** A decoded line from its `gc` on, back in UTF-8: ModernLine reads bytes only (a Buffer, like the reader's chunks, so its reads see one type). */
  private scratch = Buffer.alloc(1024);

  constructor(
    private readonly file: string,
    private readonly onRecord: RecordHandler,
  ) {}

  line(text: string, lineNo: number): void {
    // Nearly every gctrace line holds "gc"; application output mostly does not.
    const at = gcToken(text);
    if (at !== -1) {
      LEGACY.lastIndex = at;
      const event = this.modernEvent(text, at, lineNo) ?? this.legacyEvent(LEGACY.exec(text), lineNo);
      if (event) return this.emit(event);
      if (MODERN_HEAD.test(text) || LEGACY_HEAD.test(text)) {
        this.onRecord(unknownRecord(this.file, lineNo, text));
        return;
      }
    }
    if (PACER.test(text)) this.recognised.pacer!++;
    else if (SCAVENGER.test(text)) this.recognised.scavenger!++;
    else if (FORCED_NOTICE.test(text)) {
      this.recognised['forced-notice']!++;
      this.nextIsForced = true;
    }
  }

  /** A line that starts with a modern event, read from its bytes: what line() would do with it, without decoding it. */
  lineBytes(bytes: Uint8Array, start: number, end: number, lineNo: number): boolean {
    if (bytes[start] !== 103 || bytes[start + 1] !== 99 || bytes[start + 2] !== 32) return false;
    const event = this.modern.read(bytes, start, end, this.file, lineNo);
    if (event === null) return false;
    this.emit(event);
    return true;
  }

  end(): void {}

  /** Go 1.5 and later: the text from its `gc` on, read as UTF-8 bytes, as lineBytes reads them. */
  private modernEvent(text: string, at: number, lineNo: number): GcEvent | null {
    const rest = at === 0 ? text : text.slice(at);
    // Three bytes at most per UTF-16 unit, and a newline after them.
    if (rest.length * 3 >= this.scratch.length) this.scratch = Buffer.alloc(rest.length * 3 + 1);
    const { written } = encoder.encodeInto(rest, this.scratch);
    this.scratch[written] = 10;
    return this.modern.read(this.scratch, 0, written, this.file, lineNo);
  }

  private emit(event: GcEvent): void {
    if (this.nextIsForced) event.forced = true;
    this.nextIsForced = false;
    // GC numbers only go up within one process: a lower one is a new run
    // (a restarted service appending to the same file).
    if (event.id !== null && this.lastId !== null && event.id < this.lastId) {
      this.onRecord({ type: 'run-start', run: ++this.run, source: event.source });
    }
    this.lastId = event.id;
    this.onRecord(event);
  }

  private legacyEvent(m: RegExpExecArray | null, lineNo: number): GcEvent | null {
    if (!m) return null;
    const scale = m[4] === 'us' ? 1 / 1000 : 1;
    const pauseMs = m[3]!.split('+').reduce((sum, part) => sum + Number(part), 0) * scale;
    const heapAfterBytes = Number(m[6]) * MIB;
    return gcEvent({
      runtime: 'go',
      collector: 'go',
      kind: 'cycle',
      source: { file: this.file, line: lineNo },
      id: Number(m[1]),
      procs: Number(m[2]),
      pauseMs,
      heapBeforeBytes: Number(m[5]) * MIB,
      heapAfterBytes,
      // Before the concurrent collector the heap after a collection is what survived it.
      liveBytes: heapAfterBytes,
    });
  }
}
