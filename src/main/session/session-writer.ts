/**
 * Records a capture into a session folder (docs/session-format.md): raw
 * artifacts hashed as they are written, normalised records appended to
 * events.ndjson, and a manifest that stays right across a crash. The order
 * of writes is what makes it crash-safe:
 *
 * - an artifact's entry is journalled (journal.ndjson, fsynced) before its
 *   first byte is written, so a crash mid-download leaves a listed,
 *   incomplete artifact rather than an anonymous file;
 * - raw bytes are fsynced before any size or hash that covers them is
 *   journalled or written to the manifest;
 * - the manifest is only ever replaced atomically, folding the journal in.
 *
 * One writer per folder (writer.lock). close() is the one call that ends
 * every timer, file and lock it holds.
 */
import { join } from 'node:path';
import { APP_VERSION } from '../core/version';
import { GclensError } from '../../shared/result';
import {
  RAW_DIR,
  type ArtifactEntry,
  type ArtifactKind,
  type SessionManifest,
  type SessionRecord,
  type SessionTarget,
} from '../../shared/session-manifest';
import { ArtifactFile, type WrittenState } from './artifact-file';
import { artifactFileName, artifactId, artifactIndex } from './artifact-name';
import { EMPTY_SHA256 } from './hash-file';
import { writeManifest } from './manifest-file';
import type { NdjsonLog, NdjsonLogOptions } from './ndjson-log';
import { Serial } from './serial';
import type { SessionLock } from './session-lock';
import { prepareNewSession, prepareReopenedSession, type WriterParts, type WriterSetup } from './session-open';

export interface SessionWriterOptions {
  /** events.ndjson batching; defaults: fsync within 200 ms, or at 2,000 records or 4 MiB. */
  events?: Partial<NdjsonLogOptions>;
  /** How long the new size and hash of a growing artifact may wait to be journalled (default 1000 ms). */
  artifactProgressMs?: number;
  now?: () => Date;
  /** Called once, with the first write that failed (disk full…); later calls fail with it too. */
  onError?: (err: Error) => void;
  gclensVersion?: string;
}

export interface NewSession {
  target: SessionTarget;
  clockOffsetMs?: number | null;
}

/** Bytes in memory, text (UTF-8), or a stream (a Node Readable is one). */
export type ArtifactContent = Uint8Array | string | AsyncIterable<Uint8Array | string>;

export interface AddArtifactOptions {
  /** Keep the artifact open for appendToArtifact (a log being tailed). */
  growing?: boolean;
  capturedAt?: Date;
}

const DEFAULT_EVENTS: NdjsonLogOptions = { flushMs: 200, batchRecords: 2000, batchBytes: 4 << 20 };
/** Fold the journal into the manifest once it outgrows this, or the manifest, whichever is larger. */
const JOURNAL_CHECKPOINT_CHARS = 256 * 1024;

export class SessionWriter {
  readonly dir: string;
  private readonly state: SessionManifest;
  private readonly events: NdjsonLog;
  private readonly journal: NdjsonLog;
  private readonly lock: SessionLock;
  /** Artifacts open for writing: growing ones, and one-shots still arriving. */
  private readonly files: Map<string, ArtifactFile>;
  private readonly byId = new Map<string, ArtifactEntry>();
  private readonly progressDue = new Set<string>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly checkpoints = new Serial();
  private progressTimer: NodeJS.Timeout | null = null;
  private manifestChars = 0;
  private failure: Error | null = null;
  private closing: Promise<void> | null = null;
  private nextIndex: number;

  private constructor(
    parts: WriterParts,
    private readonly options: SessionWriterOptions,
  ) {
    this.dir = parts.dir;
    this.state = parts.manifest;
    this.events = parts.events;
    this.journal = parts.journal;
    this.lock = parts.lock;
    this.files = parts.files;
    this.nextIndex = parts.nextIndex;
    for (const entry of this.state.artifacts) this.byId.set(entry.id, entry);
    parts.route.onError = (err) => this.fail(err);
  }

  /** Starts a session in `dir`, which must be new or empty. */
  static async create(dir: string, info: NewSession, options: SessionWriterOptions = {}): Promise<SessionWriter> {
    return new SessionWriter(await prepareNewSession(dir, info, setupOf(options)), options);
  }

  /**
   * Reopens a session to go on recording into it, repairing it first if
   * its last writer crashed (see prepareReopenedSession).
   */
  static async open(dir: string, options: SessionWriterOptions = {}): Promise<SessionWriter> {
    const writer = new SessionWriter(await prepareReopenedSession(dir, setupOf(options)), options);
    try {
      await writer.checkpoint();
    } catch (err) {
      await writer.close().catch(() => undefined);
      throw err;
    }
    return writer;
  }

  /** A copy of the manifest as this writer sees it (the one on disk may lag). */
  get manifest(): SessionManifest {
    return structuredClone(this.state);
  }

  /** The sequence number the last appended event got. */
  get lastEventSeq(): number {
    return this.events.lastSequence;
  }

  /**
   * Writes `content` to raw/<counter>-<slug of name>, hashing it on the
   * way, and records it. Resolves once bytes and entry are durable. A
   * content stream that fails leaves what arrived, recorded as incomplete.
   * `source`: the command argv joined with spaces, the URL, or the file path.
   */
  async addArtifact(
    kind: ArtifactKind,
    name: string,
    content: ArtifactContent,
    source: string,
    options: AddArtifactOptions = {},
  ): Promise<ArtifactEntry> {
    this.assertWritable(); // synchronously, so close() sees the work below in inFlight
    return this.track(async () => {
      const { index, file } = await this.createRawFile(name);
      const at = (options.capturedAt ?? this.now()).toISOString();
      const entry: ArtifactEntry = {
        id: artifactId(index),
        path: `${RAW_DIR}/${artifactFileName(index, name)}`,
        kind,
        source,
        capturedAt: at,
        updatedAt: at,
        bytes: 0,
        sha256: EMPTY_SHA256,
        growing: options.growing === true,
        complete: false,
      };
      insertInIdOrder(this.state.artifacts, entry, index);
      this.byId.set(entry.id, entry);
      this.files.set(entry.id, file);
      await this.journalEntries([entry]); // listed before its first byte exists
      try {
        for await (const chunk of chunksOf(content)) await file.append(chunk, true);
      } catch (err) {
        await this.finish(entry, false);
        throw err;
      }
      if (entry.growing) await this.journalProgress([entry.id]);
      else await this.finish(entry, true);
      return { ...entry };
    });
  }

  /**
   * Appends to a growing artifact. Calls take effect in call order even if
   * not awaited (a tail's data callback); the returned promise settles when
   * the chunk is written, and a failure also reaches onError and close().
   * After close() or finishArtifact() it rejects (harmlessly if ignored);
   * an id this session never gave out throws: that is a bug in the caller.
   */
  appendToArtifact(id: string, chunk: Uint8Array | string): Promise<void> {
    if (this.closing || this.failure) return handledRejection(this.notWritable());
    const entry = this.byId.get(id);
    if (!entry) throw new GclensError('not-found', `No artifact ${id} in session ${this.dir}`);
    const file = this.files.get(id);
    // A finished artifact can meet a late tail callback (finish, then stop the tail): not worth a throw.
    if (!file || !entry.growing) return handledRejection(new GclensError('invalid-argument', `Artifact ${id} is not open for appends`));
    const written = file.append(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk).then(() => this.progressSoon(id));
    written.catch((err: unknown) => this.fail(err));
    return written;
  }

  /** Ends appends to a growing artifact and records its final size and hash. */
  async finishArtifact(id: string): Promise<ArtifactEntry> {
    const entry = this.byId.get(id);
    if (!entry) throw new GclensError('not-found', `No artifact ${id} in session ${this.dir}`);
    await this.finish(entry, true);
    return { ...entry };
  }

  /**
   * Appends normalised records to events.ndjson, numbered in call order.
   * Resolves once they are fsynced (within `events.flushMs`); need not be
   * awaited. `artifact`: the id of the artifact they were parsed from.
   */
  appendEvents(records: readonly SessionRecord[], options: { artifact?: string } = {}): Promise<void> {
    if (this.closing || this.failure) return handledRejection(this.notWritable());
    const recordedAt = this.now().toISOString();
    const artifact = options.artifact;
    const bodies = records.map((record) => (artifact === undefined ? { recordedAt, record } : { recordedAt, artifact, record }));
    const durable = this.events.append(bodies);
    durable.catch(() => undefined); // reported through onError by the log
    return durable;
  }

  /** Target facts learnt after the start (the clock offset of a remote box, the process start time). */
  async updateSession(update: { target?: Partial<SessionTarget>; clockOffsetMs?: number | null }): Promise<void> {
    this.assertWritable();
    if (update.target) Object.assign(this.state.target, update.target);
    if (update.clockOffsetMs !== undefined) this.state.clockOffsetMs = update.clockOffsetMs;
    await this.checkpoint();
  }

  /** Makes everything handed over so far durable: events, artifact bytes and their sizes and hashes. */
  async flush(): Promise<void> {
    await this.events.flush();
    await this.journalProgress([...this.progressDue]);
    this.throwIfFailed();
  }

  /**
   * Waits for artifacts being written, finishes growing ones, sets
   * capture.endedAt and writes the final manifest. Safe to call twice.
   */
  close(): Promise<void> {
    this.closing ??= this.closeNow();
    return this.closing;
  }

  private async closeNow(): Promise<void> {
    try {
      await Promise.allSettled([...this.inFlight]);
      if (this.progressTimer !== null) clearTimeout(this.progressTimer);
      for (const entry of this.state.artifacts) if (this.files.has(entry.id)) await this.finish(entry, true);
      this.state.capture.endedAt = this.now().toISOString();
      await this.checkpoint();
    } finally {
      await Promise.allSettled([this.events.close(), this.journal.close()]);
      await this.lock.release();
    }
    this.throwIfFailed();
  }

  /** Folds the journal into a freshly written manifest.json, then empties the journal. */
  private checkpoint(): Promise<void> {
    return this.checkpoints.coalesced(async () => {
      await this.events.flush().catch(() => undefined);
      const open = [...this.files].map(([id, file]) => ({ id, file, written: file.state() }));
      await Promise.all(open.map(({ file }) => file.sync()));
      for (const { id, written } of open) applyWritten(this.byId.get(id), written);
      const seq = this.journal.lastSequence;
      const manifest: SessionManifest = { ...this.state, events: { ...this.state.events, records: this.events.durableSequence }, journal: { ...this.state.journal, seq } };
      this.manifestChars = await writeManifest(this.dir, manifest);
      this.state.events.records = manifest.events.records;
      this.state.journal.seq = seq;
      await this.journal.dropThrough(seq);
    });
  }

  private async finish(entry: ArtifactEntry, complete: boolean): Promise<void> {
    const file = this.files.get(entry.id);
    if (!file) return;
    this.files.delete(entry.id);
    this.progressDue.delete(entry.id);
    applyWritten(entry, await file.close());
    entry.growing = false;
    entry.complete = complete;
    await this.journalEntries([entry]);
  }

  private progressSoon(id: string): void {
    this.progressDue.add(id);
    if (this.progressTimer !== null || this.closing) return; // close() journals the final state itself
    this.progressTimer = setTimeout(() => {
      this.progressTimer = null;
      this.journalProgress([...this.progressDue]).catch((err: unknown) => this.fail(err));
    }, this.options.artifactProgressMs ?? 1000);
  }

  /** Syncs the named growing artifacts, then journals their sizes and hashes. */
  private async journalProgress(ids: string[]): Promise<void> {
    const due = ids.flatMap((id) => {
      const file = this.files.get(id);
      this.progressDue.delete(id);
      return file ? [{ id, file, written: file.state() }] : [];
    });
    if (due.length === 0) return;
    await Promise.all(due.map(({ file }) => file.sync()));
    const entries = due.map(({ id, written }) => applyWritten(this.byId.get(id), written)).filter((e) => e !== undefined);
    await this.journalEntries(entries);
  }

  private async journalEntries(entries: ArtifactEntry[]): Promise<void> {
    await this.journal.append(entries.map((artifact) => ({ artifact })));
    if (this.journal.appendedChars > Math.max(JOURNAL_CHECKPOINT_CHARS, this.manifestChars) && !this.closing) {
      this.checkpoint().catch((err: unknown) => this.fail(err));
    }
  }

  private async createRawFile(name: string): Promise<{ index: number; file: ArtifactFile }> {
    for (;;) {
      const index = this.nextIndex++;
      try {
        return { index, file: await ArtifactFile.create(join(this.dir, RAW_DIR, artifactFileName(index, name)), this.nowMs) };
      } catch (err) {
        // A file nobody listed (a crash between its creation and its journal line): skip its number.
        if ((err as { code?: string }).code !== 'EEXIST') throw err;
      }
    }
  }

  private track<T>(work: () => Promise<T>): Promise<T> {
    const run = work();
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run)).catch(() => undefined);
    return run;
  }

  private readonly nowMs = (): number => this.now().getTime();

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private fail(err: unknown): void {
    if (this.failure) return;
    this.failure = err instanceof Error ? err : new Error(String(err));
    this.options.onError?.(this.failure);
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  private assertWritable(): void {
    if (this.closing || this.failure) throw this.notWritable();
  }

  private notWritable(): Error {
    return this.failure ?? new GclensError('invalid-argument', `Session ${this.dir} is closed`);
  }
}

/** Brings an entry up to what was written, never backwards (a late progress snapshot after finish). */
function applyWritten(entry: ArtifactEntry | undefined, written: WrittenState): ArtifactEntry | undefined {
  if (!entry || written.bytes < entry.bytes) return entry;
  if (written.bytes !== entry.bytes) entry.updatedAt = new Date(written.lastWriteMs).toISOString();
  entry.bytes = written.bytes;
  entry.sha256 = written.sha256;
  return entry;
}

function setupOf(options: SessionWriterOptions): WriterSetup {
  const now = options.now ?? (() => new Date());
  return {
    now: now(),
    nowMs: () => now().getTime(),
    gclensVersion: options.gclensVersion ?? APP_VERSION,
    events: { ...DEFAULT_EVENTS, ...options.events },
  };
}

/** Artifacts are listed in id order, the order their captures began, whichever finished first. */
function insertInIdOrder(artifacts: ArtifactEntry[], entry: ArtifactEntry, index: number): void {
  let at = artifacts.length;
  while (at > 0 && (artifactIndex(artifacts[at - 1]!.id) ?? 0) > index) at--;
  artifacts.splice(at, 0, entry);
}

/**
 * Rejects without counting as unhandled: a tail callback that races close()
 * need not await, and a caller that does still sees the error.
 */
function handledRejection(err: Error): Promise<never> {
  const rejected = Promise.reject(err);
  rejected.catch(() => undefined);
  return rejected;
}

async function* chunksOf(content: ArtifactContent): AsyncIterable<Uint8Array> {
  if (typeof content === 'string') yield Buffer.from(content, 'utf8');
  else if (content instanceof Uint8Array) yield content;
  else for await (const chunk of content) yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}
