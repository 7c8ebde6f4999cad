/**
 * What a listed process offers to collect from, as short lines the process
 * list shows: each source either available (with where it is) or missing
 * (with why, and what to do about it).
 */
import type { ProcessInfo, StreamTarget } from '../../../shared/process-info';

export interface Offer {
  /** gctrace, pprof, expvar, gc-log, nmt, jstat. */
  source: string;
  available: boolean;
  text: string;
}

export function streamText(stream: StreamTarget): string {
  switch (stream.kind) {
    case 'file':
      return stream.path ? `a file (${stream.path})` : 'a file';
    case 'journal':
      return 'the journal';
    case 'pipe':
      return 'a pipe';
    case 'tty':
      return stream.path ? `a terminal (${stream.path})` : 'a terminal';
    case 'socket':
      return 'a socket';
    case 'null':
      return '/dev/null';
    default:
      return 'somewhere gclens cannot see';
  }
}

/** gctrace can be tailed from a file or the journal; a pipe or a terminal gives gclens nothing to read. */
function gctraceReadable(stream: StreamTarget): boolean {
  return stream.kind === 'file' || stream.kind === 'journal';
}

export function offersOf(process: ProcessInfo): Offer[] {
  if (process.runtime === 'go') {
    const { gctrace, stderr, pprof, expvar } = process.offers;
    const offers: Offer[] = [];
    if (gctrace === 'on') {
      const readable = gctraceReadable(stderr);
      offers.push({
        source: 'gctrace',
        available: readable,
        text: readable
          ? `gctrace on, stderr to ${streamText(stderr)}`
          : `gctrace on, but stderr goes to ${streamText(stderr)}: nothing to tail`,
      });
    } else {
      offers.push({
        source: 'gctrace',
        available: false,
        text:
          gctrace === 'off'
            ? 'gctrace off (GODEBUG has no gctrace=1; a running Go program cannot switch it on)'
            : 'gctrace unknown (its environment is not readable)',
      });
    }
    offers.push(
      pprof
        ? { source: 'pprof', available: true, text: `pprof on port ${pprof.port}` }
        : {
            source: 'pprof',
            available: false,
            text:
              process.offers.listenPorts.length > 0
                ? `no pprof on its ports (${process.offers.listenPorts.join(', ')})`
                : 'no pprof (it listens on no TCP port)',
          },
    );
    if (expvar) offers.push({ source: 'expvar', available: true, text: `/debug/vars on port ${expvar.port}` });
    return offers;
  }
  const { gcLogs, nmt, hsperfdata } = process.offers;
  const logs = (gcLogs ?? []).filter((log) => log.path !== null);
  const offers: Offer[] = [];
  if (gcLogs === null) offers.push({ source: 'gc-log', available: false, text: 'GC log not known yet (jcmd not asked)' });
  else if (logs.length === 0) offers.push({ source: 'gc-log', available: false, text: 'no GC log to a file (one can be switched on for the attach)' });
  else offers.push({ source: 'gc-log', available: true, text: `GC log ${logs.map((log) => log.path).join(', ')}` });
  offers.push({
    source: 'nmt',
    available: nmt === 'on',
    text: nmt === 'on' ? 'NMT on' : nmt === 'off' ? 'NMT off (needs -XX:NativeMemoryTracking)' : 'NMT unknown',
  });
  offers.push({
    source: 'jstat',
    available: hsperfdata,
    text: hsperfdata ? 'jstat (hsperfdata)' : 'no hsperfdata: jstat and jcmd -l cannot see it',
  });
  return offers;
}

/** The JVM has no GC log to a file (or it is not known yet): the attach may switch one on. */
export function mayEnableGcLog(process: ProcessInfo): boolean {
  if (process.runtime !== 'jvm') return false;
  return !(process.offers.gcLogs ?? []).some((log) => log.path !== null);
}
