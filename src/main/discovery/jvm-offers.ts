/**
 * What a JVM offers: its Java version, its GC log outputs, NMT, hsperfdata
 * and where stdout and stderr go. The cheap part reads files only (the
 * `release` file beside its java, the command line); the detailed part asks
 * the JVM itself through jcmd, which takes a second or more per call.
 */
import { posix } from 'node:path';
import type { GcLogOutput, JvmOffers, StreamTarget, Tristate } from '../../shared/process-info';
import type { Host } from '../host/host';
import { isUserSwitchFailure, javaVersionFromVmVersion, jcmdProblem, nmtFromJcmd, type JcmdRunner } from './jcmd';
import { hostPath, readFileOrNull, readLinkOrNull, type ProcessBasics } from './process-basics';
import { outputFileName, parseVmLogList, selectsGc } from './vm-log-list';

/** `<java.home>/release`: bin/java sits two levels below it (three in a JDK 8 jre/). */
export async function javaVersionFromRelease(host: Host, process: ProcessBasics): Promise<string | null> {
  if (!process.exe) return null;
  const bin = posix.dirname(process.exe);
  for (const home of [posix.dirname(bin), posix.dirname(posix.dirname(bin))]) {
    const release = await readFileOrNull(host, hostPath(process, posix.join(home, 'release')), { maxBytes: 64 * 1024 });
    const version = release ? /^JAVA_VERSION="([^"]+)"/m.exec(release.toString())?.[1] : undefined;
    if (version) return version;
  }
  return null;
}

/** From the command line: -XX:NativeMemoryTracking (the last one wins) and JDK 8's -Xloggc file. */
export function jvmFlagsFromArgv(argv: string[]): { nmt: Tristate; gcLogFile: string | null } {
  let nmt: Tristate = 'unknown';
  let gcLogFile: string | null = null;
  for (const arg of argv) {
    const tracking = /^-XX:NativeMemoryTracking=(\w+)$/.exec(arg)?.[1];
    if (tracking) nmt = tracking === 'off' ? 'off' : 'on';
    if (arg.startsWith('-Xloggc:')) gcLogFile = arg.slice('-Xloggc:'.length);
  }
  return { nmt, gcLogFile };
}

/** The offers read without attaching to the JVM. */
export async function readJvmOffers(host: Host, process: ProcessBasics, hsperfdata: boolean, streams: { stdout: StreamTarget; stderr: StreamTarget }): Promise<JvmOffers> {
  const flags = jvmFlagsFromArgv(process.argv);
  const gcLogs: GcLogOutput[] | null = flags.gcLogFile
    ? [{ output: 'file', path: await resolveLogFile(host, process, flags.gcLogFile), selections: 'gc', decorators: [], source: 'command-line' }]
    : null;
  return { gcLogs, nmt: flags.nmt, hsperfdata, ...streams };
}

/**
 * Adds what only the JVM can say: its GC log outputs (VM.log list), NMT
 * (VM.native_memory summary), and its version when no release file told it.
 * A refusal becomes a note and leaves the cheap answer in place.
 */
export async function addJcmdDetails(jcmd: JcmdRunner, host: Host, process: ProcessBasics, offers: JvmOffers, version: string | null): Promise<{ offers: JvmOffers; version: string | null }> {
  let userRefused = false;
  const ask = async (args: string[]): Promise<string | null> => {
    // A refused switch to the JVM's user refuses every call: say it once.
    if (userRefused) return null;
    try {
      return await jcmd(process, args);
    } catch (err) {
      const message = (err as Error).message;
      userRefused = isUserSwitchFailure(message);
      process.notes.push(message);
      return null;
    }
  };
  const logList = await ask(['VM.log', 'list']);
  let gcLogs = offers.gcLogs;
  if (logList !== null && logList.includes('Log output configuration:')) {
    gcLogs = await gcLogsFromVmLog(host, process, logList, offers);
  } else if (logList !== null) {
    // JDK 8 has no VM.log: only -Xloggc on the command line says where its log goes.
    process.notes.push(`jcmd VM.log list: ${jcmdProblem(logList)}`);
  }
  const nmtOutput = await ask(['VM.native_memory', 'summary']);
  const nmt = nmtOutput === null ? offers.nmt : nmtFromJcmd(nmtOutput);
  if (nmt === 'off') process.notes.push('Native memory tracking is off; it can only be switched on at start (-XX:NativeMemoryTracking=summary).');
  const vmVersion = version === null ? await ask(['VM.version']) : null;
  return { offers: { ...offers, gcLogs, nmt }, version: version ?? (vmVersion ? javaVersionFromVmVersion(vmVersion) : null) };
}

async function gcLogsFromVmLog(host: Host, process: ProcessBasics, listing: string, streams: { stdout: StreamTarget; stderr: StreamTarget }): Promise<GcLogOutput[]> {
  const logs: GcLogOutput[] = [];
  for (const output of parseVmLogList(listing)) {
    if (!selectsGc(output.selections)) continue;
    const common = { selections: output.selections, decorators: output.decorators, source: 'vm-log' as const };
    const file = outputFileName(output.name);
    if (file !== null) logs.push({ output: 'file', path: await resolveLogFile(host, process, file), ...common });
    else if (output.name === 'stdout' || output.name === 'stderr') {
      const stream = streams[output.name];
      logs.push({ output: output.name, path: stream.kind === 'file' ? (stream.path ?? null) : null, ...common });
    }
  }
  return logs;
}

/** %t in a log file name: the JVM's start time as YYYY-MM-DD_HH-MM-SS. */
const TIMESTAMP = '\\d{4}-\\d{2}-\\d{2}_\\d{2}-\\d{2}-\\d{2}';

/**
 * The file the JVM writes, readable from the host: %p expanded to the pid
 * the JVM sees, %t matched against the directory (the newest match), a
 * relative name resolved against the JVM's working directory.
 */
export async function resolveLogFile(host: Host, process: ProcessBasics, name: string): Promise<string | null> {
  let absolute = name.replaceAll('%p', String(process.nsPid));
  if (!absolute.startsWith('/')) {
    const cwd = await readLinkOrNull(host, `/proc/${process.pid}/cwd`);
    if (cwd === null) {
      process.notes.push(`The GC log ${name} is relative to a working directory the host does not show.`);
      return null;
    }
    absolute = posix.join(cwd, absolute);
  }
  if (!absolute.includes('%t')) return hostPath(process, absolute);

  const dir = posix.dirname(absolute);
  const pattern = new RegExp(`^${posix.basename(absolute).split('%t').map(escapeRegExp).join(TIMESTAMP)}$`);
  let newest: { path: string; mtimeMs: number } | null = null;
  for (const entry of await host.readDir(hostPath(process, dir)).catch(() => [] as string[])) {
    if (!pattern.test(entry)) continue;
    const path = hostPath(process, posix.join(dir, entry));
    const info = await host.stat(path).catch(() => null);
    if (info && (!newest || info.mtimeMs > newest.mtimeMs)) newest = { path, mtimeMs: info.mtimeMs };
  }
  if (!newest) process.notes.push(`No file in ${dir} matches the GC log name ${name}.`);
  return newest?.path ?? null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
