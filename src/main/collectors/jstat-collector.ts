/**
 * The JVM's heap spaces once a second, for the live timeline: one
 * `jstat -gc -t PID 1000` that follows the JVM for the whole attach (one
 * JVM started, not one a second), its output recorded as a growing
 * artifact, then parsed. jstat exits when its target does; an early exit
 * for another reason is retried with a growing pause.
 */
import type { JstatSample } from '../../shared/contract';
import type { StreamHandle } from '../host/host';
import { LineSplitter } from '../parsers/line-splitter';
import type { Collector, CollectorContext } from './collector';
import { JstatParser } from './jstat-parser';
import type { JvmTools } from './jvm-tools';

const RESTART_DELAYS_MS = [1000, 2000, 5000, 10_000, 30_000];

export class JstatCollector implements Collector {
  readonly name = 'jstat';
  private artifactId: string | null = null;
  private stream: StreamHandle | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private restarts = 0;
  private stopped = false;

  constructor(
    private readonly context: CollectorContext,
    private readonly tools: JvmTools,
    private readonly intervalMs = 1000,
  ) {}

  async start(): Promise<void> {
    await this.spawn();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    await this.stream?.stop();
    if (this.artifactId) await this.context.session.finishArtifact(this.artifactId).catch(() => undefined);
    this.context.sink.status({ name: this.name, state: 'stopped', detail: 'detached' });
  }

  private async spawn(): Promise<void> {
    const { session, sink } = this.context;
    const parser = new JstatParser();
    let batch: JstatSample[] = [];
    const splitter = new LineSplitter((text) => {
      const sample = parser.line(text);
      if (sample) batch.push(sample);
    });
    let stderr = '';
    const argv = await this.tools.jstatArgv(this.intervalMs);
    this.artifactId ??= (await session.addArtifact('jstat', 'jstat-gc.txt', '', argv.join(' '), { growing: true })).id;
    if (this.stopped) return;
    const handle = await this.tools.spawnAsTarget(argv, {
      onStdout: (chunk) => {
        // One artifact across restarts: each restart's header line marks where it began.
        if (this.artifactId) void session.appendToArtifact(this.artifactId, chunk).catch(() => undefined);
        splitter.push(chunk);
        if (batch.length > 0) {
          const samples = batch;
          batch = [];
          if (this.artifactId) sink.jstat(samples, this.artifactId);
        }
      },
      onStderr: (chunk) => {
        if (stderr.length < 4096) stderr += chunk.toString('utf8');
      },
    });
    if (this.stopped) {
      await handle.stop();
      return;
    }
    this.stream = handle;
    sink.status({ name: this.name, state: 'running', detail: argv.join(' ') });
    void handle.exited.then((exit) => {
      if (this.stopped) return;
      const why = exit.error ?? (stderr.trim().split('\n').find((l) => /Exception|not found|error/i.test(l)) || `exited with ${exit.code ?? exit.signal}`);
      sink.suspectExit(`jstat: ${why}`);
      const delay = RESTART_DELAYS_MS[this.restarts++];
      if (delay === undefined) {
        sink.status({ name: this.name, state: 'failed', detail: `${argv.join(' ')}: ${why}` });
        return;
      }
      sink.status({ name: this.name, state: 'failed', detail: `${why}; trying again in ${delay / 1000} s` });
      this.restartTimer = setTimeout(() => {
        this.restartTimer = null;
        if (!this.stopped) this.spawn().catch((err: unknown) => sink.note(`jstat: ${(err as Error).message}`));
      }, delay);
    });
  }
}
