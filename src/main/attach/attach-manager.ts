/**
 * Every attach of one backend, by attachId: several at once, each with its
 * own session folder. Creates them (attach to a pid, or launch a Go program
 * with gctrace), answers for them, and ends them all at shutdown. Ended
 * attaches stay readable (session:state) until newer ones push them out.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { AttachBrief, AttachEnded, AttachOptions, AttachUpdate } from '../../shared/contract';
import type { ProcessInfo } from '../../shared/process-info';
import { GclensError } from '../../shared/result';
import type { SessionTarget } from '../../shared/session-manifest';
import { CommandStreamCollector } from '../collectors/command-stream-collector';
import type { ProcessDiscovery } from '../discovery/process-discovery';
import type { Host } from '../host/host';
import { SessionWriter } from '../session';
import type { LoadedSnapshot } from '../snapshots/snapshot-registry';
import { Attach } from './attach';

/** Ended attaches kept for their views. */
const KEEP_ENDED = 20;
/** A launched program gets this long to appear in /proc and to open its pprof port. */
const LAUNCH_SETTLE_MS = 5000;

export interface AttachManagerOptions {
  host: Host;
  /** The host's id in the backend's registry, for views and briefs (default 'local'). */
  hostId?: string;
  discovery: ProcessDiscovery;
  /** Where session folders go when the request names none. */
  sessionsDir: string;
  registerSnapshot(loaded: LoadedSnapshot, path: string): string;
  onUpdate?(update: AttachUpdate): void;
  onEnded?(ended: AttachEnded): void;
  updateIntervalMs?: number;
}

/** $GCLENS_SESSIONS_DIR, else $XDG_DATA_HOME/gclens/sessions (~/.local/share/gclens/sessions). */
export function defaultSessionsDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GCLENS_SESSIONS_DIR) return env.GCLENS_SESSIONS_DIR;
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'gclens', 'sessions');
}

/** $GCLENS_CONFIG_DIR, else $XDG_CONFIG_HOME/gclens (~/.config/gclens): settings such as the recent SSH hosts. */
export function defaultConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GCLENS_CONFIG_DIR) return env.GCLENS_CONFIG_DIR;
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'gclens');
}

export class AttachManager {
  private readonly attaches = new Map<string, Attach>();
  private disposed = false;

  constructor(private readonly options: AttachManagerOptions) {}

  async attach(pid: number, options: AttachOptions = {}): Promise<Attach> {
    this.checkOpen();
    const target = await this.options.discovery.describe(pid);
    const session = await this.createSession(options.outDir, sessionTarget(this.options.host.label, target), target);
    const attach = this.newAttach(session, options);
    await this.started(attach, async () => {
      await this.recordTarget(attach, target);
      await attach.begin(target);
    });
    return attach;
  }

  /** Runs `argv` with GODEBUG=gctrace=1, its stderr recorded and parsed, and attaches to it. Detach ends it. */
  async launch(argv: string[], options: AttachOptions = {}): Promise<Attach> {
    this.checkOpen();
    const command = argv.join(' ');
    const placeholder: SessionTarget = { host: this.options.host.label, pid: null, user: null, command, runtime: 'go', version: null, processStartedAt: null };
    const session = await this.createSession(options.outDir, placeholder, null);
    const attach = this.newAttach(session, { ...options, launchedWithGctrace: true });
    await this.started(attach, async () => {
      const stream = new CommandStreamCollector(attach.context, { kind: 'gctrace', argv, env: { GODEBUG: 'gctrace=1' }, logStream: 'stderr', keepOtherStream: true, format: 'go-gctrace' });
      await attach.adopt(stream);
      const pid = await this.launchedPid(stream);
      if (pid === null) throw new GclensError('io', `${argv[0]} did not start: ${(await stream.exited)?.error ?? 'no pid'}`);
      const target = await this.settle(pid, stream);
      if (target.runtime !== 'go') throw new GclensError('invalid-argument', `${argv[0]} is not a Go program; launching with gctrace is for Go programs`);
      await session.updateSession({ target: sessionTarget(this.options.host.label, target) });
      await this.recordTarget(attach, target);
      await attach.begin(target);
    });
    return attach;
  }

  /** The attach, if this manager holds it (the backend asks each host's manager). */
  find(attachId: string): Attach | undefined {
    return this.attaches.get(attachId);
  }

  get(attachId: string): Attach {
    const attach = this.attaches.get(attachId);
    if (!attach) throw new GclensError('not-found', `no attach ${attachId}: it ended long ago, or the app restarted`);
    return attach;
  }

  list(): AttachBrief[] {
    return [...this.attaches.values()].map((a) => ({
      attachId: a.id,
      sessionDir: a.sessionDir,
      host: a.host,
      pid: a.process.pid,
      runtime: a.process.runtime,
      command: a.process.command,
      status: a.isEnded ? 'ended' : 'attached',
    }));
  }

  detach(attachId: string): Promise<AttachEnded> {
    return this.get(attachId).dispose('detached');
  }

  /** Ends every attach (the app or the server is going away). */
  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all([...this.attaches.values()].map((a) => a.dispose('shutdown')));
  }

  private newAttach(session: SessionWriter, options: AttachOptions & { launchedWithGctrace?: boolean }): Attach {
    const { onUpdate, onEnded } = this.options;
    return new Attach(
      {
        host: this.options.host,
        hostId: this.options.hostId,
        registerSnapshot: this.options.registerSnapshot,
        updateIntervalMs: this.options.updateIntervalMs,
        onUpdate: (update) => onUpdate?.(update),
        onEnded: (ended) => {
          this.forgetOldEnded();
          onEnded?.(ended);
        },
      },
      session,
      options,
    );
  }

  /** Runs the start; a failure ends the attach (closing its session) and is thrown. */
  private async started(attach: Attach, start: () => Promise<void>): Promise<void> {
    try {
      await start();
      this.attaches.set(attach.id, attach);
    } catch (err) {
      await attach.dispose('failed', err instanceof Error ? err.message : String(err)).catch(() => undefined);
      throw err;
    }
  }

  /** The launched program's pid: at once on this machine, after its first bytes over SSH; null when it ended first. */
  private async launchedPid(stream: CommandStreamCollector): Promise<number | null> {
    let exited = false;
    void stream.exited?.then(() => (exited = true));
    const deadline = Date.now() + LAUNCH_SETTLE_MS;
    while (stream.pid === null && !exited && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    return stream.pid;
  }

  /** Discovery's view of a just-launched program, once it has exec'd and (if it will) opened pprof. */
  private async settle(pid: number, stream: CommandStreamCollector): Promise<ProcessInfo> {
    const deadline = Date.now() + LAUNCH_SETTLE_MS;
    let exited = false;
    void stream.exited?.then(() => (exited = true));
    for (;;) {
      const info = await this.options.discovery.describe(pid).catch(() => null);
      if (info && (info.runtime !== 'go' || info.offers.pprof || Date.now() > deadline)) return info;
      if (exited) throw new GclensError('not-found', `the launched program (pid ${pid}) exited at once`);
      if (Date.now() > deadline) throw new GclensError('not-found', `the launched program (pid ${pid}) is not a Go program gclens can see`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** What discovery saw of the process, as the session's first artifact. */
  private async recordTarget(attach: Attach, target: ProcessInfo): Promise<void> {
    const json = JSON.stringify(target, null, 2) + '\n';
    await attach.artifacts.addArtifact('process-info', 'process-info.json', json, `gclens discovery of pid ${target.pid} on ${this.options.host.label}`);
  }

  private async createSession(outDir: string | undefined, target: SessionTarget, info: ProcessInfo | null): Promise<SessionWriter> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const dir = outDir ?? join(this.options.sessionsDir, `${stamp}-${info?.runtime ?? 'go'}-${info?.pid ?? 'launch'}`);
    return SessionWriter.create(dir, { target, clockOffsetMs: this.options.host.kind === 'local' ? null : undefined });
  }

  private forgetOldEnded(): void {
    const ended = [...this.attaches.values()].filter((a) => a.isEnded);
    for (const attach of ended.slice(0, Math.max(0, ended.length - KEEP_ENDED))) this.attaches.delete(attach.id);
  }

  private checkOpen(): void {
    if (this.disposed) throw new GclensError('cancelled', 'the backend is shutting down');
  }
}

function sessionTarget(host: string, target: ProcessInfo): SessionTarget {
  return {
    host,
    pid: target.pid,
    user: target.user,
    command: target.command,
    runtime: target.runtime,
    version: target.version,
    processStartedAt: target.startedAt,
  };
}
