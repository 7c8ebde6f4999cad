/**
 * Go's net/http/pprof, polled: heap and goroutine profiles every interval
 * (30 s by default; `heap?gc=1`, which forces a collection first, only when
 * asked), heap?debug=1 for runtime.MemStats, and /debug/vars when the program
 * serves expvar. Every response is saved as an artifact before it is parsed;
 * profiles become snapshots. When there is no gctrace, the MemStats pause
 * ring is the source of GC events, so it is polled more often (a ring of 256
 * pauses outlasts 10 s at up to 25 collections a second).
 */
import type { LiveSnapshotKind } from '../../shared/contract';
import type { ArtifactEntry, ArtifactKind } from '../../shared/session-manifest';
import type { HttpEndpoint } from '../../shared/process-info';
import { GclensError } from '../../shared/result';
import { parseGoSnapshot } from '../snapshots/go';
import { messageOf, type Collector, type CollectorContext, type TakenSnapshot } from './collector';
import { MemStatsRing } from './memstats-ring';
import { PollLoop } from './poll-loop';

const REQUEST_TIMEOUT_MS = 60_000;
const MAX_PROFILE_BYTES = 512 * 1024 * 1024;
/** MemStats polling when its ring is the only source of GC events. */
const MEMSTATS_EVENT_INTERVAL_MS = 10_000;

export interface PprofOptions {
  /** Where /debug/pprof/ answers. */
  pprof: HttpEndpoint;
  /** Where /debug/vars answers, when it does. */
  expvar: HttpEndpoint | null;
  intervalMs: number;
  /** heap?gc=1: a collection before each heap profile. */
  forceGc: boolean;
  /** No gctrace: GC events come from the MemStats pause ring. */
  memStatsEvents: boolean;
  /** The target's start (Unix ms), to put ring events on the process clock. */
  processStartMs: number | null;
}

interface Fetched {
  artifact: ArtifactEntry;
  body: Buffer;
}

export class PprofCollector implements Collector {
  readonly name = 'pprof';
  private readonly ring: MemStatsRing;
  private readonly loops: PollLoop[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly missingNoted = new Set<string>();
  private stopped = false;

  constructor(
    private readonly context: CollectorContext,
    private readonly options: PprofOptions,
  ) {
    this.ring = new MemStatsRing(options.processStartMs);
  }

  async start(): Promise<void> {
    const { sink } = this.context;
    const onError = (err: unknown) => sink.note(`pprof: ${messageOf(err)}`);
    const profiles = new PollLoop(this.options.intervalMs, () => this.pollProfiles(), onError);
    const memStatsMs = this.options.memStatsEvents ? Math.min(this.options.intervalMs, MEMSTATS_EVENT_INTERVAL_MS) : this.options.intervalMs;
    const memStats = new PollLoop(memStatsMs, () => this.pollMemStats(), onError);
    this.loops.push(profiles, memStats);
    profiles.start();
    memStats.start();
    const { host, port } = this.options.pprof;
    sink.status({ name: this.name, state: 'running', detail: `http://${host}:${port}/debug/pprof/ every ${Math.round(this.options.intervalMs / 1000)} s` });
    if (this.options.memStatsEvents) {
      sink.status({ name: 'memstats', state: 'running', detail: `GC pauses from the heap?debug=1 MemStats ring every ${Math.round(memStatsMs / 1000)} s (no gctrace)` });
    }
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await Promise.all(this.loops.map((loop) => loop.stop()));
    await Promise.allSettled([...this.inFlight]);
    this.context.sink.status({ name: this.name, state: 'stopped', detail: 'detached' });
    if (this.options.memStatsEvents) this.context.sink.status({ name: 'memstats', state: 'stopped', detail: 'detached' });
  }

  /** A heap or goroutine profile now, as a snapshot (also handed to the sink). */
  take(kind: Extract<LiveSnapshotKind, 'heap' | 'goroutine'>): Promise<TakenSnapshot> {
    if (this.stopped) return Promise.reject(new GclensError('cancelled', 'the attach has ended'));
    return this.track(this.profile(kind));
  }

  private async pollProfiles(): Promise<void> {
    await this.profile('heap');
    await this.profile('goroutine');
    if (this.options.expvar) await this.fetch(this.options.expvar, '/debug/vars', 'debug-vars', 'debug-vars.json').catch((err: unknown) => this.noteOnce('/debug/vars', messageOf(err)));
  }

  private async profile(kind: 'heap' | 'goroutine'): Promise<TakenSnapshot> {
    const path = kind === 'heap' ? `/debug/pprof/heap${this.options.forceGc ? '?gc=1' : ''}` : '/debug/pprof/goroutine';
    const takenAt = new Date();
    const { artifact, body } = await this.fetch(this.options.pprof, path, 'pprof', `${kind}.pb.gz`);
    let taken: TakenSnapshot;
    try {
      taken = { kind, takenAt, artifact, loaded: { family: 'go', name: artifact.path, snapshot: parseGoSnapshot(body, artifact.path) } };
    } catch (err) {
      throw new GclensError('unsupported-format', `the ${kind} profile ${artifact.path} is recorded but could not be read: ${messageOf(err)}`);
    }
    if (!this.stopped) this.context.sink.snapshot(taken);
    return taken;
  }

  private async pollMemStats(): Promise<void> {
    const { artifact, body } = await this.fetch(this.options.pprof, '/debug/pprof/heap?debug=1', 'heap-text', 'heap-debug1.txt');
    if (this.stopped || !this.options.memStatsEvents) return;
    const snapshot = parseGoSnapshot(body, artifact.path);
    if (snapshot.kind !== 'heap-text') throw new GclensError('unsupported-format', `${artifact.path} has no runtime.MemStats block`);
    const { fresh, missed } = this.ring.take(snapshot.gcEvents);
    if (missed > 0) this.context.sink.note(`${missed} collections passed between two MemStats polls and fell out of its 256-pause ring.`);
    if (fresh.length > 0) this.context.sink.records(fresh, artifact.id);
  }

  /** GET, saved as an artifact whatever it answers; throws unless it answered 200. */
  private async fetch(endpoint: HttpEndpoint, path: string, kind: ArtifactKind, name: string): Promise<Fetched> {
    const url = `http://${endpoint.host}:${endpoint.port}${path}`;
    const { host, session, sink } = this.context;
    let response;
    try {
      response = await host.httpGet({ host: endpoint.host, port: endpoint.port, path, timeoutMs: REQUEST_TIMEOUT_MS, maxBytes: MAX_PROFILE_BYTES });
    } catch (err) {
      if (!this.stopped) sink.suspectExit(`GET ${url}: ${messageOf(err)}`);
      throw err;
    }
    if (response.status !== 200) {
      await session.addArtifact('other', `${name}.http${response.status}.txt`, response.body, `GET ${url}`);
      throw new GclensError('io', `GET ${url} answered ${response.status}`);
    }
    const artifact = await session.addArtifact(kind, name, response.body, `GET ${url}`);
    return { artifact, body: response.body };
  }

  private noteOnce(key: string, text: string): void {
    if (this.missingNoted.has(key)) return;
    this.missingNoted.add(key);
    this.context.sink.note(text);
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => undefined);
    return work;
  }
}
