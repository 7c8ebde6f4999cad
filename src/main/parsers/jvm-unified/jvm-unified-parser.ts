/**
 * JDK 9+ unified GC logging (`-Xlog:gc*`, JEP 158/271), every collector:
 * G1, Parallel, Serial, CMS (JDK 9–13), Shenandoah, ZGC and generational
 * ZGC (JDK 21+). One GcEvent per collection, keyed by its GC(n) id: the
 * lines of one id are spread over many log lines and interleave with other
 * ids (G1's concurrent cycle with young pauses, a generational ZGC minor
 * collection inside a major one), so each id is assembled apart and emitted
 * when the line that completes it arrives (or at the end).
 *
 * A line is decorations (decorators.ts), an optional `GC(n) ` and a message.
 * Each line ends as one of: part of an event, a record of its own (phase,
 * safepoint, run start), a count under `recognised` (detail we do not
 * need), or an unknown record when it looks like GC output (a gc tag or a
 * GC(n) id) but was not understood. This runs on every line of logs of
 * hundreds of MB: char-code and prefix checks come first, a line that is
 * only counted allocates nothing, and most such lines are counted from
 * their bytes before they are even decoded (raw-lines.ts).
 */
import type { GcEvent, GcKind, ParsedRecord, SourceRef } from '../../../shared/gc-event';
import { unknownRecord, type GcLogParser, type RecordHandler } from '../gc-log-parser';
import { TextScanner } from '../text-scanner';
import type { Collection } from './collection';
import { PendingCollections } from './pending-collections';
import type { CurrentLine, JvmCollector, UnifiedContext } from './context';
import { Decorations } from './decorators';
import { spaceLabel, StwReader, stwKind } from './generational';
import { CategoryCounts, carriesPauseOrTransition, informationalCategory } from './informational';
import { SafepointReader } from './safepoint';
import { isShenandoahCyclePause, ShenandoahReader } from './shenandoah';
import { concurrentLine } from './phases';
import { readSize } from './sizes';
import { StepLine } from './step-line';
import { collectorOfHeader, HEADER_PREFIX } from './detect';
import { RawLines, type RawLineContext } from './raw-lines';

export { looksLikeJvmUnified } from './detect';
import { Tag, TAG_CATEGORY, TagClassifier } from './tags';
import { isZgcPause, ZgcReader } from './zgc';

/** Tag's classes read once: every line compares them, and a test runner's module system makes each read of an imported binding a getter call. */
const { DETAIL, GC, HEAP, METASPACE, NONE, NOT_GC, PHASES, SAFEPOINT } = Tag;
/** An uptime this much below the highest seen so far starts a new JVM run (lines from threads can be a little out of order). */
const RUN_BACKJUMP_SEC = 0.5;

export class JvmUnifiedParser implements GcLogParser, UnifiedContext, RawLineContext {
  readonly format = 'jvm-unified' as const;
  readonly current: CurrentLine = { text: '', lineNo: 0, id: -1, prefix: 0, body: 0, sec: null };
  readonly step = new StepLine();
  readonly scan = new TextScanner();
  collector: JvmCollector | null = null;
  regionBytes: number | null = null;

  private collectorSure = false;
  private readonly deco = new Decorations();
  private readonly tags = new TagClassifier();
  private readonly raw = new RawLines(this, this.tags);
  private readonly collections: PendingCollections;
  private readonly stw = new StwReader(this);
  private readonly zgc = new ZgcReader(this);
  private readonly shenandoah = new ShenandoahReader(this);
  private readonly safepoints = new SafepointReader(this);
  private readonly counts = new CategoryCounts();
  private run = 0;
  private maxSec = Number.NEGATIVE_INFINITY;
  /** True once this run has shown a GC(n) line: a `Using …` header after that is a new JVM. */
  private runHasGc = false;

  constructor(
    private readonly file: string,
    private readonly onRecord: RecordHandler,
  ) {
    this.collections = new PendingCollections(file, this);
  }

  line(text: string, lineNo: number): void {
    if (text.length === 0) return;
    const d = this.deco;
    // A line lineBytes declined comes with its decorators read: they are taken, not read again.
    const tag = this.raw.declined(text, lineNo, d) ?? (d.parse(text) ? this.tags.classify(text, d.tagsStart) : NONE);
    if (tag === NOT_GC) return this.recognise('not-gc');
    const li = this.current;
    li.text = text;
    li.lineNo = lineNo;
    const sec = d.uptimeSec;
    li.sec = Number.isNaN(sec) ? null : sec;
    if (li.sec !== null && !this.acceptUptime(li.sec)) this.newRun();
    if (tag === DETAIL) {
      if (this.tags.detail === 'header' && this.header(d.messageStart)) return;
      return this.recognise(this.tags.detail);
    }
    // `GC(n) `, then generational ZGC's `y: ` / `Y: ` / `O: `.
    let at = d.messageStart;
    let id = -1;
    if (text.charCodeAt(at) === 71 && text.charCodeAt(at + 1) === 67 && text.charCodeAt(at + 2) === 40) {
      let i = at + 3;
      let n = 0;
      for (let c = text.charCodeAt(i); c >= 48 && c <= 57; c = text.charCodeAt(++i)) n = n * 10 + (c - 48);
      if (i > at + 3 && text.charCodeAt(i) === 41 && text.charCodeAt(i + 1) === 32) {
        id = n;
        at = i + 2;
      }
    }
    li.id = id;
    li.prefix = 0;
    if (id !== -1) {
      const p = text.charCodeAt(at);
      if ((p === 121 || p === 89 || p === 79) && text.charCodeAt(at + 1) === 58 && text.charCodeAt(at + 2) === 32) {
        li.prefix = p;
        at += 3;
      }
      this.seeId(id);
    }
    li.body = at;
    if (tag === SAFEPOINT || (tag === NONE && id === -1)) {
      if (this.safepointLine(at)) return;
      if (tag === SAFEPOINT) return this.recognise('safepoint-detail');
    }
    if (id !== -1 ? this.idLine(tag) : this.plainLine()) return;
    const category = informationalCategory(text, at, id !== -1);
    if (category !== null) return this.recognise(category);
    if (!carriesPauseOrTransition(text, at)) {
      // Detail under a sub-tag is counted; so is whatever a log without tags holds beside its GC lines.
      const byTag = TAG_CATEGORY[tag];
      if (byTag !== undefined) return this.recognise(byTag);
      if (tag === NONE && id === -1) return this.recognise('untagged');
    }
    this.onRecord(unknownRecord(this.file, lineNo, text));
  }

  lineBytes(bytes: Uint8Array, start: number, end: number, lineNo: number): boolean {
    return this.raw.take(bytes, start, end, lineNo);
  }

  end(): void {
    this.flushAll(true);
  }

  /** Only a held full GC is complete yet pending; the ids under way (a G1 or Shenandoah concurrent cycle can run for minutes) stay. */
  releaseHeld(): void {
    this.stw.release();
  }

  // RawLineContext

  /** At the end of the log an open Shenandoah cycle is timed by the last line line() saw. */
  get takesBytes(): boolean {
    return !this.shenandoah.cycleOpen;
  }

  get takesIds(): boolean {
    return this.collector !== 'Shenandoah';
  }

  acceptUptime(sec: number): boolean {
    if (sec < this.maxSec - RUN_BACKJUMP_SEC) return false;
    if (sec > this.maxSec) this.maxSec = sec;
    return true;
  }

  seeId(id: number): void {
    this.runHasGc = true;
    if (this.stw.endsHold(id)) this.stw.flush();
    if (this.collector === 'Shenandoah') this.shenandoah.seeId(id);
  }

  // UnifiedContext

  setCollector(name: JvmCollector, sure: boolean): void {
    if (this.collectorSure && !(name === 'ZGC-generational' && this.collector === 'ZGC')) return;
    if (!sure && this.collector !== null && !(name === 'ZGC-generational' && this.collector === 'ZGC')) return;
    this.collector = name;
    if (sure) this.collectorSure = true;
  }

  collection(id: number): Collection {
    const c = this.collections.get(id);
    if (c) {
      c.lastLine = this.current.lineNo;
      return c;
    }
    return this.open(id, this.current.lineNo, this.current.sec, this.wall());
  }

  open(id: number, lineNo: number, sec: number | null, wall: string | null): Collection {
    return this.collections.open(id, lineNo, sec, wall);
  }

  pending(id: number): Collection | undefined {
    return this.collections.get(id);
  }

  finish(c: Collection, kind: GcKind, collector?: string): GcEvent {
    return this.finishAt(c, kind, this.current.sec, this.wall(), collector);
  }

  finishAt(c: Collection, kind: GcKind, sec: number | null, wall: string | null, collector?: string): GcEvent {
    return this.collections.finish(c, kind, sec, wall, collector);
  }

  /** True while a full GC is held (or was released) for a young collection that may enclose it. */
  get holdingFull(): boolean {
    return this.stw.holding;
  }

  emitEvent(event: GcEvent): void {
    this.onRecord(event);
  }

  emit(record: ParsedRecord): void {
    this.onRecord(record);
  }

  recognise(category: string): void {
    this.counts.add(category);
  }

  /** Lines recognised as GC output that make no record of their own, by category. */
  get recognised(): Readonly<Record<string, number>> {
    return this.counts.snapshot();
  }

  source(): SourceRef {
    return this.sourceAt(this.current.lineNo);
  }

  sourceAt(lineNo: number): SourceRef {
    return { file: this.file, line: lineNo };
  }

  wall(): string | null {
    return this.deco.wallTime();
  }

  // Dispatch

  /** A line with a GC(n) id; false when no reader took it. */
  private idLine(tag: Tag): boolean {
    const { text, body } = this.current;
    const c = text.charCodeAt(body);
    if ((tag === HEAP || tag === METASPACE) && this.current.prefix === 0) {
      if (this.stw.heapLine()) {
        this.recognise('event-detail');
        return true;
      }
      return tag === HEAP && this.zgc.tableLine();
    }
    // gc,phases sub-phase timings are the bulk of a G1 gc* log: settle them at once.
    if (tag === PHASES && this.current.prefix === 0 && c !== 80 && c !== 67 && c !== 89 && c !== 79) {
      this.recognise('phase-detail');
      return true;
    }
    switch (c) {
      case 80: // P
        if (text.startsWith('Pause ', body)) return this.pause();
        break;
      case 67: // C
        if (text.startsWith('Concurrent ', body)) return concurrentLine(this, this.shenandoah);
        if (text.startsWith('Cancelling GC: ', body)) {
          this.shenandoah.cancel(text, body + 15);
          this.recognise('event-detail');
          return true;
        }
        break;
      case 84: // T
        if (text.startsWith('To-space exhausted', body)) {
          this.collection(this.current.id).note('To-space exhausted');
          this.recognise('event-detail');
          return true;
        }
        break;
      case 71: // G
        if (text.startsWith('Garbage Collection (', body)) return this.zgc.collectionLine('Garbage');
        break;
      case 77: // M
        if (text.startsWith('Minor Collection (', body)) return this.zgc.collectionLine('Minor');
        if (text.startsWith('Major Collection (', body)) return this.zgc.collectionLine('Major');
        break;
      case 89: // Y
        if (text.startsWith('Young Generation', body) && !text.startsWith('Young Generation Statistics', body)) return this.zgc.generationLine();
        break;
      case 79: // O
        if (text.startsWith('Old Generation', body) && !text.startsWith('Old Generation Statistics', body)) return this.zgc.generationLine();
        break;
    }
    if (spaceLabel(text, body) !== null && this.stw.heapLine()) {
      this.recognise('event-detail');
      return true;
    }
    if (tag === HEAP || tag === NONE || tag === GC) return this.zgc.tableLine();
    return false;
  }

  /** A line without an id; false when no reader took it. */
  private plainLine(): boolean {
    const { text, body } = this.current;
    if (text.startsWith(HEADER_PREFIX, body)) {
      const name = collectorOfHeader(text, body);
      if (name === null) return false;
      if (this.runHasGc) this.newRun();
      this.setCollector(name, true);
      this.recognise('header');
      return true;
    }
    if (text.startsWith('Trigger: ', body)) {
      this.shenandoah.setTrigger(text, body + 9);
      this.recognise('ergonomics');
      return true;
    }
    if (text.startsWith('Cancelling GC: ', body) || text.startsWith('Cancelling concurrent GC: ', body)) {
      // Only Shenandoah cancels a concurrent cycle in these words.
      this.setCollector('Shenandoah', false);
      this.shenandoah.cancel(text, text.indexOf(': ', body) + 2);
      this.recognise('ergonomics');
      return true;
    }
    return this.header(body);
  }

  private safepointLine(at: number): boolean {
    const { text } = this.current;
    // The application resumed: no young collection can close around a held full one any more.
    if (text.startsWith('Safepoint "', at) || text.startsWith('Total time for which', at)) this.stw.flush();
    return this.safepoints.line(at);
  }

  /** Header lines we read something from: the G1 region size. */
  private header(at: number): boolean {
    const { text } = this.current;
    if (text.startsWith('Heap region size: ', at) || text.startsWith('Heap Region Size: ', at)) {
      this.regionBytes = readSize(this.scan.reset(text, at + 18));
      if (Number.isNaN(this.regionBytes)) this.regionBytes = null;
      this.recognise('header');
      return true;
    }
    if (text.startsWith('Initializing The Z Garbage Collector', at)) this.setCollector('ZGC', false);
    return false;
  }

  private pause(): boolean {
    const { text, body } = this.current;
    const step = this.step.read(text, body + 6);
    const kind = stwKind(step);
    const collector = this.collector;
    if (kind !== null && !(collector === 'Shenandoah' && kind === 'full')) {
      this.stw.pause(step, kind);
      return true;
    }
    if (isZgcPause(step)) {
      this.zgc.pause(step);
      return true;
    }
    if (isShenandoahCyclePause(step)) {
      this.shenandoah.cyclePause(step);
      return true;
    }
    if (step.nameIs('Degenerated GC') || (kind === 'full' && collector === 'Shenandoah')) {
      this.shenandoah.stopTheWorld(step, kind ?? 'degenerated');
      return true;
    }
    return false;
  }

  // Runs and flushing

  private newRun(): void {
    this.flushAll(false);
    this.run++;
    this.maxSec = this.current.sec ?? Number.NEGATIVE_INFINITY;
    this.runHasGc = false;
    this.regionBytes = null;
    this.collections.newRun();
    this.collectorSure = false;
    this.collector = null;
    this.safepoints.reset();
    this.onRecord({ type: 'run-start', run: this.run, source: this.source() });
  }

  /** Emits everything still being assembled, oldest id first: the log (or this run) ended before their last line. */
  private flushAll(atEnd: boolean): void {
    this.stw.flush();
    this.shenandoah.complete();
    this.collections.giveUpAll(atEnd);
    this.shenandoah.reset();
  }
}
