/**
 * A GC log switched on in a running JVM for the length of an attach, and
 * off again at detach, through jcmd VM.log (JDK 9+):
 *
 *   on:  VM.log output=<file> what=gc*,safepoint decorators=uptime,time,level,tags
 *   off: VM.log output=<file> what=all=off
 *
 * JDK 17 refuses `what=disable` ("Invalid tag 'disable'"); configuring the
 * output with everything off removes it from `VM.log list` (checked after).
 * `VM.log disable` would do it too, but turns off every output, the
 * application's own included. The file lives in /tmp as the JVM sees it
 * (inside its container, where it has one), which any JVM may write.
 */
import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import { GclensError } from '../../shared/result';
import type { JvmTools } from './jvm-tools';

export const GC_LOG_SELECTION = 'gc*,safepoint';
export const GC_LOG_DECORATORS = 'uptime,time,level,tags';

export interface SwitchedLog {
  /** The file as the JVM names it. */
  jvmPath: string;
  /** The same file as the host reads it (through /proc/PID/root for a container). */
  hostPath: string;
}

export function attachLogPath(pid: number, root: string): SwitchedLog {
  const jvmPath = `/tmp/gclens-${pid}-${randomBytes(6).toString('hex')}.log`;
  return { jvmPath, hostPath: root + jvmPath };
}

export async function switchGcLogOn(jcmd: JvmTools, log: SwitchedLog): Promise<void> {
  const answer = await jcmd.jcmd(['VM.log', `output=${log.jvmPath}`, `what=${GC_LOG_SELECTION}`, `decorators=${GC_LOG_DECORATORS}`]);
  if (/Invalid|error/i.test(answer) && !/Command executed successfully/.test(answer)) {
    throw new GclensError('io', `jcmd VM.log refused to add ${log.jvmPath}: ${answer.trim().split('\n').at(-1)}`);
  }
}

/** Switches the attach's output off and answers whether VM.log list still shows it. */
export async function switchGcLogOff(jcmd: JvmTools, log: SwitchedLog): Promise<{ stillListed: boolean }> {
  await jcmd.jcmd(['VM.log', `output=${log.jvmPath}`, 'what=all=off']);
  return { stillListed: listsOutput(await jcmd.jcmd(['VM.log', 'list']), log.jvmPath) };
}

/**
 * Whether a VM.log list answer has a file output for `jvmPath`. Matched on
 * the text, not through parseVmLogList: JDK 17 ends the line of an output
 * configured at run time with " (reconfigured)", which that parser reads as
 * part of the name.
 */
export function listsOutput(listing: string, jvmPath: string): boolean {
  return listing.split('\n').some((line) => /^\s*#\d+: /.test(line) && (line.includes(`file=${jvmPath} `) || line.includes(`file="${jvmPath}" `)));
}

/** The file and the rotated copies the JVM may have made of it (name.0 … name.N). */
export function rotatedNames(names: readonly string[], jvmPath: string): string[] {
  const base = posix.basename(jvmPath);
  return names.filter((name) => name === base || (name.startsWith(`${base}.`) && /^\d+$/.test(name.slice(base.length + 1))));
}
