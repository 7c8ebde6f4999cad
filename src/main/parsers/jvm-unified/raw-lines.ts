/**
 * The parser's byte path (GcLogParser.lineBytes): the lines of a gc* log
 * that JvmUnifiedParser.line() would only count, settled from their bytes
 * without being decoded. Most lines of such a log are detail of this kind
 * (gc,phases,ref, gc,age, gc,stats, G1's gc,phases sub-phases…), and
 * decoding is most of what a line costs. Anything else is declined and
 * goes to line(), which then takes the decorators already read here.
 */
import type { Collection, RegionSpace } from './collection';
import type { JvmCollector } from './context';
import type { Decorations } from './decorators';
import { RawDecorations } from './raw-decorations';
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

const CONCURRENT = Array.from('Concurrent ', (c) => c.charCodeAt(0));

/** What the byte path needs of the parser. */
export interface RawLineContext {
  /** False while every line must go to line(). */
  readonly takesBytes: boolean;
  /** False while every line with a GC(n) id must go to line(). */
  readonly takesIds: boolean;
  /** Takes in a line's uptime; false (nothing changed) when line() must see it: it starts a new run. */
  acceptUptime(sec: number): boolean;
  /** Takes in a line's GC(n) id as line() does. */
  seeId(id: number): void;
  pending(id: number): Collection | undefined;
  setCollector(name: JvmCollector, sure: boolean): void;
  recognise(category: string): void;
}

export class RawLines {
  private readonly deco: RawDecorations;
  /** The line last declined after its decorators were read, and its length in bytes (-1: none). */
  private declinedLineNo = -1;
  private declinedBytes = -1;
  /** Where the last read (an id, a number) ended. */
  private pos = 0;

  constructor(
    private readonly ctx: RawLineContext,
    private readonly classifier: TagClassifier,
  ) {
    this.deco = new RawDecorations(classifier);
  }

  /** GcLogParser.lineBytes. */
  take(b: Uint8Array, start: number, end: number, lineNo: number): boolean {
    const { ctx, deco } = this;
    this.declinedLineNo = -1;
    if (!ctx.takesBytes || !deco.read(b, start, end)) return false;
    const at = start + deco.messageStart;
    let category: string | null = null;
    if (deco.tag === Tag.NOT_GC) category = 'not-gc';
    else if (deco.tag === Tag.DETAIL) category = this.detail(b[at]);
    else if (deco.tag === Tag.PHASES || deco.tag === Tag.HEAP || deco.tag === Tag.MARKING || deco.tag === Tag.GC) category = this.idLine(b, at, end, lineNo);
    if (category !== null) {
      ctx.recognise(category);
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
   * Lines with a GC(n) id that line() only counts: under gc,phases a
   * sub-phase `GC(n) <name>: …` (not a pause or concurrent phase, P or C,
   * nor generational ZGC's: Y, O, a `y: ` marker); a concurrent phase that
   * starts (`Concurrent Mark From Roots`, no duration yet); and under
   * gc,heap G1's region counts of a collection under way.
   */
  private idLine(b: Uint8Array, at: number, end: number, lineNo: number): string | null {
    const id = this.gcId(b, at, end);
    if (id === -1 || !this.ctx.takesIds) return null;
    const body = this.pos;
    const c = b[body];
    const tag = this.deco.tag;
    if (tag === Tag.HEAP) {
      // A `y: ` / `Y: ` / `O: ` marker: generational ZGC.
      if ((c === 121 || c === 89 || c === 79) && b[body + 1] === 58 && b[body + 2] === 32) return null;
      return this.regions(b, body, end, id, lineNo) ? 'event-detail' : null;
    }
    let category: string;
    if (c === 67 && startsWith(b, body, end, CONCURRENT)) {
      // A lower-case name is Shenandoah's (line() infers the collector from it); a duration makes a record.
      const next = b[body + 11]!;
      if ((next >= 97 && next <= 122) || endsWithDuration(b, body + 11, end)) return null;
      category = 'phase-start';
    } else if (tag === Tag.PHASES && c !== 80 && c !== 67 && c !== 89 && c !== 79 && c !== 121) category = 'phase-detail';
    else return null;
    if (!this.acceptUptime()) return null;
    this.ctx.seeId(id);
    return category;
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

function startsWith(b: Uint8Array, at: number, end: number, literal: number[]): boolean {
  if (at + literal.length > end) return false;
  for (let i = 0; i < literal.length; i++) if (b[at + i] !== literal[i]) return false;
  return true;
}

/**
 * True when the line from `from` to `end` ends in a duration (`3.456ms`,
 * `1,2s`) as StepLine.read finds one: after the last space, past trailing
 * blanks, unless the text ends in `)`.
 */
function endsWithDuration(b: Uint8Array, from: number, end: number): boolean {
  let e = end;
  while (e > from && (b[e - 1] === 32 || b[e - 1] === 9 || b[e - 1] === 13)) e--;
  if (b[e - 1] === 41) return false;
  let i = e - 1;
  while (i >= from && b[i] !== 32) i--;
  if (i < from) return false;
  // sizes.ts readDurationMs: a decimal (comma allowed), then ms, s, us or ns, up to the end.
  i++;
  const start = i;
  while (b[i]! >= 48 && b[i]! <= 57 && i < e) i++;
  let digits = i - start;
  if ((b[i] === 46 || b[i] === 44) && b[i + 1]! >= 48 && b[i + 1]! <= 57 && i + 1 < e) {
    for (i++; b[i]! >= 48 && b[i]! <= 57 && i < e; i++) digits++;
  }
  if (digits === 0) return false;
  if (b[i] === 109 || b[i] === 117 || b[i] === 110) i++;
  else if (b[i] !== 115) return false;
  return b[i] === 115 && i + 1 === e;
}
