/**
 * Asks each port a Go process listens on whether it serves net/http/pprof
 * (`/debug/pprof/`, whose index page lists the profiles) and expvar
 * (`/debug/vars`, JSON with memstats). Requests go through Host.httpGet, so
 * over SSH they reach the box's loopback without opening a port here.
 */
import type { HttpEndpoint } from '../../shared/process-info';
import type { Host } from '../host/host';
import type { ListeningSocket } from './proc-files';

export const PPROF_INDEX_PATH = '/debug/pprof/';
export const EXPVAR_PATH = '/debug/vars';
const PROBE_TIMEOUT_MS = 2000;
/** A service listening on dozens of ports is not probed on all of them. */
const MAX_PORTS_PROBED = 8;

export interface GoEndpoints {
  pprof: HttpEndpoint | null;
  expvar: HttpEndpoint | null;
}

/** The address to connect to for a listener: a wildcard is reached on loopback. */
export function connectAddress(socket: ListeningSocket): string {
  return socket.address === '0.0.0.0' || socket.address === '::' ? '127.0.0.1' : socket.address;
}

function isLoopbackOrAny(address: string): boolean {
  return address === '0.0.0.0' || address === '::' || address === '::1' || address.startsWith('127.');
}

/**
 * The listeners the host can reach: all of them when it shares the process's
 * network namespace; in a container's namespace only those on a routable address.
 */
export function reachableSockets(sockets: ListeningSocket[], sharesNetwork: boolean): ListeningSocket[] {
  return sockets.filter((s) => sharesNetwork || !isLoopbackOrAny(s.address));
}

export async function probeGoEndpoints(host: Host, sockets: ListeningSocket[]): Promise<GoEndpoints> {
  const found: GoEndpoints = { pprof: null, expvar: null };
  for (const socket of sockets.slice(0, MAX_PORTS_PROBED)) {
    const address = connectAddress(socket);
    if (!found.pprof && (await isPprofIndex(host, address, socket.port))) found.pprof = { host: address, port: socket.port, path: PPROF_INDEX_PATH };
    if (!found.expvar && (await isExpvar(host, address, socket.port))) found.expvar = { host: address, port: socket.port, path: EXPVAR_PATH };
    if (found.pprof && found.expvar) break;
  }
  return found;
}

async function isPprofIndex(host: Host, address: string, port: number): Promise<boolean> {
  try {
    const response = await host.httpGet({ host: address, port, path: PPROF_INDEX_PATH, timeoutMs: PROBE_TIMEOUT_MS, maxBytes: 256 * 1024 });
    const body = response.body.toString('utf8');
    return response.status === 200 && (body.includes('Types of profiles available') || /href=['"]?(\/debug\/pprof\/)?heap\b/.test(body));
  } catch {
    return false;
  }
}

async function isExpvar(host: Host, address: string, port: number): Promise<boolean> {
  try {
    const response = await host.httpGet({ host: address, port, path: EXPVAR_PATH, timeoutMs: PROBE_TIMEOUT_MS, maxBytes: 8 * 1024 * 1024 });
    if (response.status !== 200) return false;
    const vars: unknown = JSON.parse(response.body.toString('utf8'));
    return typeof vars === 'object' && vars !== null && 'memstats' in vars;
  } catch {
    return false;
  }
}
