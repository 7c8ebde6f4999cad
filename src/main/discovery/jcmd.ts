/**
 * Runs `jcmd PID COMMAND` through a Host with a timeout: the jcmd next to
 * the target's own java when there is one (the same JDK speaks the same
 * attach protocol), else the one on PATH; as the JVM's user, since HotSpot
 * accepts attach only from its own uid (or root).
 */
import { posix } from 'node:path';
import type { Tristate } from '../../shared/process-info';
import { GclensError } from '../../shared/result';
import type { Host } from '../host/host';
import type { ProcessBasics } from './process-basics';

/** jcmd starts a JVM of its own and HotSpot may take seconds to answer an attach on a busy box. */
export const JCMD_TIMEOUT_MS = 15_000;
const JCMD_MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

export interface JcmdRunner {
  (process: ProcessBasics, args: string[]): Promise<string>;
}

/**
 * `asRoot`: gclens runs as root, which HotSpot lets attach to any JVM, so no
 * user switch is needed (and none is possible where sudo is missing).
 */
export function jcmdRunner(host: Host, asRoot: boolean): JcmdRunner {
  const located = new Map<string, Promise<string>>();
  const locate = (process: ProcessBasics): Promise<string> => {
    if (process.container || !process.exe) return Promise.resolve('jcmd');
    const beside = posix.join(posix.dirname(process.exe), 'jcmd');
    let found = located.get(beside);
    if (!found) {
      found = host.stat(beside).then((info) => (info?.isFile ? beside : 'jcmd')).catch(() => 'jcmd');
      located.set(beside, found);
    }
    return found;
  };
  return async (process, args) => {
    const jcmd = await locate(process);
    const asUser = asRoot ? undefined : process.user;
    const result = await host
      .run([jcmd, String(process.pid), ...args], { timeoutMs: JCMD_TIMEOUT_MS, maxOutputBytes: JCMD_MAX_OUTPUT_BYTES, asUser })
      .catch((err: unknown) => {
        throw explainUserSwitchError(err, 'jcmd', asUser);
      });
    const output = result.stdout.toString('utf8');
    const what = `jcmd ${process.pid} ${args.join(' ')}`;
    if (result.timedOut) throw new GclensError('io', `${what} timed out after ${JCMD_TIMEOUT_MS} ms`);
    if (result.code !== 0) throw new GclensError('io', `${what} failed: ${jcmdProblem(output + result.stderr.toString('utf8'))}`);
    return output;
  };
}

/** How LocalHost and SshHost say that sudo could not run a program as another user. */
const USER_SWITCH_FAILED = /^(sudo refused to run \S+ as |cannot run \S+ as \S+: sudo is not installed)/;
const EXPLAINED = " attaches only as the JVM's own user ";

/** Whether a message says the switch to the JVM's user failed (one refusal means every later call fails too). */
export function isUserSwitchFailure(message: string): boolean {
  return USER_SWITCH_FAILED.test(message) || message.includes(EXPLAINED);
}

/**
 * HotSpot answers an attach (jcmd) and shares its hsperfdata (jstat) only
 * with its own uid or root, which is why gclens switches user at all: a
 * switch that failed says so before sudo's own words, or the engineer is
 * left wondering why a JVM tool needed sudo. Other messages pass unchanged.
 */
export function explainUserSwitch(message: string, tool: 'jcmd' | 'jstat', user: string | undefined): string {
  if (user === undefined || !USER_SWITCH_FAILED.test(message)) return message;
  return `${tool}${EXPLAINED}(${user}) or root, so gclens runs it through sudo -n -u ${user}, which failed: ${message}`;
}

/** explainUserSwitch for a GclensError from Host.run (its kind kept); anything else is handed back. */
export function explainUserSwitchError(err: unknown, tool: 'jcmd' | 'jstat', user: string | undefined): unknown {
  if (!(err instanceof GclensError)) return err;
  const message = explainUserSwitch(err.message, tool, user);
  return message === err.message ? err : new GclensError(err.kind, message);
}

/** The line that says what went wrong (an exception, usually), for a note. */
export function jcmdProblem(output: string): string {
  const lines = output.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /Exception|Error|not supported|Unknown/i.test(l)) ?? lines.at(-1) ?? 'no output';
}

/** `VM.native_memory summary` says so when NMT is off; otherwise it prints the summary. */
export function nmtFromJcmd(output: string): Tristate {
  if (output.includes('Native memory tracking is not enabled')) return 'off';
  if (output.includes('Native Memory Tracking')) return 'on';
  return 'unknown';
}

/** `VM.version`: its `JDK 17.0.15` line (JDK 8 prints `JDK 8.0_392`; the VM line holds HotSpot's own number). */
export function javaVersionFromVmVersion(output: string): string | null {
  return /^JDK (\S+)$/m.exec(output)?.[1] ?? null;
}
