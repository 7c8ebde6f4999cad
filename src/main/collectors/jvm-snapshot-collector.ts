/**
 * JVM snapshots through jcmd: class histograms (on demand, or on an interval
 * when asked: GC.class_histogram forces a full GC), the NMT summary (when the
 * JVM tracks native memory), GC.heap_info, and heap dumps (GC.heap_dump to a
 * file the JVM writes on its own machine, copied back with Host.fetchFile,
 * or as the JVM's user when only it may read the file, and deleted there
 * (as that user) only when asked). Each answer is recorded before it is
 * parsed.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HeapInfo, LiveSnapshotKind } from '../../shared/contract';
import { GclensError } from '../../shared/result';
import type { ArtifactKind } from '../../shared/session-manifest';
import { parseClassHistogram, parseNmt, readHprofHistogram, type JvmSnapshot } from '../snapshots/jvm';
import { messageOf, type Collector, type CollectorContext, type TakenSnapshot } from './collector';
import { fetchAsUser } from './fetch-as-user';
import type { JvmTools } from './jvm-tools';
import { PollLoop } from './poll-loop';

/** A full GC on a big heap takes a while. */
const HISTOGRAM_TIMEOUT_MS = 5 * 60_000;
/** Writing a many-GB heap to disk takes minutes. */
const HEAP_DUMP_TIMEOUT_MS = 60 * 60_000;

export type JvmSnapshotKind = Extract<LiveSnapshotKind, 'class-histogram' | 'nmt' | 'heap-dump'>;

export interface JvmSnapshotOptions {
  /** Class histograms on this interval; none when null. */
  histogramIntervalMs: number | null;
  /** '' or /proc/PID/root: put before a path the JVM sees to read it on the host. */
  root: string;
}

export interface TakeOptions {
  onProgress?: (bytes: number, total: number) => void;
  /** heap-dump: delete the dump on the target once copied. */
  deleteFromTarget?: boolean;
}

export class JvmSnapshotCollector implements Collector {
  readonly name = 'jvm';
  private loop: PollLoop | null = null;
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(
    private readonly context: CollectorContext,
    private readonly tools: JvmTools,
    private readonly options: JvmSnapshotOptions,
  ) {}

  async start(): Promise<void> {
    const every = this.options.histogramIntervalMs;
    if (every === null) return;
    this.loop = new PollLoop(every, () => this.take('class-histogram').then(() => undefined), (err) => this.context.sink.note(`class histogram: ${messageOf(err)}`));
    this.loop.start();
    this.context.sink.status({ name: 'histogram', state: 'running', detail: `jcmd GC.class_histogram every ${Math.round(every / 1000)} s (each forces a full GC)` });
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.loop?.stop();
    await Promise.allSettled([...this.inFlight]);
    if (this.loop) this.context.sink.status({ name: 'histogram', state: 'stopped', detail: 'detached' });
  }

  take(kind: JvmSnapshotKind, options: TakeOptions = {}): Promise<TakenSnapshot> {
    if (this.stopped) return Promise.reject(new GclensError('cancelled', 'the attach has ended'));
    const work = kind === 'heap-dump' ? this.heapDump(options) : this.textSnapshot(kind);
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => undefined);
    return work;
  }

  async heapInfo(): Promise<HeapInfo> {
    const args = ['GC.heap_info'];
    const text = await this.jcmd(args);
    const artifact = await this.context.session.addArtifact('jcmd-output', 'gc-heap-info.txt', text, this.commandLine(args));
    return { artifactId: artifact.id, text };
  }

  private async textSnapshot(kind: 'class-histogram' | 'nmt'): Promise<TakenSnapshot> {
    const args = kind === 'class-histogram' ? ['GC.class_histogram'] : ['VM.native_memory', 'summary'];
    const takenAt = new Date();
    const text = await this.jcmd(args, kind === 'class-histogram' ? HISTOGRAM_TIMEOUT_MS : undefined);
    const artifactKind: ArtifactKind = kind === 'class-histogram' ? 'class-histogram' : 'nmt';
    const artifact = await this.context.session.addArtifact(artifactKind, `${kind}.txt`, text, this.commandLine(args));
    if (kind === 'nmt' && text.includes('Native memory tracking is not enabled')) {
      throw new GclensError('invalid-argument', 'Native memory tracking is off in this JVM; it can only be switched on at start (-XX:NativeMemoryTracking=summary).');
    }
    const bytes = Buffer.from(text, 'utf8');
    const snapshot = this.parsed(artifact.path, () => (kind === 'class-histogram' ? parseClassHistogram(bytes, artifact.path) : parseNmt(bytes, artifact.path)));
    return this.deliver({ kind, takenAt, artifact, loaded: { family: 'jvm', name: artifact.path, snapshot } });
  }

  private async heapDump(options: TakeOptions): Promise<TakenSnapshot> {
    const { host, session } = this.context;
    const jvmPath = `/tmp/gclens-${this.tools.pid}-${randomBytes(6).toString('hex')}.hprof`;
    const hostPath = this.options.root + jvmPath;
    const args = ['GC.heap_dump', jvmPath];
    const takenAt = new Date();
    await this.jcmd(args, HEAP_DUMP_TIMEOUT_MS);
    // Copied to a local staging file first: over SSH fetchFile resumes and checks, which a stream could not.
    const staging = await mkdtemp(join(tmpdir(), 'gclens-heap-dump-'));
    try {
      const local = join(staging, 'heap.hprof');
      await host.fetchFile(hostPath, local, options.onProgress).catch((err: unknown) => this.fetchAsOwner(err, hostPath, local, options.onProgress));
      const artifact = await session.addArtifact('hprof', 'heap-dump.hprof', createReadStream(local), `${this.commandLine(args)} (copied from ${hostPath})`);
      if (options.deleteFromTarget) await this.tools.runAsTarget(['rm', '-f', '--', hostPath], 60_000);
      else this.context.sink.note(`The heap dump stays on the target at ${hostPath}; delete it there when done.`);
      const snapshot = await readHprofHistogram(join(session.dir, artifact.path), artifact.path, {
        onProgress: (p) => options.onProgress?.(p.bytesRead, p.totalBytes),
      }).catch((err: unknown) => {
        throw new GclensError('unsupported-format', `the heap dump ${artifact.path} is recorded but could not be read: ${messageOf(err)}`);
      });
      return this.deliver({ kind: 'heap-dump', takenAt, artifact, loaded: { family: 'jvm', name: artifact.path, snapshot } });
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }

  /**
   * HotSpot writes a dump readable by the JVM's user only (0600): when jcmd
   * ran as that user through sudo, gclens's own user may not copy it, so it
   * is copied as that user. When that fails too, say so, and where the dump
   * stays, rather than a bare "permission denied".
   */
  private async fetchAsOwner(err: unknown, hostPath: string, local: string, onProgress: TakeOptions['onProgress']): Promise<void> {
    const owner = await this.tools.runsAs();
    if (owner === undefined || !(err instanceof GclensError) || !err.message.startsWith('permission denied')) throw err;
    await fetchAsUser(this.context.host, hostPath, local, owner, onProgress).catch((viaOwner: unknown) => {
      if (viaOwner instanceof GclensError && viaOwner.kind === 'cancelled') throw viaOwner;
      throw new GclensError(
        'io',
        `The heap dump ${hostPath} was written by the JVM as ${owner}, readable by ${owner} only, and ${this.context.host.label} cannot read it (${err.message}); ` +
          `copying it as ${owner} failed too (${messageOf(viaOwner).replace(/\.$/, '')}). It stays there: copy it as ${owner} (and delete it), or attach as ${owner} or root.`,
      );
    });
  }

  private parsed(path: string, parse: () => JvmSnapshot): JvmSnapshot {
    try {
      return parse();
    } catch (err) {
      throw new GclensError('unsupported-format', `${path} is recorded but could not be read: ${messageOf(err)}`);
    }
  }

  private deliver(taken: TakenSnapshot): TakenSnapshot {
    if (!this.stopped) this.context.sink.snapshot(taken);
    return taken;
  }

  private async jcmd(args: string[], timeoutMs?: number): Promise<string> {
    try {
      return await this.tools.jcmd(args, timeoutMs);
    } catch (err) {
      if (err instanceof GclensError && err.kind === 'not-found') this.context.sink.suspectExit(err.message);
      throw err;
    }
  }

  private commandLine(args: string[]): string {
    return `jcmd ${this.tools.pid} ${args.join(' ')}`;
  }
}
