/**
 * `gclens attach [--host DEST …] PID …`: attach to a Go or JVM process (on
 * this machine, or on a box over SSH: host-option.ts), record a session
 * into a folder, and detach at the end of the duration, on Ctrl-C, or when
 * the process exits. `--launch -- PROGRAM ARGS…` runs a Go program with
 * GODEBUG=gctrace=1 instead and attaches to it (it ends at detach). With
 * --json the last line of stdout is
 * `{"session": DIR, "events": N, "snapshots": N, "artifacts": N}`.
 */
import { randomBytes } from 'node:crypto';
import type { AttachEnded, AttachOptions, AttachUpdate } from '../../shared/contract';
import { AttachManager, defaultSessionsDir } from '../attach/attach-manager';
import type { Attach } from '../attach/attach';
import { ProcessDiscovery } from '../discovery/process-discovery';
import type { Host } from '../host/host';
import { EXIT_OK, parseCliArgs, UsageError, type CliIo } from './cli-io';
import { HOST_OPTIONS, HOST_USAGE, openCliHost } from './host-option';

export const ATTACH_USAGE =
  `gclens attach ${HOST_USAGE} PID [--duration 30s] [--snapshot-every 10s] [--out DIR] [--json] [--enable-gc-log] [--gctrace FILE] [--force-gc]\n` +
  '  gclens attach --launch [options] -- PROGRAM [ARGS…]';

/** How the command learns of Ctrl-C; tests pass their own. */
export interface SignalSource {
  on(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  off(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
}

export interface AttachCommandDeps {
  host?: Host;
  signals?: SignalSource;
}

const PROGRESS_EVERY_MS = 5000;

export async function runAttach(argv: string[], io: CliIo, deps: AttachCommandDeps = {}): Promise<number> {
  const { values, positionals } = parseOptions(argv);
  const durationMs = values.duration === undefined ? null : parseDuration(values.duration, '--duration');
  const snapshotEverySec = values['snapshot-every'] === undefined ? undefined : Math.max(1, Math.round(parseDuration(values['snapshot-every'], '--snapshot-every') / 1000));
  const options: AttachOptions = {
    ...(values.out ? { outDir: values.out } : {}),
    ...(values['enable-gc-log'] ? { enableJvmGcLog: true } : {}),
    ...(values.gctrace ? { gctracePath: values.gctrace } : {}),
    ...(values['force-gc'] ? { pprofForceGc: true } : {}),
    ...(snapshotEverySec ? { pprofIntervalSec: snapshotEverySec, histogramIntervalSec: snapshotEverySec } : {}),
  };
  let pid: number | null = null;
  if (values.launch) {
    if (positionals.length === 0) throw new UsageError('--launch needs a program after --');
  } else {
    if (positionals.length !== 1 || !/^\d+$/.test(positionals[0]!)) throw new UsageError('attach needs one PID (or --launch -- PROGRAM …)');
    pid = Number(positionals[0]);
  }

  const host = deps.host ?? (await openCliHost(values));
  const signals = deps.signals ?? process;
  const say = (text: string) => io.stderr.write(`gclens: ${text}\n`);
  let finish: (reason: 'duration' | 'interrupted' | AttachEnded) => void = () => {};
  const finished = new Promise<'duration' | 'interrupted' | AttachEnded>((resolve) => (finish = resolve));
  const manager = new AttachManager({
    host,
    discovery: new ProcessDiscovery(host),
    sessionsDir: defaultSessionsDir(),
    // Nothing diffs here: the snapshot is recorded in the session, and no copy is kept in memory.
    registerSnapshot: () => randomBytes(12).toString('base64url'),
    onUpdate: (update) => reportNotes(update, say),
    onEnded: (ended) => finish(ended),
  });
  const interrupt = () => finish('interrupted');
  signals.on('SIGINT', interrupt);
  signals.on('SIGTERM', interrupt);
  let timer: NodeJS.Timeout | undefined;
  let progress: NodeJS.Timeout | undefined;
  try {
    const attach = pid === null ? await manager.launch(positionals, options) : await manager.attach(pid, options);
    const view = attach.view();
    say(`attached to ${view.target.runtime} process ${view.target.pid} on ${view.host.label}, recording into ${view.sessionDir}`);
    for (const c of view.collectors) if (c.state !== 'running') say(`${c.name}: ${c.state}: ${c.detail}`);
    if (snapshotEverySec && view.target.runtime === 'jvm') say(`a class histogram every ${snapshotEverySec} s: each forces a full GC in the target`);
    if (durationMs !== null) timer = setTimeout(() => finish('duration'), durationMs);
    if (!values.json) progress = setInterval(() => say(progressLine(attach)), PROGRESS_EVERY_MS);
    const why = await finished;
    const ended = typeof why === 'object' ? why : await attach.dispose(why === 'duration' ? 'duration' : 'detached');
    const summary = { session: ended.sessionDir, events: ended.counts.events, snapshots: ended.counts.snapshots, artifacts: ended.counts.artifacts };
    if (ended.reason === 'target-exited') say(ended.message ?? 'the process exited');
    if (values.json) io.stdout.write(JSON.stringify(summary) + '\n');
    else io.stdout.write(`Recorded ${summary.events} GC events, ${summary.snapshots} snapshots and ${summary.artifacts} artifacts into ${summary.session}\n`);
    return EXIT_OK;
  } finally {
    clearTimeout(timer);
    clearInterval(progress);
    signals.off('SIGINT', interrupt);
    signals.off('SIGTERM', interrupt);
    await manager.dispose();
    if (!deps.host) await host.dispose();
  }
}

function reportNotes(update: AttachUpdate, say: (text: string) => void): void {
  for (const note of update.notes ?? []) say(note);
}

function progressLine(attach: Attach): string {
  const { counts } = attach.view();
  const seconds = Math.round((Date.now() - attach.startedAt.getTime()) / 1000);
  return `${seconds} s: ${counts.events} GC events, ${counts.jstatSamples} jstat samples, ${counts.snapshots} snapshots`;
}

/** `30s`, `500ms`, `2m`, `1h`, or a bare number of seconds. */
export function parseDuration(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) throw new UsageError(`${flag} takes a duration like 30s, 500ms, 2m or 1h, not ${JSON.stringify(text)}`);
  const scale = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  const ms = Number(match[1]) * scale;
  if (ms <= 0) throw new UsageError(`${flag} must be more than zero`);
  return ms;
}

function parseOptions(argv: string[]) {
  return parseCliArgs(argv, {
    ...HOST_OPTIONS,
    duration: { type: 'string' },
    'snapshot-every': { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean' },
    'enable-gc-log': { type: 'boolean' },
    gctrace: { type: 'string' },
    'force-gc': { type: 'boolean' },
    launch: { type: 'boolean' },
  });
}
