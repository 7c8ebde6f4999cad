/**
 * jcmd and jstat for one JVM, through a Host: the tools beside the target's
 * own java when they are there (the same JDK speaks the same attach
 * protocol and hsperfdata layout), else the ones on PATH; run as the JVM's
 * user, since HotSpot accepts attach only from its own uid (or root).
 */
import { posix } from 'node:path';
import type { JvmProcessInfo } from '../../shared/process-info';
import { GclensError } from '../../shared/result';
import { explainUserSwitch, explainUserSwitchError, jcmdProblem } from '../discovery/jcmd';
import { parseStatus } from '../discovery/proc-files';
import type { Host, StreamExit, StreamHandle, StreamOptions } from '../host/host';

export const JCMD_TIMEOUT_MS = 30_000;
const JCMD_MAX_OUTPUT_BYTES = 256 * 1024 * 1024;
/** What jcmd says when the JVM is not there (any more). */
const TARGET_GONE = /not found|No such process|Unable to open socket file|target process \d+ doesn't respond|AttachNotSupportedException/i;

export class JvmTools {
  private readonly located = new Map<string, Promise<string>>();
  private asUser: Promise<string | undefined> | null = null;

  constructor(
    private readonly host: Host,
    private readonly target: Pick<JvmProcessInfo, 'pid' | 'user' | 'exe' | 'container'>,
  ) {}

  get pid(): number {
    return this.target.pid;
  }

  /** `jcmd PID args…`'s output; GclensError 'not-found' when the JVM is gone, 'io' on another failure. */
  async jcmd(args: string[], timeoutMs = JCMD_TIMEOUT_MS): Promise<string> {
    const program = await this.tool('jcmd');
    const asUser = await this.user();
    const result = await this.host.run([program, String(this.target.pid), ...args], { timeoutMs, maxOutputBytes: JCMD_MAX_OUTPUT_BYTES, asUser }).catch((err: unknown) => {
      throw explainUserSwitchError(err, 'jcmd', asUser);
    });
    const output = result.stdout.toString('utf8');
    const what = `jcmd ${this.target.pid} ${args.join(' ')}`;
    if (result.timedOut) throw new GclensError('io', `${what} timed out after ${timeoutMs} ms`);
    const all = output + result.stderr.toString('utf8');
    if (result.code !== 0) throw new GclensError(TARGET_GONE.test(all) ? 'not-found' : 'io', `${what} failed: ${jcmdProblem(all)}`);
    // jcmd answers 0 and prints the exception when the command itself failed.
    if (/^(java\.lang\.\w+Exception|Exception in thread)/m.test(output)) throw new GclensError('io', `${what} failed: ${jcmdProblem(output)}`);
    return output;
  }

  /** `jstat -gc -t PID intervalMs`: follows until stopped or the JVM exits (jstat then exits too). */
  async jstatArgv(intervalMs: number): Promise<string[]> {
    return [await this.tool('jstat'), '-gc', '-t', String(this.target.pid), String(intervalMs)];
  }

  /** jstat, following the JVM, run as the JVM's user. */
  async spawnAsTarget(argv: string[], options: Pick<StreamOptions, 'onStdout' | 'onStderr'>): Promise<StreamHandle> {
    const asUser = await this.user();
    const handle = this.host.spawnStream(argv, { ...options, asUser });
    if (asUser === undefined) return handle;
    const explain = (exit: StreamExit): StreamExit => (exit.error === null ? exit : { ...exit, error: explainUserSwitch(exit.error, 'jstat', asUser) });
    return {
      get pid() {
        return handle.pid;
      },
      exited: handle.exited.then(explain),
      stop: () => handle.stop().then(explain),
    };
  }

  /** Runs a program as the JVM's user (to delete a file it wrote). */
  async runAsTarget(argv: string[], timeoutMs: number): Promise<void> {
    const result = await this.host.run(argv, { timeoutMs, asUser: await this.user() });
    if (result.code !== 0) throw new GclensError('io', `${argv.join(' ')} failed: ${result.stderr.toString('utf8').trim() || `exit ${result.code}`}`);
  }

  /** The user jcmd and jstat run as through sudo, or undefined when gclens runs them as itself. */
  runsAs(): Promise<string | undefined> {
    return this.user();
  }

  private tool(name: 'jcmd' | 'jstat'): Promise<string> {
    const { exe, container } = this.target;
    if (container || !exe) return Promise.resolve(name);
    const beside = posix.join(posix.dirname(exe), name);
    let found = this.located.get(beside);
    if (!found) {
      found = this.host.stat(beside).then((info) => (info?.isFile ? beside : name), () => name);
      this.located.set(beside, found);
    }
    return found;
  }

  /** The JVM's user, unless gclens is root there (root may attach to any JVM, and sudo may be missing). */
  private user(): Promise<string | undefined> {
    this.asUser ??= this.host
      .readFile('/proc/self/status')
      .then((text) => (parseStatus(String(text)).uid === 0 ? undefined : this.target.user))
      .catch(() => this.target.user);
    return this.asUser;
  }
}
