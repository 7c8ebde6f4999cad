/**
 * `gclens ps [--host DEST …] [--json] [--fast]`: the Go and JVM processes on
 * this machine (or on a box over SSH, host-option.ts) and what each offers. --json prints one array of the objects
 * src/shared/process-info.ts describes ({pid, user, runtime, version,
 * command, …}); --fast skips the jcmd calls (GC log, NMT) that take a second
 * or more per JVM.
 */
import type { ProcessInfo } from '../../shared/process-info';
import { ProcessDiscovery } from '../discovery/process-discovery';
import type { Host } from '../host/host';
import { EXIT_OK, parseCliArgs, type CliIo } from './cli-io';
import { HOST_OPTIONS, HOST_USAGE, openCliHost } from './host-option';

export const PS_USAGE = `gclens ps ${HOST_USAGE} [--json] [--fast]`;

/** `host` is for tests; otherwise this machine or --host's; the command owns (and disposes) a host it made. */
export async function runPs(argv: string[], io: CliIo, host?: Host): Promise<number> {
  const { values } = parseOptions(argv);
  const target = host ?? (await openCliHost(values));
  try {
    const processes = await new ProcessDiscovery(target).list({ jvmDetails: !values.fast });
    if (values.json) io.stdout.write(JSON.stringify(processes, null, 2) + '\n');
    else io.stdout.write(formatTable(processes));
    return EXIT_OK;
  } finally {
    if (!host) await target.dispose();
  }
}

function parseOptions(argv: string[]) {
  return parseCliArgs(argv, { ...HOST_OPTIONS, json: { type: 'boolean' }, fast: { type: 'boolean' } }, false);
}

const MIB = 1024 * 1024;
const COMMAND_WIDTH = 60;

export function formatTable(processes: ProcessInfo[]): string {
  if (processes.length === 0) return 'No Go or JVM processes found.\n';
  const rows = processes.map((p) => [
    String(p.pid),
    p.user,
    p.runtime,
    p.version ?? '?',
    formatUptime(p.uptimeSec),
    p.rssBytes === null ? '-' : `${Math.round(p.rssBytes / MIB)} MB`,
    offersOf(p),
    p.command.length > COMMAND_WIDTH ? `${p.command.slice(0, COMMAND_WIDTH - 1)}…` : p.command,
  ]);
  const header = ['PID', 'USER', 'RUNTIME', 'VERSION', 'UPTIME', 'RSS', 'OFFERS', 'COMMAND'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ') + '\n';
  return line(header) + rows.map(line).join('');
}

/** The sources in a few words: where gctrace or the GC log is, pprof's port, NMT. */
function offersOf(p: ProcessInfo): string {
  const parts: string[] = [];
  if (p.runtime === 'go') {
    const o = p.offers;
    if (o.gctrace === 'on') parts.push(`gctrace→${o.stderr.kind === 'file' || o.stderr.kind === 'journal' ? (o.stderr.path ?? o.stderr.kind) : o.stderr.kind}`);
    else parts.push(`gctrace ${o.gctrace}`);
    if (o.pprof) parts.push(`pprof :${o.pprof.port}`);
    if (o.expvar) parts.push(`expvar :${o.expvar.port}`);
  } else {
    const o = p.offers;
    if (o.gcLogs === null) parts.push('gc log ?');
    else if (o.gcLogs.length === 0) parts.push('no gc log');
    else parts.push(...o.gcLogs.map((log) => `gc log→${log.path ?? log.output}`));
    parts.push(`nmt ${o.nmt}`);
  }
  return parts.join(', ');
}

function formatUptime(seconds: number): string {
  if (seconds < 60) return `${Math.floor(seconds)}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(seconds / 86400)}d${Math.floor((seconds % 86400) / 3600)}h`;
}
