/**
 * Which collectors an attach runs, from what discovery found the process
 * offers and what the engineer asked for. A source that is not there is
 * said so, with what would make it available, rather than left out
 * silently.
 */
import type { AttachOptions } from '../../shared/contract';
import type { GoProcessInfo, JvmProcessInfo, ProcessInfo } from '../../shared/process-info';
import { messageOf, type Collector, type CollectorContext } from '../collectors/collector';
import { CommandStreamCollector, journalArgv } from '../collectors/command-stream-collector';
import { JstatCollector } from '../collectors/jstat-collector';
import { attachLogPath, rotatedNames, switchGcLogOff, switchGcLogOn, type SwitchedLog } from '../collectors/jvm-gc-log-switch';
import { JvmSnapshotCollector } from '../collectors/jvm-snapshot-collector';
import { JvmTools } from '../collectors/jvm-tools';
import { LogTailCollector } from '../collectors/log-tail-collector';
import { PprofCollector } from '../collectors/pprof-collector';

export const DEFAULT_PPROF_INTERVAL_SEC = 30;

export interface PlannedCollectors {
  collectors: Collector[];
  /** Takers of on-demand snapshots, where the target has them. */
  pprof: PprofCollector | null;
  jvm: JvmSnapshotCollector | null;
  /** Undone at detach, once the collectors have stopped; `targetGone`: the process exited. */
  cleanups: Array<(targetGone: boolean) => Promise<void>>;
}

export interface PlanOptions extends AttachOptions {
  /** gclens launched the program and already reads its stderr. */
  launchedWithGctrace?: boolean;
}

export async function planCollectors(context: CollectorContext, target: ProcessInfo, options: PlanOptions): Promise<PlannedCollectors> {
  return target.runtime === 'go' ? planGo(context, target, options) : planJvm(context, target, options);
}

function planGo(context: CollectorContext, target: GoProcessInfo, options: PlanOptions): PlannedCollectors {
  const { sink } = context;
  const collectors: Collector[] = [];
  const { offers } = target;
  let gctrace = options.launchedWithGctrace === true;
  if (options.gctracePath) {
    collectors.push(new LogTailCollector(context, { kind: 'gctrace', path: options.gctracePath, format: 'go-gctrace' }));
    gctrace = true;
  } else if (!gctrace && offers.gctrace !== 'off') {
    const stderr = offers.stderr;
    if (stderr.kind === 'file' && stderr.path) {
      collectors.push(new LogTailCollector(context, { kind: 'gctrace', path: stderr.path, format: 'go-gctrace' }));
      gctrace = true;
    } else if (stderr.kind === 'journal') {
      collectors.push(new CommandStreamCollector(context, { kind: 'gctrace', argv: journalArgv(target.pid), logStream: 'stdout', format: 'go-gctrace' }));
      gctrace = true;
    } else {
      sink.status({
        name: 'gctrace',
        state: 'unavailable',
        detail: `gctrace is ${offers.gctrace} but stderr goes to ${stderr.kind === 'unknown' ? 'a place gclens cannot see' : `a ${stderr.kind}`}: name the file it is written to, or launch the program under gclens`,
      });
    }
  } else if (!gctrace) {
    sink.status({
      name: 'gctrace',
      state: 'unavailable',
      detail: 'gctrace is off, and a running Go program cannot switch it on: restart it with GODEBUG=gctrace=1, or launch it under gclens',
    });
  }

  let pprof: PprofCollector | null = null;
  if (offers.pprof) {
    pprof = new PprofCollector(context, {
      pprof: offers.pprof,
      expvar: offers.expvar,
      intervalMs: (options.pprofIntervalSec ?? DEFAULT_PPROF_INTERVAL_SEC) * 1000,
      forceGc: options.pprofForceGc === true,
      memStatsEvents: !gctrace,
      processStartMs: Number.isNaN(Date.parse(target.startedAt)) ? null : Date.parse(target.startedAt),
    });
    collectors.push(pprof);
  } else {
    sink.status({ name: 'pprof', state: 'unavailable', detail: 'no net/http/pprof endpoint answered on the ports it listens on: import _ "net/http/pprof" and serve it on a loopback port' });
    if (!gctrace) sink.note('Neither gctrace nor pprof is available: no GC events can be collected from this process.');
  }
  return { collectors, pprof, jvm: null, cleanups: [] };
}

async function planJvm(context: CollectorContext, target: JvmProcessInfo, options: PlanOptions): Promise<PlannedCollectors> {
  const { sink, host } = context;
  const tools = new JvmTools(host, target);
  const collectors: Collector[] = [];
  const cleanups: PlannedCollectors['cleanups'] = [];
  const root = target.container ? `/proc/${target.pid}/root` : '';

  const existing = (target.offers.gcLogs ?? []).find((log) => log.path !== null);
  if (existing?.path) {
    collectors.push(new LogTailCollector(context, { kind: 'gc-log', path: existing.path }));
  } else if (options.enableJvmGcLog) {
    const log = attachLogPath(target.pid, root);
    try {
      await switchGcLogOn(tools, log);
      sink.note(`A GC log was switched on for this attach at ${log.jvmPath}; it is switched off again at detach.`);
      collectors.push(new LogTailCollector(context, { kind: 'gc-log', path: log.hostPath }));
      cleanups.push((targetGone) => switchOff(context, tools, log, targetGone));
    } catch (err) {
      sink.status({ name: 'gc-log', state: 'failed', detail: `could not switch a GC log on: ${messageOf(err)}` });
    }
  } else {
    const why = target.offers.gcLogs === null ? 'jcmd could not list its log outputs' : 'it writes no GC log to a file';
    sink.status({ name: 'gc-log', state: 'unavailable', detail: `${why}: attach with "switch a GC log on" to add one for the attach (jcmd VM.log)` });
  }

  if (target.offers.hsperfdata) collectors.push(new JstatCollector(context, tools));
  else sink.status({ name: 'jstat', state: 'unavailable', detail: 'the JVM publishes no hsperfdata (-XX:-UsePerfData), which jstat reads' });

  const jvm = new JvmSnapshotCollector(context, tools, { histogramIntervalMs: options.histogramIntervalSec ? options.histogramIntervalSec * 1000 : null, root });
  collectors.push(jvm);
  return { collectors, pprof: null, jvm, cleanups };
}

/** Switches the attach's GC log off (unless the JVM is gone), checks it is gone, and deletes its files. */
async function switchOff(context: CollectorContext, tools: JvmTools, log: SwitchedLog, targetGone: boolean): Promise<void> {
  const { sink, host } = context;
  if (!targetGone) {
    try {
      const { stillListed } = await switchGcLogOff(tools, log);
      sink.note(stillListed ? `The GC log ${log.jvmPath} is still listed by VM.log list after switching it off.` : `The GC log ${log.jvmPath} was switched off.`);
    } catch (err) {
      sink.note(`Switching the GC log ${log.jvmPath} off failed: ${messageOf(err)}; it stays on until the JVM exits.`);
      return;
    }
  }
  // Its bytes are in the session; the file (and rotated copies) would only fill /tmp.
  const dir = log.hostPath.slice(0, log.hostPath.lastIndexOf('/'));
  const names = rotatedNames(await host.readDir(dir).catch(() => []), log.jvmPath);
  if (names.length === 0) return;
  await tools.runAsTarget(['rm', '-f', '--', ...names.map((name) => `${dir}/${name}`)], 30_000).catch((err: unknown) => sink.note(`Deleting ${log.hostPath}: ${messageOf(err)}`));
}
