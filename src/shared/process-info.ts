/**
 * A Go or JVM process found on a host (this machine or a box over SSH) and
 * what it offers to collect from. Plain JSON: it travels over IPC, the serve
 * WebSocket and `gclens ps --json` as is.
 *
 * Paths in here are readable from the host as they stand: for a process in a
 * container they already go through /proc/PID/root.
 */
export type ProcessRuntime = 'go' | 'jvm';

/** 'unknown' when the host could not tell (another user's /proc files, jcmd refused). */
export type Tristate = 'on' | 'off' | 'unknown';

/** Where one of the process's standard streams (fd 1 or 2) leads. */
export interface StreamTarget {
  kind: 'file' | 'pipe' | 'journal' | 'tty' | 'socket' | 'null' | 'unknown';
  /** The file or terminal; for a file deleted since it was opened, /proc/PID/fd/N (still readable). */
  path?: string;
}

/** An HTTP endpoint on the target machine, reachable with Host.httpGet. */
export interface HttpEndpoint {
  /** The address to connect to (127.0.0.1 for a wildcard listener). */
  host: string;
  port: number;
  path: string;
}

export interface GoOffers {
  /** GODEBUG in the process's starting environment holds gctrace=1 (or more). */
  gctrace: Tristate;
  /** Where gctrace lines go: fd 2. */
  stderr: StreamTarget;
  /** Every TCP port the process listens on. */
  listenPorts: number[];
  /** The net/http/pprof index (/debug/pprof/), when one answered. */
  pprof: HttpEndpoint | null;
  /** expvar's /debug/vars with memstats, when one answered. */
  expvar: HttpEndpoint | null;
}

/** A unified-logging output (or a JDK 8 -Xloggc file) that receives GC messages. */
export interface GcLogOutput {
  output: 'file' | 'stdout' | 'stderr';
  /** The file; for stdout/stderr the file that stream goes to, or null when it is not a file. */
  path: string | null;
  /** As the JVM reports them: `all=off,gc*=info`. */
  selections: string;
  /** `uptime`, `level`, `tags`…; empty for none. */
  decorators: string[];
  /** Where gclens learnt of it: `jcmd VM.log list`, or -Xloggc on the command line. */
  source: 'vm-log' | 'command-line';
}

export interface JvmOffers {
  /** Null until looked up with jcmd (the detailed view), or when jcmd could not tell: see notes. */
  gcLogs: GcLogOutput[] | null;
  /** Native memory tracking, from jcmd VM.native_memory (or the command line before jcmd ran). */
  nmt: Tristate;
  /** The JVM publishes /tmp/hsperfdata_<user>/<pid> (jstat and jcmd -l find it through this). */
  hsperfdata: boolean;
  stdout: StreamTarget;
  stderr: StreamTarget;
}

interface ProcessCommon {
  pid: number;
  /** The effective user's name, or the uid as text when the host's /etc/passwd does not know it. */
  user: string;
  uid: number;
  /** The command line, arguments joined by spaces (argv holds them exactly). */
  command: string;
  argv: string[];
  /** The program file as the process sees it, or null when the host may not read it. */
  exe: string | null;
  /** ISO-8601, from the host's boot time and clock ticks. */
  startedAt: string;
  uptimeSec: number;
  rssBytes: number | null;
  /** In another mount namespace than the host's view: its files are read through /proc/PID/root. */
  container: boolean;
  /** Why a field is 'unknown' or null, and other things the engineer should know. */
  notes: string[];
}

export interface GoProcessInfo extends ProcessCommon {
  runtime: 'go';
  /** From the binary's build info: go1.22.3 */
  version: string | null;
  /** The main module path from the build info. */
  mainModule: string | null;
  offers: GoOffers;
}

export interface JvmProcessInfo extends ProcessCommon {
  runtime: 'jvm';
  /** The Java version: 17.0.15 */
  version: string | null;
  offers: JvmOffers;
}

export type ProcessInfo = GoProcessInfo | JvmProcessInfo;
