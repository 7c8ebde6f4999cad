/**
 * What a Go process offers to collect from: gctrace (GODEBUG in its starting
 * environment), where stderr goes, its listening ports, pprof and expvar.
 */
import type { GoOffers, Tristate } from '../../shared/process-info';
import type { Host } from '../host/host';
import { probeGoEndpoints, reachableSockets } from './http-probes';
import { findListeningSockets } from './listening-sockets';
import type { NetworkView } from './network-view';
import { readFileOrNull, type ProcessBasics } from './process-basics';
import { parseEnviron } from './proc-files';
import { journalStreamInode, readStreamTarget } from './stream-target';

export async function readGoOffers(host: Host, process: ProcessBasics, network: NetworkView): Promise<GoOffers> {
  const environ = await readFileOrNull(host, `/proc/${process.pid}/environ`);
  const env = environ ? parseEnviron(environ) : null;
  if (!env) process.notes.push('Its environment (/proc/PID/environ) is readable only by its user or root, so gctrace is unknown.');
  const gctrace: Tristate = env ? (gctraceLevel(env.get('GODEBUG')) > 0 ? 'on' : 'off') : 'unknown';
  if (gctrace === 'off') process.notes.push('gctrace is off, and a running Go program cannot switch it on: restart it with GODEBUG=gctrace=1.');

  const stderr = await readStreamTarget(host, process, 2, {
    journalStreamInode: journalStreamInode(env),
    unixSocketPaths: () => network.unixSocketPaths(),
  });

  const sockets = await findListeningSockets(host, process.pid, await network.listenTable(process.pid));
  if (sockets === null) process.notes.push('Its open files (/proc/PID/fd) are readable only by its user or root, so its ports are unknown.');
  const listening = sockets ?? [];
  const sharesNetwork = await network.sharesNetwork(process.pid);
  const reachable = reachableSockets(listening, sharesNetwork);
  if (reachable.length < listening.length) process.notes.push('Some ports listen on the loopback of another network namespace (a container) and were not probed.');
  // One probe per process incarnation and set of ports: a refreshing list does not ask again.
  const key = `${process.pid}:${process.startTicks}:${reachable.map((s) => `${s.address}:${s.port}`).join(',')}`;
  const endpoints = reachable.length === 0 ? { pprof: null, expvar: null } : await network.probe(key, () => probeGoEndpoints(host, reachable));

  return { gctrace, stderr, listenPorts: [...new Set(listening.map((s) => s.port))], pprof: endpoints.pprof, expvar: endpoints.expvar };
}

/** GODEBUG is read left to right and a later setting wins (runtime/debug docs). */
export function gctraceLevel(godebug: string | undefined): number {
  let level = 0;
  for (const setting of (godebug ?? '').split(',')) {
    const [name, value] = setting.trim().split('=');
    if (name === 'gctrace') level = Number(value) || 0;
  }
  return level;
}
