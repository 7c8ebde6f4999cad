/**
 * The parser's byte path (GcLogParser.lineBytes): lines of a gc* log
 * settled from their bytes without being decoded, with exactly the outcome
 * JvmUnifiedParser.line() would have. Most are detail line() only counts
 * (gc,phases,ref, gc,age, gc,stats, G1's sub-phases…); the common lines
 * that feed a collection under way are read here too: G1's region and
 * metaspace lines, ZGC's heap table, concurrent phases with their duration,
 * and G1/Parallel pauses (raw-pauses.ts). Decoding is most of what a line
 * costs. Anything else is declined and goes to line(), which then takes the
 * decorators already read here.
 */
import { ZTable, type RegionSpace } from './collection';
import type { ParsedRecord, SourceRef } from '../../../shared/gc-event';
import type { JvmCollector } from './context';
import type { Decorations } from './decorators';
import { RawDecorations } from './raw-decorations';
import { phaseRecord } from './phases';
import { RawPauses, type RawPauseContext } from './raw-pauses';
import { StepNames, trailingDurationMs } from './raw-steps';
import { unitBytes } from './sizes';
import { applyZgcRow, OTHER_ROWS } from './zgc';
import { Tag, type TagClassifier } from './tags';

/** G1's region lines (generational.ts reads them in text): `GC(3) Eden regions: 3->0(4)`. */
const REGION_LABELS: Array<[number[], RegionSpace]> = (
  [
    ['Eden regions: ', 'eden'],
    ['Survivor regions: ', 'survivor'],
    ['Old regions: ', 'old'],
    ['Humongous regions: ', 'humongous'],
    ['Archive regions: ', 'archive'],
  ] as const
).map(([label, space]) => [Array.from(label, (c) => c.charCodeAt(0)), space]);

const CONCURRENT = bytesOf('Concurrent ');
const PAUSE = bytesOf('Pause ');
/** zgc.ts isZgcPause: the names, with no group after them. */
const ZGC_PAUSES = ['Mark Start', 'Mark End', 'Relocate Start'].map(bytesOf);
/** The metaspace line of a collection (generational.ts heapLine): `GC(3) Metaspace: 14539K->14539K(1062912K)`. */
const METASPACE = bytesOf('Metaspace: ');
const MARK_START = bytesOf('Mark Start');
const HIGH = bytesOf('High');
const USED = bytesOf('Used:');
const CAPACITY = bytesOf('Capacity:');
const LIVE = bytesOf('Live:');
const OTHER_ROW_BYTES = OTHER_ROWS.map(bytesOf);

/**
 * What take() does with a line by its tags' class, and the classes (and
 * ZGC tables) idLine() tells apart, read from Tag and ZTable once: the hot
 * path reads no imported binding, which a test runner's module system
 * (vitest, where the bench runs) turns into a getter call each time.
 */
const Route = { DECLINE: 0, NOT_GC: 1, DETAIL: 2, ID_LINE: 3 } as const;
const ROUTES: number[] = Array.from({ length: Math.max(...Object.values(Tag)) + 1 }, () => Route.DECLINE);
ROUTES[Tag.NOT_GC] = Route.NOT_GC;
ROUTES[Tag.DETAIL] = Route.DETAIL;
for (const tag of [Tag.PHASES, Tag.HEAP, Tag.METASPACE, Tag.MARKING, Tag.GC, Tag.START]) ROUTES[tag] = Route.ID_LINE;
const { HEAP, PHASES, METASPACE: METASPACE_TAG } = Tag;
const { HEAP: HEAP_TABLE, NONE: NO_TABLE } = ZTable;

/** What the byte path needs of the parser. */
export interface RawLineContext extends RawPauseContext {
  /** False while every line must go to line(). */
  readonly takesBytes: boolean;
  /** False while every line with a GC(n) id must go to line(). */
  readonly takesIds: boolean;
  /** Takes in a line's uptime; false (nothing changed) when line() must see it: it starts a new run. */
  acceptUptime(sec: number): boolean;
  /** Takes in a line's GC(n) id as line() does. */
  seeId(id: number): void;
  setCollector(name: JvmCollector, sure: boolean): void;
  emit(record: ParsedRecord): void;
  /** Line `lineNo` of the log as a source reference. */
  sourceAt(lineNo: number): SourceRef;
}

export class RawLines {
  private readonly deco: RawDecorations;
  /** The line last declined after its decorators were read, and its length in bytes (-1: none). */
  private declinedLineNo = -1;
  private declinedBytes = -1;
  private readonly names = new StepNames();
  private readonly pauses: RawPauses;
  /** The space before a line's trailing duration. */
  private readonly space = { pos: 0 };
  /** Where the last read (an id, a number) ended. */
  private pos = 0;
  /** A ZGC table row's cells. */
  private readonly row = [0, 0, 0, 0, 0, 0];

  constructor(
    private readonly ctx: RawLineContext,
    private readonly classifier: TagClassifier,
  ) {
    this.deco = new RawDecorations(classifier);
    this.pauses = new RawPauses(ctx);
  }

  /** GcLogParser.lineBytes. */
  take(b: Uint8Array, start: number, end: number, lineNo: number): boolean {
    const { ctx, deco } = this;
    this.declinedLineNo = -1;
    if (!ctx.takesBytes || !deco.read(b, start, end)) return false;
    const at = start + deco.messageStart;
    let category: string | null = null;
    const route = ROUTES[deco.tag];
    if (route === Route.NOT_GC) category = 'not-gc';
    else if (route === Route.DETAIL) category = this.detail(b[at]);
    else if (route === Route.ID_LINE) category = this.idLine(b, at, end, lineNo);
    if (category !== null) {
      if (category !== '') ctx.recognise(category);
      return true;
    }
    this.declinedLineNo = lineNo;
    this.declinedBytes = end - start;
    return false;
  }

  /**
   * When line() gets the line take() just declined, and its text has one
   * char per byte, the decorators read from its bytes are its own: they go
   * into `into` (with the tag class, as TagClassifier would answer), and the
   * tag class is returned; else null.
   */
  declined(text: string, lineNo: number, into: Decorations): Tag | null {
    const yes = this.declinedLineNo === lineNo && this.declinedBytes === text.length;
    this.declinedLineNo = -1;
    if (!yes) return null;
    into.adopt(text, this.deco);
    this.classifier.detail = this.deco.detail;
    return this.deco.tag;
  }

  /** A detail line's category, or null to decline. */
  private detail(firstOfMessage: number | undefined): string | null {
    const { deco } = this;
    // line() reads `Heap region size: …` and `Initializing The Z Garbage Collector` off header lines.
    if (deco.detail === 'header' && (firstOfMessage === 72 /* H */ || firstOfMessage === 73) /* I */) return null;
    return this.acceptUptime() ? deco.detail : null;
  }

  /**
   * Lines with a GC(n) id: under gc,phases a sub-phase `GC(n) <name>: …`
   * (not a pause or concurrent phase, P or C, nor generational ZGC's: Y, O,
   * a `y: ` marker), only counted; a concurrent phase, opening or with its
   * duration; a pause; and under gc,heap or gc,metaspace the spaces of a
   * collection under way. Answers the category to count, '' for a line
   * taken but not counted, or null to decline.
   */
  private idLine(b: Uint8Array, at: number, end: number, lineNo: number): string | null {
    const id = this.gcId(b, at, end);
    if (id === -1 || !this.ctx.takesIds) return null;
    const body = this.pos;
    const c = b[body];
    const tag = this.deco.tag;
    if (tag === HEAP || tag === METASPACE_TAG) {
      // A `y: ` / `Y: ` / `O: ` marker: generational ZGC.
      if ((c === 121 || c === 89 || c === 79) && b[body + 1] === 58 && b[body + 2] === 32) return null;
      if (this.regions(b, body, end, id, lineNo) || this.metaspace(b, body, end, id, lineNo)) return 'event-detail';
      return tag === HEAP ? this.zgcRow(b, body, end, id, lineNo) : null;
    }
    let category: string;
    if (c === 67 && startsWith(b, body, end, CONCURRENT)) {
      // A lower-case name is Shenandoah's (line() infers the collector from it); a duration makes a record.
      const next = b[body + 11]!;
      if (next >= 97 && next <= 122) return null;
      const ms = trailingDurationMs(b, body + 11, end, this.space);
      if (!Number.isNaN(ms)) return this.phase(b, body, id, ms, lineNo);
      category = 'phase-start';
    } else if (c === 80 && startsWith(b, body, end, PAUSE)) {
      const zgc = this.zgcPause(b, body, end, id, lineNo);
      if (zgc !== null) return zgc;
      const { deco } = this;
      const accept = (): boolean => {
        if (!this.acceptUptime()) return false;
        this.ctx.seeId(id);
        return true;
      };
      return this.pauses.line(b, body + 6, end, id, lineNo, deco.uptimeSec, () => deco.wallText(b, at - deco.messageStart), accept) ? '' : null;
    } else if (tag === PHASES && c !== 80 && c !== 67 && c !== 89 && c !== 79 && c !== 121) category = 'phase-detail';
    else return null;
    if (!this.acceptUptime()) return null;
    this.ctx.seeId(id);
    return category;
  }

  /**
   * A concurrent phase with its duration (phases.ts concurrentLine) under
   * a collector whose phases make only a record; '' (taken, not counted)
   * or null to decline. The name ends at the space before the duration.
   */
  private phase(b: Uint8Array, body: number, id: number, ms: number, lineNo: number): string | null {
    const { ctx } = this;
    const collector = ctx.collector;
    if (ms < 0 || collector === 'Shenandoah') return null;
    // ZGC's collections are cycles: the phase adds to one under way.
    const zgc = collector === 'ZGC' || collector === 'ZGC-generational' ? ctx.pending(id) : null;
    const name = zgc === undefined ? null : this.names.name(b, body, this.space.pos);
    if (name === null || !this.acceptUptime()) return null;
    ctx.seeId(id);
    ctx.emit(phaseRecord(collector, id, name, this.deco.uptimeSec, ms, ctx.sourceAt(lineNo)));
    if (zgc) {
      zgc.lastLine = lineNo;
      zgc.concurrentMs += ms;
      zgc.concurrentPhases++;
    }
    return '';
  }

  /** ZGC's `Pause Mark Start 0.007ms` (zgc.ts pause) into the collection under way; '' (taken, not counted) or null to decline. */
  private zgcPause(b: Uint8Array, body: number, end: number, id: number, lineNo: number): string | null {
    const ms = trailingDurationMs(b, body + 6, end, this.space);
    const nameEnd = this.space.pos;
    if (!(ms >= 0) || !ZGC_PAUSES.some((name) => body + 6 + name.length === nameEnd && startsWith(b, body + 6, end, name))) return null;
    const c = this.ctx.pending(id);
    if (c === undefined || !this.acceptUptime()) return null;
    this.ctx.seeId(id);
    if (this.ctx.collector !== 'ZGC-generational') this.ctx.setCollector('ZGC', false);
    c.lastLine = lineNo;
    c.pauseMs += ms;
    c.pauses++;
    return '';
  }

  /** `Eden regions: 3->0(4)` at `at`, into the pending collection `id`; false (nothing changed) to decline. */
  private regions(b: Uint8Array, at: number, end: number, id: number, lineNo: number): boolean {
    const label = REGION_LABELS.find(([bytes]) => bytes[0] === b[at]);
    if (label === undefined || !startsWith(b, at, end, label[0])) return false;
    const before = this.int(b, at + label[0].length, end);
    let i = this.pos;
    if (Number.isNaN(before) || b[i] !== 45 || b[i + 1] !== 62 || i + 1 >= end) return false;
    const after = this.int(b, i + 2, end);
    i = this.pos;
    const target = b[i] === 40 && i < end ? this.int(b, i + 1, end) : Number.NaN;
    const c = Number.isNaN(after) ? undefined : this.ctx.pending(id);
    // A collection not under way would be made from the decoded line's time: left to line().
    if (c === undefined || !this.acceptUptime()) return false;
    this.ctx.seeId(id);
    this.ctx.setCollector('G1', false);
    c.lastLine = lineNo;
    c.setRegions(label[1], before, after, target);
    return true;
  }

  /** `Metaspace: A->B(C)` up to the line's end at `at`, into the pending collection `id`; false (nothing changed) to decline. */
  private metaspace(b: Uint8Array, at: number, end: number, id: number, lineNo: number): boolean {
    if (!startsWith(b, at, end, METASPACE)) return false;
    const before = this.size(b, at + METASPACE.length, end);
    let i = this.pos;
    if (Number.isNaN(before) || b[i] !== 45 || b[i + 1] !== 62 || i + 1 >= end) return false;
    const after = this.size(b, i + 2, end);
    i = this.pos;
    const committed = b[i] === 40 && i < end ? this.size(b, i + 1, end) : Number.NaN;
    i = this.pos;
    // Anything else (JDK 17's `A(Ca)->B(Cb) NonClass: …`, decimals) is read by line().
    if (Number.isNaN(after) || Number.isNaN(committed) || b[i] !== 41 || i + 1 !== end) return false;
    const c = this.ctx.pending(id);
    if (c === undefined || !this.acceptUptime()) return false;
    this.ctx.seeId(id);
    c.lastLine = lineNo;
    c.setGeneration('metaspace', before, after, committed);
    return true;
  }

  /**
   * A row of ZGC's heap table (zgc.ts tableLine): the rows it only counts,
   * and `Used:`, `Capacity:`, `Live:` read into the collection's table.
   */
  private zgcRow(b: Uint8Array, at: number, end: number, id: number, lineNo: number): string | null {
    while (b[at] === 32 && at < end) at++;
    if (startsWith(b, at, end, MARK_START)) {
      // The header: a six-column table (up to `High`) is the whole heap's.
      const c = this.ctx.pending(id);
      if (c === undefined || !this.acceptUptime()) return null;
      this.ctx.seeId(id);
      c.lastLine = lineNo;
      for (let i = at; i + HIGH.length <= end; i++) {
        if (startsWith(b, i, end, HIGH)) {
          c.table = HEAP_TABLE;
          break;
        }
      }
      return 'event-detail';
    }
    const row = startsWith(b, at, end, USED) ? 1 : startsWith(b, at, end, CAPACITY) ? 2 : startsWith(b, at, end, LIVE) ? 3 : 0;
    if (row === 0 && !OTHER_ROW_BYTES.some((label) => startsWith(b, at, end, label))) return null;
    const c = row === 0 ? undefined : this.ctx.pending(id);
    const read = c !== undefined && c.table !== NO_TABLE;
    const n = read ? this.cells(b, at + (row === 2 ? CAPACITY.length : USED.length), end) : 0;
    if (n === -1 || !this.acceptUptime()) return null;
    this.ctx.seeId(id);
    if (read) applyZgcRow(c, row, n, this.row);
    return 'event-detail';
  }

  /** ZgcReader.readCells from bytes: `104M (10%)   -   65M (7%) …` into `row`; how many, or -1 for a decimal size (left to line()). */
  private cells(b: Uint8Array, i: number, end: number): number {
    const row = this.row;
    let n = 0;
    while (n < row.length) {
      while (b[i] === 32 && i < end) i++;
      if (i >= end) break;
      if (b[i] === 45) {
        row[n++] = Number.NaN;
        i++;
        continue;
      }
      const v = this.int(b, i, end);
      i = this.pos;
      if ((b[i] === 46 || b[i] === 44) && i < end) return -1;
      const unit = i < end ? unitBytes(b[i]!) : Number.NaN;
      if (Number.isNaN(v) || Number.isNaN(unit)) break;
      row[n++] = v * unit;
      i++;
      while (b[i] === 32 && i < end) i++;
      if (b[i] === 40 && i < end) {
        while (i < end && b[i] !== 41) i++;
        if (i === end) break;
        i++;
      }
    }
    return n;
  }

  /** A whole number and its unit (`14539K`) at `at` in bytes, with `pos` after it; NaN when there is none. */
  private size(b: Uint8Array, at: number, end: number): number {
    const n = this.int(b, at, end);
    const i = this.pos;
    const unit = i < end ? unitBytes(b[i]!) : Number.NaN;
    this.pos = i + 1;
    return n * unit;
  }

  /** An unsigned integer at `at` (TextScanner.int), with `pos` after it; NaN when there is none. */
  private int(b: Uint8Array, at: number, end: number): number {
    let i = at;
    let value = 0;
    for (let c = b[i]!; c >= 48 && c <= 57 && i < end; c = b[++i]!) value = value * 10 + (c - 48);
    this.pos = i;
    return i === at ? Number.NaN : value;
  }

  /** The id of `GC(n) ` at `at`, as line() reads it, with `pos` after it; else -1. */
  private gcId(b: Uint8Array, at: number, end: number): number {
    if (b[at] !== 71 || b[at + 1] !== 67 || b[at + 2] !== 40) return -1;
    const id = this.int(b, at + 3, end);
    const i = this.pos;
    if (Number.isNaN(id) || b[i] !== 41 || b[i + 1] !== 32 || i + 1 >= end) return -1;
    this.pos = i + 2;
    return id;
  }

  private acceptUptime(): boolean {
    const sec = this.deco.uptimeSec;
    return Number.isNaN(sec) || this.ctx.acceptUptime(sec);
  }
}

function bytesOf(literal: string): number[] {
  return Array.from(literal, (c) => c.charCodeAt(0));
}

function startsWith(b: Uint8Array, at: number, end: number, literal: number[]): boolean {
  if (at + literal.length > end) return false;
  for (let i = 0; i < literal.length; i++) if (b[at + i] !== literal[i]) return false;
  return true;
}
