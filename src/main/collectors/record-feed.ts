/**
 * Bytes of a GC log as they arrive (a tailed file, a follower's output) into
 * one growing session artifact first, then through the line splitter and a
 * parser. Records name the artifact's path and line, so every event points
 * at the exact raw line it came from. Until a line says which format this
 * is, lines are held back (bounded) and replayed into the parser.
 */
import type { ParsedRecord } from '../../shared/gc-event';
import type { ArtifactEntry } from '../../shared/session-manifest';
import type { GcLogParser } from '../parsers/gc-log-parser';
import { createParser, detectFormat, type KnownFormat } from '../parsers/gc-log-formats';
import { LineSplitter } from '../parsers/line-splitter';
import type { CollectorContext } from './collector';

/** Lines held back while the format is unknown: a program's banner, not its whole output. */
const MAX_HELD_BACK_LINES = 10_000;
/** Quiet this long, and what the parser holds back for a next line is released: a JVM gone quiet still shows its last collection. */
export const IDLE_RELEASE_MS = 1500;

export interface RecordFeedOptions {
  kind: 'gctrace' | 'gc-log';
  /** The artifact's file name suggestion. */
  name: string;
  /** Where the bytes come from, for the manifest: the file, or the command. */
  source: string;
  /** Known in advance (gctrace); else detected from the lines. */
  format?: KnownFormat;
}

export class RecordFeed {
  private artifact: ArtifactEntry | null = null;
  private parser: GcLogParser | null = null;
  private heldBack: Array<[string, number]> = [];
  private pending: ParsedRecord[] = [];
  private splitter: LineSplitter;
  /** Lines before the current splitter: after a rotation, numbering goes on across the artifact. */
  private lineBase = 0;
  private bytesIn = 0;
  private ended = false;
  private idle: NodeJS.Timeout | null = null;

  constructor(
    private readonly context: CollectorContext,
    private readonly options: RecordFeedOptions,
  ) {
    this.splitter = this.newSplitter();
  }

  get artifactId(): string | null {
    return this.artifact?.id ?? null;
  }

  get bytes(): number {
    return this.bytesIn;
  }

  /** The format once known. */
  get format(): KnownFormat | null {
    return (this.parser?.format as KnownFormat | undefined) ?? null;
  }

  /** Opens the growing artifact; call before the first push. */
  async open(): Promise<void> {
    this.artifact = await this.context.session.addArtifact(this.options.kind, this.options.name, '', this.options.source, { growing: true });
    if (this.options.format) this.parser = createParser(this.options.format, this.artifact.path, (r) => this.pending.push(r));
  }

  push(chunk: Buffer): void {
    if (this.ended || !this.artifact || chunk.length === 0) return;
    this.bytesIn += chunk.length;
    // Raw bytes first: appends keep call order, and a parse failure below loses nothing.
    void this.context.session.appendToArtifact(this.artifact.id, chunk).catch(() => undefined);
    this.splitter.push(chunk);
    this.deliver();
    this.armIdle();
  }

  /** The source was truncated or replaced: a half line before it is a line of its own. */
  restart(): void {
    if (this.ended) return;
    this.splitter.end();
    this.lineBase += this.splitter.lines;
    this.splitter = this.newSplitter();
    this.deliver();
  }

  /** No more bytes: flush the last line and the parser, and finish the artifact. */
  async end(): Promise<void> {
    if (this.ended) return;
    if (this.idle) clearTimeout(this.idle);
    this.splitter.end();
    this.parser?.end();
    this.deliver();
    this.ended = true;
    if (this.artifact) await this.context.session.finishArtifact(this.artifact.id).catch(() => undefined);
  }

  /** (Re)starts the quiet period with each chunk; a timer that fired is started again by refresh(). */
  private armIdle(): void {
    if (this.idle) this.idle.refresh();
    else this.idle = setTimeout(() => this.releaseHeld(), IDLE_RELEASE_MS).unref();
  }

  private releaseHeld(): void {
    if (this.ended) return;
    this.parser?.releaseHeld?.();
    this.deliver();
  }

  private newSplitter(): LineSplitter {
    return new LineSplitter((text, lineNo) => this.line(text, this.lineBase + lineNo));
  }

  private line(text: string, lineNo: number): void {
    if (this.parser) return this.parser.line(text, lineNo);
    const format = detectFormat(text);
    if (!format) {
      // Kept in the raw artifact either way; only the replay buffer is bounded.
      if (this.heldBack.length < MAX_HELD_BACK_LINES) this.heldBack.push([text, lineNo]);
      return;
    }
    this.parser = createParser(format, this.artifact!.path, (r) => this.pending.push(r));
    for (const [held, heldNo] of this.heldBack) this.parser.line(held, heldNo);
    this.heldBack = [];
    this.parser.line(text, lineNo);
  }

  private deliver(): void {
    if (this.pending.length === 0 || !this.artifact) return;
    const records = this.pending;
    this.pending = [];
    this.context.sink.records(records, this.artifact.id);
  }
}
