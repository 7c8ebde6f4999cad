/**
 * The JVM's GC log before unified logging (JDK 1.3 to 8): -verbose:gc /
 * PrintGC, PrintGCDetails with or without PrintGCDateStamps /
 * PrintGCTimeStamps / PrintGCID, for Serial, Parallel, ParNew/CMS, G1 and the
 * JDK 8 Shenandoah backport, plus PrintGCApplicationStoppedTime.
 *
 * A collection may span lines: other threads' output lands in the middle of
 * it (CMS and G1 concurrent phases, tenuring and TLAB tables, adaptive-size
 * and free-list statistics), and G1 prints its sizes on the lines after the
 * pause. The parser cuts the foreign output out, joins the rest until the
 * brackets balance (legacy-brackets.ts), and holds a finished collection
 * until its `[Times: …]` line or the next collection, so that G1's detail
 * lines reach it. Every collection is one event, emitted once.
 */
import type { GcEvent, ParsedRecord } from '../../../shared/gc-event';
import { unknownRecord, type GcLogParser, type RecordHandler } from '../gc-log-parser';
import { applyG1Sizes, g1DetailBody, isG1SizeLine } from './g1-detail';
import { depthAfter, parseNode, type ParsedNode } from './legacy-brackets';
import { buildEvent, collectorName, type Family } from './legacy-event';
import { extractFragments, type Extracted } from './legacy-fragments';
import { cutNoise, heapAtGcCollector, isVmBanner, NOISE_KINDS, noiseKind } from './legacy-noise';
import { looseDecorations, msFromSeconds, NUM, readDecorations, type Decorations } from './legacy-units';
import { ShenandoahCycles } from './shenandoah-legacy';

/** A collection whose brackets have not closed yet. */
interface OpenEvent {
  text: string;
  depth: number;
  decorations: Decorations;
  lines: Array<[number, string]>;
}

/** A collection that never closes within this many lines is given up as not understood. */
const MAX_OPEN_LINES = 64;
const MAX_OPEN_CHARS = 1 << 18;

const STOPPED = 'Total time for which application threads were stopped: ';
const STOPPED_TIMES = new RegExp(String.raw`^(${NUM}) seconds(?:, Stopping threads took: (${NUM}) seconds)?`);
/** What a line must show to count as GC output that was not understood. */
const GC_LIKE = /\d[BKMGT]?->\d|\d secs?\]|\[(?:Full GC|GC)\b|threads were stopped|\d ms\]/;
/** CMS's reference processing during preclean (PrintReferenceGC): `[Preclean SoftReferences, 0.0000049 secs]…`. */
const PRECLEAN_REFERENCES = /^\[Preclean \w+References, /;
const FLAG_COLLECTORS: ReadonlyArray<[string, Family]> = [
  ['+UseG1GC', 'G1'],
  ['+UseConcMarkSweepGC', 'CMS'],
  ['+UseParallelOldGC', 'Parallel'],
  ['+UseParallelGC', 'Parallel'],
  ['+UseSerialGC', 'Serial'],
  ['+UseShenandoahGC', 'Shenandoah'],
];

export class JvmLegacyParser implements GcLogParser {
  readonly format = 'jvm-legacy' as const;
  readonly recognised: Record<string, number> = Object.fromEntries(
    [...NOISE_KINDS, 'phase-marker', 'reference-gc', 'shenandoah'].map((kind) => [kind, 0]),
  );
  private open: OpenEvent | null = null;
  /** The last collection, until its details are read. */
  private held: GcEvent | null = null;
  private heldSized = false;
  /** The held collection was emitted on idle before G1's size line could reach it. */
  private releasedUnsized = false;
  /** A G1 detail line a concurrent fragment cut in two, waiting for its end. */
  private detailCarry = '';
  /** Text after a collection that closed mid-line, still to be read. */
  private rest: string | null = null;
  private hint: Family | null = null;
  /** Plain-PrintGC CMS prints both mark pauses alike; they alternate. */
  private cmsMarking = false;
  private run = 0;
  private sawOutput = false;
  private rotating = false;
  private lastUptime = Number.NEGATIVE_INFINITY;
  private readonly shenandoah: ShenandoahCycles;

  constructor(
    private readonly file: string,
    private readonly onRecord: RecordHandler,
  ) {
    this.shenandoah = new ShenandoahCycles(file, (record) => this.emit(record));
  }

  line(raw: string, lineNo: number): void {
    this.readLine(raw, lineNo);
    // What followed a collection on its line, read as a line of its own (in a
    // loop: a line may hold thousands of collections).
    while (this.rest !== null) {
      const rest = this.rest;
      this.rest = null;
      this.readLine(rest, lineNo, true);
    }
  }

  /** `isRest`: the text after a collection on a line already read, its fragments already cut. */
  private readLine(raw: string, lineNo: number, isRest = false): void {
    let text = raw.trimEnd();
    if (this.detailCarry) {
      text = this.detailCarry + text;
      this.detailCarry = '';
    }
    if (text.length === 0) return;
    if (!isRest && (text.includes('concurrent-') || text.includes('[G1Ergonomics'))) {
      const extracted = extractFragments(text);
      if (extracted) {
        this.takePhases(extracted, lineNo);
        text = extracted.rest.trimEnd();
        if (text.trim().length === 0) return;
      }
    }
    if (this.open && this.continueOpen(text, lineNo)) return;
    this.freshLine(text, lineNo);
  }

  end(): void {
    this.flushHeld();
    if (this.open) this.giveUp(this.open);
    this.shenandoah.flush();
  }

  /** The held collection only waits for its details; an open one and a Shenandoah cycle are still under way. */
  releaseHeld(): void {
    if (this.held && !this.heldSized) this.releasedUnsized = true;
    this.flushHeld();
  }

  private takePhases(extracted: Extracted, lineNo: number): void {
    if (extracted.ergonomics > 0) this.recognised['adaptive-size']! += extracted.ergonomics;
    for (const phase of extracted.phases) {
      if (phase.collector === 'legacy-CMS' && phase.durationMs === null) {
        if (phase.name === 'concurrent-mark') this.cmsMarking = true;
        else if (phase.name === 'concurrent-sweep') this.cmsMarking = false;
      }
      if (phase.durationMs === null) {
        this.recognised['phase-marker']!++;
        continue;
      }
      this.sawOutput = true;
      // Not through emit(): a phase may end inside a G1 pause's details, which must still reach the pause.
      this.onRecord({ type: 'phase', collector: phase.collector, id: phase.id, name: phase.name, startSec: phase.startSec, durationMs: phase.durationMs, source: { file: this.file, line: lineNo } });
    }
  }

  /** A line while a collection is open: noise is skipped, the rest joins the collection. */
  private continueOpen(text: string, lineNo: number): boolean {
    const open = this.open!;
    const noise = noiseKind(text);
    if (noise) {
      this.recognised[noise]!++;
      return true;
    }
    const decorations = readDecorations(text);
    const at = decorations.end;
    // A new collection starts and the open one was cut short; except under
    // CMSScavengeBeforeRemark, where the remark runs a young collection first
    // (which PrintHeapAtGC may have pushed onto a line of its own).
    if ((text.startsWith('[GC', at) || text.startsWith('[Full GC', at)) && !open.text.includes('[YG occupancy:')) {
      this.giveUp(open);
      return false;
    }
    if (text.includes(STOPPED) || text.includes('Application time:')) return false;
    const cut = cutNoise(text);
    if (cut.kind) this.recognised[cut.kind]!++;
    open.text += cut.text;
    open.depth = depthAfter(cut.text, open.depth);
    open.lines.push([lineNo, text]);
    if (open.depth <= 0) {
      this.open = null;
      this.finish(open.text, open.decorations, open.lines);
    } else if (open.lines.length > MAX_OPEN_LINES || open.text.length > MAX_OPEN_CHARS) this.giveUp(open);
    return true;
  }

  private freshLine(text: string, lineNo: number): void {
    const c = text.charCodeAt(0);
    if (c === 32 || c === 9) {
      // Most indented lines are G1's details.
      const detail = g1DetailBody(text);
      if (detail !== null) return this.g1Detail(text, detail, lineNo);
    } else if ((c >= 48 && c <= 57) || c === 91 /* [ */ || c === 35 /* # */) {
      const decorations = readDecorations(text);
      const at = decorations.end;
      if (text.startsWith('[GC', at) || text.startsWith('[Full GC', at)) {
        if (!text.startsWith('[GC Worker', at)) return this.startEvent(text, decorations, lineNo);
      } else if (text.startsWith('[Times: ', at)) {
        this.recognised.times!++;
        return this.flushHeld();
      } else if (text.charCodeAt(at) === 91 && this.shenandoah.step(text.slice(at), decorations, lineNo)) {
        this.noteUptime(decorations, lineNo);
        this.sawOutput = true;
        this.hint = 'Shenandoah';
        return void this.recognised.shenandoah!++;
      } else if (PRECLEAN_REFERENCES.test(text.slice(at))) {
        return void this.recognised['reference-gc']!++;
      }
    } else if (c === 44 /* , */ && this.shenandoah.metaspaceTail(text)) {
      return void this.recognised.shenandoah!++;
    }
    if (text.includes(STOPPED)) return this.safepoint(text, lineNo);
    if (text.includes('Application time:')) return void this.recognised['application-time']!++;
    if (c !== 32 && c !== 9) {
      const detail = g1DetailBody(text);
      if (detail !== null) return this.g1Detail(text, detail, lineNo);
    }
    this.otherLine(text, lineNo);
  }

  /** A line of G1's details (`body` from its `[`), its sizes, or a `[Times: …]`. */
  private g1Detail(text: string, body: string, lineNo: number): void {
    if (body.startsWith('[Times: ')) {
      this.recognised.times!++;
      return this.flushHeld();
    }
    if (isG1SizeLine(body)) {
      if (this.held && !this.heldSized && applyG1Sizes(body, this.held)) {
        this.heldSized = true;
        this.held.collector = collectorName('G1');
        this.hint = 'G1';
        this.recognised['g1-detail']!++;
      } else if (this.releasedUnsized) {
        // Its collection was released on idle: counted, not applied to a record already out.
        this.releasedUnsized = false;
        this.hint = 'G1';
        this.recognised['g1-detail']!++;
      } else this.onRecord(unknownRecord(this.file, lineNo, text));
      return;
    }
    // A size line a concurrent fragment broke in two: `   [` and ` 7399M->4700M(10240M)]`.
    if (body === '[') this.detailCarry = text;
    else this.recognised['g1-detail']!++;
  }

  private otherLine(text: string, lineNo: number): void {
    const noise = noiseKind(text);
    if (noise) {
      this.recognised[noise]!++;
      if (noise === 'header') this.header(text, lineNo);
      else if (noise === 'log-rotation') this.rotating = true;
      else if (noise === 'heap-at-gc') this.hint = heapAtGcCollector(text) ?? this.hint;
      return;
    }
    if (!GC_LIKE.test(text)) {
      // PrintHeapAtGC lines a concurrent fragment broke still name the heap.
      if (text.includes('garbage-first heap')) this.hint = 'G1';
      // Shenandoah's notes between steps and its statistics tables.
      else if (this.hint === 'Shenandoah') this.recognised.shenandoah!++;
      return;
    }
    // A collection behind a prefix someone else wrote (`**** Error <date>\t[GC …]`).
    const at = Math.max(text.indexOf('[GC '), text.indexOf('[Full GC'));
    if (at > 0) return this.startEvent(text.slice(at), { ...looseDecorations(text.slice(0, at)), end: 0 }, lineNo);
    this.onRecord(unknownRecord(this.file, lineNo, text));
  }

  private header(text: string, lineNo: number): void {
    if (isVmBanner(text)) {
      // The banner opens every log file; after collections it is a new JVM,
      // unless the log was just rotated into a new file by the same JVM.
      if (this.sawOutput && !this.rotating) this.newRun(lineNo);
      this.rotating = false;
      this.lastUptime = Number.NEGATIVE_INFINITY;
    } else if (text.startsWith('CommandLine flags: ')) {
      const flag = FLAG_COLLECTORS.find(([name]) => text.includes(name));
      if (flag) this.hint = flag[1];
    }
  }

  private newRun(lineNo: number): void {
    this.shenandoah.flush();
    this.cmsMarking = false;
    this.sawOutput = false;
    this.emit({ type: 'run-start', run: ++this.run, source: { file: this.file, line: lineNo } });
  }

  /** Uptime only grows within one JVM: going back is a new run with no banner. */
  private noteUptime(decorations: Decorations, lineNo: number): void {
    const uptime = decorations.startSec;
    if (uptime === null) return;
    if (uptime < this.lastUptime && this.sawOutput) this.newRun(lineNo);
    this.lastUptime = uptime;
  }

  /** PrintGCApplicationStoppedTime, whose decorations another thread may have garbled. */
  private safepoint(text: string, lineNo: number): void {
    const at = text.indexOf(STOPPED);
    const m = STOPPED_TIMES.exec(text.slice(at + STOPPED.length));
    if (!m) return this.onRecord(unknownRecord(this.file, lineNo, text));
    const strict = readDecorations(text);
    const decorations = strict.end === at ? strict : looseDecorations(text.slice(0, at));
    this.noteUptime(decorations, lineNo);
    this.sawOutput = true;
    this.emit({
      type: 'safepoint',
      name: null,
      startSec: decorations.startSec,
      wallTime: decorations.wallTime,
      stoppedMs: msFromSeconds(m[1]!),
      reachingMs: m[2] === undefined ? null : msFromSeconds(m[2]),
      source: { file: this.file, line: lineNo },
    });
  }

  private startEvent(text: string, decorations: Decorations, lineNo: number): void {
    // A new collection: the one before has had all its detail lines.
    this.flushHeld();
    this.releasedUnsized = false;
    this.noteUptime(decorations, lineNo);
    // Most collections close on their own line: parse up to the close, not the whole line.
    const parsed = parseNode(text, decorations.end);
    if (parsed) return this.finish(text, decorations, [[lineNo, text]], parsed);
    const cut = cutNoise(text);
    if (cut.kind) this.recognised[cut.kind]!++;
    const depth = depthAfter(cut.text, 0);
    if (depth > 0) this.open = { text: cut.text, depth, decorations, lines: [[lineNo, text]] };
    else this.finish(cut.text, decorations, [[lineNo, text]]);
  }

  private finish(text: string, decorations: Decorations, lines: Array<[number, string]>, known?: ParsedNode): void {
    const first = lines[0]![0];
    const parsed = known ?? parseNode(text, decorations.end);
    const built = parsed && buildEvent({ root: parsed.node, decorations, file: this.file, line: first, hint: this.hint });
    if (!built) return this.giveUp({ text, depth: 0, decorations, lines });
    const { event } = built;
    // What a collection shows of its old generation or pause names outweighs
    // a guess from a young generation alone (DefNew runs under CMS too).
    if (built.evidence && (built.strong || !this.hint)) this.hint = built.evidence;
    if (built.occupancyOnly) {
      event.kind = this.cmsMarking ? 'remark' : 'initial-mark';
      this.cmsMarking = !this.cmsMarking;
    } else if (event.kind === 'initial-mark' && event.collector === 'legacy-CMS') this.cmsMarking = true;
    else if (event.kind === 'remark' || event.kind === 'full') this.cmsMarking = false;
    this.flushHeld();
    this.sawOutput = true;
    this.rotating = false;
    this.held = event;
    this.heldSized = false;
    const rest = text.slice(parsed!.end).trim();
    if (rest.length === 0) return;
    if (rest.startsWith('[Times: ')) {
      this.recognised.times!++;
      this.flushHeld();
    } else if (GC_LIKE.test(rest)) this.rest = rest;
  }

  private giveUp(open: OpenEvent): void {
    if (this.open === open) this.open = null;
    for (const [lineNo, text] of open.lines) this.onRecord(unknownRecord(this.file, lineNo, text));
  }

  private flushHeld(): void {
    const held = this.held;
    if (!held) return;
    this.held = null;
    this.onRecord(held);
  }

  private emit(record: ParsedRecord): void {
    this.flushHeld();
    this.onRecord(record);
  }
}
