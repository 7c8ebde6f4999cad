/**
 * One attached process: the one object that owns every collector (and so
 * every timer, tail and child process they started), the target watch, the
 * update and analysis timers, and the session writer. dispose() ends all of
 * them, in order: timers, collectors (reading what is left of each log),
 * whatever was switched on in the target, then the session. Nothing polls
 * after it resolves.
 */
import { randomBytes } from 'node:crypto';
import type {
  AttachCounts,
  AttachEndReason,
  AttachEnded,
  AttachSnapshot,
  AttachUpdate,
  AttachView,
  CollectorState,
  HeapInfo,
  JstatSample,
  LiveSnapshotKind,
  TakeSnapshotRequest,
} from '../../shared/contract';
import type { AnalysisResult } from '../../shared/analysis';
import { LOCAL_HOST_ID, type AttachHost } from '../../shared/hosts-contract';
import type { ParsedRecord } from '../../shared/gc-event';
import type { ProcessInfo } from '../../shared/process-info';
import { GclensError } from '../../shared/result';
import { messageOf, type Collector, type CollectorContext, type CollectorSink, type SessionArtifacts, type TakenSnapshot } from '../collectors/collector';
import type { Host } from '../host/host';
import type { SessionWriter } from '../session';
import type { LoadedSnapshot } from '../snapshots/snapshot-registry';
import { summarizeSnapshot } from '../snapshots/snapshot-registry';
import { planCollectors, type PlannedCollectors, type PlanOptions } from './attach-plan';
import { LiveAnalysis } from './live-analysis';
import { LiveSeries } from './live-series';
import { TargetWatch } from './target-watch';

const UPDATE_INTERVAL_MS = 1000;
const SUMMARY_ROWS = 20;
/** Notes kept for the view; a flapping source must not grow them without end. */
const MAX_NOTES = 200;

export interface AttachDeps {
  host: Host;
  /** The host's id in the backend's registry (default 'local'). */
  hostId?: string;
  /** Keeps a snapshot for snapshot:diff under an id; `path` reloads it once evicted. */
  registerSnapshot(loaded: LoadedSnapshot, path: string): string;
  onUpdate?(update: AttachUpdate): void;
  onEnded?(ended: AttachEnded): void;
  updateIntervalMs?: number;
}

export class Attach implements CollectorSink {
  readonly id = randomBytes(12).toString('base64url');
  readonly startedAt = new Date();
  private target: ProcessInfo | null = null;
  private plan: PlannedCollectors = { collectors: [], pprof: null, jvm: null, cleanups: [] };
  /** Started before the target was known (a launched program's stderr). */
  private readonly early: Collector[] = [];
  private watch: TargetWatch | null = null;
  private beginning: Promise<void> | null = null;
  private updateTimer: NodeJS.Timeout | null = null;
  private lastUpdateAt = 0;
  private readonly series = new LiveSeries();
  private readonly analysis = new LiveAnalysis();
  private readonly collectorStates = new Map<string, CollectorState>();
  private collectorsChanged = false;
  private readonly notes: string[] = [];
  private notesSent = 0;
  private readonly snapshots: AttachSnapshot[] = [];
  private snapshotsSent = 0;
  private readonly counts: AttachCounts = { events: 0, records: 0, unknownLines: 0, jstatSamples: 0, snapshots: 0, artifacts: 0 };
  private ending: Promise<AttachEnded> | null = null;
  /** The session as collectors see it: artifacts only, counted as they are added. */
  readonly artifacts: SessionArtifacts;
  private ended: { at: Date; reason: AttachEndReason; message: string | null } | null = null;

  constructor(
    private readonly deps: AttachDeps,
    readonly session: SessionWriter,
    private readonly options: PlanOptions,
  ) {
    this.counts.artifacts = session.manifest.artifacts.length;
    this.artifacts = {
      dir: session.dir,
      addArtifact: async (...args) => {
        const entry = await session.addArtifact(...args);
        this.counts.artifacts++;
        return entry;
      },
      appendToArtifact: (id, chunk) => session.appendToArtifact(id, chunk),
      finishArtifact: (id) => session.finishArtifact(id),
    };
  }

  get sessionDir(): string {
    return this.session.dir;
  }

  get isEnded(): boolean {
    return this.ending !== null;
  }

  get process(): ProcessInfo {
    if (!this.target) throw new GclensError('internal', 'the attach has no target yet');
    return this.target;
  }

  /** The context collectors of this attach are built with. */
  get context(): CollectorContext {
    return { host: this.deps.host, session: this.artifacts, sink: this };
  }

  /** Runs a collector begun before the target was known (launch); it is stopped with the others. */
  async adopt(collector: Collector): Promise<void> {
    this.early.push(collector);
    await collector.start();
  }

  /** Plans and starts every collector for `target`, the watch and the timers. */
  begin(target: ProcessInfo): Promise<void> {
    this.target = target;
    this.beginning = this.beginNow(target);
    return this.beginning;
  }

  private async beginNow(target: ProcessInfo): Promise<void> {
    this.watch = new TargetWatch(this.deps.host, target.pid, (why) => void this.end('target-exited', why));
    await this.watch.start();
    this.plan = await planCollectors(this.context, target, this.options);
    for (const collector of this.plan.collectors) {
      if (this.ending) break;
      await collector.start().catch((err: unknown) => this.status({ name: collector.name, state: 'failed', detail: messageOf(err) }));
    }
    this.scheduleUpdate();
  }

  // ---- CollectorSink: what collectors deliver.

  records(records: ParsedRecord[], artifactId: string): void {
    if (this.ended) return;
    void this.session.appendEvents(records, { artifact: artifactId }).catch(() => undefined);
    for (const record of records) {
      this.counts.records++;
      if (record.type === 'gc') {
        this.counts.events++;
        this.series.addEvent(record);
      } else if (record.type === 'unknown') this.counts.unknownLines++;
    }
    this.analysis.add(records);
    this.updateSoonAfterQuiet();
  }

  jstat(samples: JstatSample[]): void {
    if (this.ended) return;
    this.counts.jstatSamples += samples.length;
    this.series.addJstat(samples);
  }

  snapshot(taken: TakenSnapshot): void {
    if (this.ended) return;
    const path = `${this.session.dir}/${taken.artifact.path}`;
    const snapshotId = this.deps.registerSnapshot(taken.loaded, path);
    this.snapshots.push({
      snapshotId,
      kind: taken.kind,
      takenAt: taken.takenAt.toISOString(),
      artifactId: taken.artifact.id,
      artifactPath: taken.artifact.path,
      summary: summarizeSnapshot(taken.loaded, SUMMARY_ROWS),
    });
    this.counts.snapshots = this.snapshots.length;
  }

  note(text: string): void {
    if (this.notes.length < MAX_NOTES) this.notes.push(text);
  }

  status(state: CollectorState): void {
    this.collectorStates.set(state.name, state);
    this.collectorsChanged = true;
  }

  suspectExit(): void {
    void this.watch?.check();
  }

  // ---- What the contract asks of an attach.

  async takeSnapshot(request: Pick<TakeSnapshotRequest, 'kind' | 'deleteFromTarget'>, onProgress?: (bytes: number, total: number) => void): Promise<AttachSnapshot> {
    if (this.ending) throw new GclensError('cancelled', 'this attach has ended');
    const taken = await this.take(request.kind, request.deleteFromTarget === true, onProgress);
    const listed = this.snapshots.find((s) => s.artifactId === taken.artifact.id);
    if (!listed) throw new GclensError('cancelled', 'the attach ended while the snapshot was taken; it is recorded in the session');
    return listed;
  }

  async heapInfo(): Promise<HeapInfo> {
    if (!this.plan.jvm || this.ending) throw new GclensError('invalid-argument', this.ending ? 'this attach has ended' : 'GC.heap_info is a JVM command');
    return this.plan.jvm.heapInfo();
  }

  get host(): AttachHost {
    return { hostId: this.deps.hostId ?? LOCAL_HOST_ID, label: this.deps.host.label };
  }

  view(): AttachView {
    const target = this.process;
    return {
      attachId: this.id,
      sessionDir: this.session.dir,
      target,
      host: this.host,
      status: this.ended ? 'ended' : 'attached',
      startedAt: this.startedAt.toISOString(),
      endedAt: this.ended?.at.toISOString() ?? null,
      endReason: this.ended?.reason ?? null,
      counts: this.currentCounts(),
      gc: this.series.totals(),
      collectors: [...this.collectorStates.values()],
      notes: [...this.notes],
      ...this.series.full(),
      snapshots: [...this.snapshots],
      analysis: this.analysis.result,
    };
  }

  /** Detach: ends everything this attach started and closes the session. Safe to call twice. */
  dispose(reason: AttachEndReason = 'detached', message: string | null = null): Promise<AttachEnded> {
    return this.end(reason, message);
  }

  private end(reason: AttachEndReason, message: string | null): Promise<AttachEnded> {
    this.ending ??= this.endNow(reason, message);
    return this.ending;
  }

  private async endNow(reason: AttachEndReason, message: string | null): Promise<AttachEnded> {
    // A target that exits while collectors start: let them start, then stop them all.
    await this.beginning?.catch(() => undefined);
    if (this.updateTimer) clearTimeout(this.updateTimer);
    this.updateTimer = null;
    await this.watch?.stop();
    const targetGone = reason === 'target-exited' || !(await this.watch?.check().catch(() => true) ?? true);
    // Collectors first, each reading what is left; then what the attach switched on in the target.
    for (const collector of [...this.early, ...this.plan.collectors]) {
      await collector.stop({ final: true }).catch((err: unknown) => this.note(`Stopping ${collector.name}: ${messageOf(err)}`));
    }
    for (const cleanup of this.plan.cleanups) await cleanup(targetGone).catch((err: unknown) => this.note(messageOf(err)));
    const finalAnalysis = this.analysis.maybeRun({ force: true }) ?? undefined;
    if (message) this.note(message);
    this.ended = { at: new Date(), reason, message };
    try {
      if (this.notes.length > 0) await this.artifacts.addArtifact('other', 'attach-notes.txt', this.notes.join('\n') + '\n', 'gclens attach');
      await this.session.close();
    } catch (err) {
      this.note(`Closing the session: ${messageOf(err)}`);
    }
    this.sendUpdate(true, finalAnalysis);
    const ended: AttachEnded = { attachId: this.id, sessionDir: this.session.dir, reason, message, counts: this.currentCounts() };
    this.deps.onEnded?.(ended);
    return ended;
  }

  private async take(kind: LiveSnapshotKind, deleteFromTarget: boolean, onProgress?: (bytes: number, total: number) => void): Promise<TakenSnapshot> {
    if (kind === 'heap' || kind === 'goroutine') {
      if (!this.plan.pprof) throw new GclensError('invalid-argument', `a ${kind} profile needs a Go process serving net/http/pprof`);
      return this.plan.pprof.take(kind);
    }
    if (!this.plan.jvm) throw new GclensError('invalid-argument', `a ${kind} snapshot needs a JVM`);
    return this.plan.jvm.take(kind, { onProgress, deleteFromTarget });
  }

  private currentCounts(): AttachCounts {
    return { ...this.counts };
  }

  private scheduleUpdate(): void {
    if (this.ending) return;
    this.updateTimer = setTimeout(() => {
      this.updateTimer = null;
      this.sendUpdate(false);
      this.scheduleUpdate();
    }, this.deps.updateIntervalMs ?? UPDATE_INTERVAL_MS);
  }

  /** At most one per interval; nothing when nothing changed, unless it is the last. */
  private sendUpdate(last: boolean, analysed?: AnalysisResult): void {
    const delta = this.series.delta();
    const analysis = analysed ?? this.analysis.maybeRun() ?? undefined;
    if (this.analysis.error) this.note(`Analysis: ${this.analysis.error}`);
    const newSnapshots = this.snapshots.slice(this.snapshotsSent);
    const newNotes = this.notes.slice(this.notesSent);
    if (!last && !delta && !analysis && newSnapshots.length === 0 && newNotes.length === 0 && !this.collectorsChanged) return;
    this.snapshotsSent = this.snapshots.length;
    this.notesSent = this.notes.length;
    const update: AttachUpdate = {
      attachId: this.id,
      status: this.ended ? 'ended' : 'attached',
      counts: this.currentCounts(),
      gc: this.series.totals(),
      replace: delta?.replace ?? false,
      heap: delta?.heap ?? [],
      pauses: delta?.pauses ?? [],
      jstat: delta?.jstat ?? [],
      xAxis: this.series.xAxis(),
      snapshots: newSnapshots,
      ...(this.collectorsChanged ? { collectors: [...this.collectorStates.values()] } : {}),
      ...(newNotes.length > 0 ? { notes: newNotes } : {}),
      ...(analysis ? { analysis } : {}),
    };
    this.collectorsChanged = false;
    this.lastUpdateAt = Date.now();
    this.deps.onUpdate?.(update);
  }

  /**
   * New events after a quiet spell go out at once rather than at the next
   * tick (the first chart of an attach among them); bursts still make at
   * most one update per interval.
   */
  private updateSoonAfterQuiet(): void {
    const interval = this.deps.updateIntervalMs ?? UPDATE_INTERVAL_MS;
    if (this.ending || this.updateTimer === null || Date.now() - this.lastUpdateAt < interval) return;
    clearTimeout(this.updateTimer);
    this.updateTimer = null;
    this.sendUpdate(false);
    this.scheduleUpdate();
  }
}
