/**
 * One program on the box, on its own exec channel: how it is started, how its
 * pid is learnt, how it is ended. Shared by Host.run and Host.spawnStream.
 *
 * Every program starts as `sh -c 'echo "$$" >&2; exec "$@"' sh ARGV…`: the
 * first line on stderr is its pid (taken off before stderr reaches anyone).
 * Ending it cannot rely on SSH channel signals alone: sshd refuses them for
 * root logins ("session signalling requires privilege separation") and for
 * servers older than OpenSSH 7.9. So a signal goes both ways: on the channel,
 * and as `kill -s SIG PID` run on a second channel (through the same sudo
 * when the program runs as another user). When the box has coreutils'
 * `timeout`, a program with a time limit also runs under it, a little longer
 * than our own timer: the box ends it even if our channel is gone.
 */
import type { ClientChannel } from 'ssh2';
import { GclensError } from '../../shared/result';
import { checkPid, remoteCommandLine } from './shell-quote';
import type { ChannelExit, Link, SshConnection } from './ssh-connection';

/** What sudo -n prints when it will not run the program (as opposed to the program failing). */
const SUDO_REFUSAL = /^sudo: .*(password is required|terminal is required|tty|not in the sudoers|not allowed to|unknown user|may not run sudo)/m;
const PID_WRAPPER = ['sh', '-c', 'echo "$$" >&2; exec "$@"', 'sh'];
/** kill is a shell builtin: it is there even where procps is not. */
const KILL = ['sh', '-c', 'kill -s "$1" "$2"', 'sh'];
/** The box's own limit runs this much past ours, as a backstop. */
const REMOTE_LIMIT_SLACK_MS = 2000;

export interface ExecContext {
  connection: SshConnection;
  /** user@box:port, for messages. */
  label: string;
  /** The login user on the box: asUser equal to it runs directly. */
  loginUser: string;
  /** Whether the box has coreutils' timeout (asked once per host). */
  hasRemoteTimeout(): Promise<boolean>;
  killGraceMs: number;
}

export interface PreparedRemote {
  command: string;
  program: string;
  /** Set when the program runs through sudo. */
  asUser: string | null;
}

export interface StartOptions {
  env?: Record<string, string>;
  asUser?: string;
  timeoutMs?: number;
}

/** The command line for argv with the options' user, environment and time limit. */
export async function prepareRemote(ctx: ExecContext, argv: string[], options: StartOptions): Promise<PreparedRemote> {
  const asUser = options.asUser !== undefined && options.asUser !== ctx.loginUser ? options.asUser : null;
  // Validates the argv and names before anything goes on the wire.
  remoteCommandLine({ argv, env: options.env, asUser });
  const timeout =
    options.timeoutMs !== undefined && (await ctx.hasRemoteTimeout()) ? { limitMs: options.timeoutMs + REMOTE_LIMIT_SLACK_MS, graceMs: ctx.killGraceMs } : null;
  return { command: remoteCommandLine({ argv: [...PID_WRAPPER, ...argv], env: options.env, asUser, timeout }), program: argv[0]!, asUser };
}

/** `TERM` (as SSH names signals) to `SIGTERM` (as Node and RunResult do). */
export function signalName(name: string | undefined | null): string | null {
  if (!name) return null;
  return name.startsWith('SIG') ? name : `SIG${name}`;
}

/** Sends `signal` to `pid` on the box, as `asUser` when set; best effort, never throws. */
export async function killOnBox(ctx: ExecContext, pid: number, signal: 'TERM' | 'KILL', asUser: string | null): Promise<void> {
  try {
    const command = remoteCommandLine({ argv: [...KILL, signal, String(checkPid(pid))], asUser });
    const { channel } = await ctx.connection.exec(command, 5000);
    channel.resume();
    channel.stderr.resume();
    await new Promise((resolve) => channel.once('close', resolve));
  } catch {
    // The link is down or the process is gone: nothing more to do.
  }
}

export interface ProcessEnd {
  /** Null when the channel closed without an exit status. */
  exit: { code: number | null; signal: string | null } | null;
  /** The link went away under it. */
  linkDropped: boolean;
}

export class RemoteProcess {
  readonly ended: Promise<ProcessEnd>;
  private pidOnBox: number | null = null;
  private pendingSignal: 'TERM' | 'KILL' | null = null;
  private terminating = false;
  private timers: NodeJS.Timeout[] = [];
  private exit: ProcessEnd['exit'] = null;

  /** Starts argv on the box; waits up to `waitMs` for a link and a free channel. */
  static async start(
    ctx: ExecContext,
    argv: string[],
    options: StartOptions,
    waitMs: number,
    handlers: { onStdout(chunk: Buffer): void; onStderr(chunk: Buffer): void; onPid?(pid: number): void },
  ): Promise<RemoteProcess> {
    const prepared = await prepareRemote(ctx, argv, options);
    const { channel, link, exit } = await ctx.connection.exec(prepared.command, waitMs);
    return new RemoteProcess(ctx, prepared, channel, link, exit, handlers);
  }

  private constructor(
    private readonly ctx: ExecContext,
    readonly prepared: PreparedRemote,
    private readonly channel: ClientChannel,
    readonly link: Link,
    exitStatus: () => ChannelExit | null,
    handlers: { onStdout(chunk: Buffer): void; onStderr(chunk: Buffer): void; onPid?(pid: number): void },
  ) {
    channel.on('data', (chunk: Buffer) => handlers.onStdout(chunk));
    let pidLine: Buffer | null = Buffer.alloc(0);
    channel.stderr.on('data', (chunk: Buffer) => {
      if (pidLine === null) return handlers.onStderr(chunk);
      const joined = Buffer.concat([pidLine, chunk]);
      const newline = joined.indexOf(0x0a);
      if (newline < 0) {
        pidLine = joined;
        return;
      }
      pidLine = null;
      const text = joined.subarray(0, newline).toString('latin1');
      // Not a pid: sudo or the shell spoke before our line (a refusal, a missing sh); it is theirs to read.
      if (!/^[0-9]+$/.test(text)) return handlers.onStderr(joined);
      this.learnPid(checkPid(text), handlers.onPid);
      const rest = joined.subarray(newline + 1);
      if (rest.length > 0) handlers.onStderr(rest);
    });
    channel.on('exit', (code: number | null, signal?: string) => {
      this.exit = { code: signal ? null : code, signal: signalName(signal) };
      // A child of an ended program may still hold its output open: do not wait for it.
      if (this.terminating) this.timers.push(setTimeout(() => this.channel.close(), 100));
    });
    this.ended = new Promise((resolve) =>
      channel.once('close', () => {
        for (const timer of this.timers) clearTimeout(timer);
        // The status may have come before the listener above was added: the connection kept it.
        const early = exitStatus();
        this.exit ??= early && { code: early.code, signal: signalName(early.signal) };
        resolve({ exit: this.exit, linkDropped: this.exit === null && link.isClosed() });
      }),
    );
  }

  get pid(): number | null {
    return this.pidOnBox;
  }

  /** SIGTERM now, SIGKILL after the grace period, then the channel is closed. Safe to call twice. */
  terminate(): void {
    if (this.terminating) return;
    this.terminating = true;
    this.signal('TERM');
    const grace = this.ctx.killGraceMs;
    this.timers.push(
      setTimeout(() => this.signal('KILL'), grace),
      // Nothing answered: closing the channel is all that is left (the box's `timeout` does the rest).
      setTimeout(() => this.channel.close(), grace + 3000),
    );
  }

  private signal(signal: 'TERM' | 'KILL'): void {
    try {
      this.channel.signal(signal);
    } catch {
      // The channel is closed already.
    }
    if (this.pidOnBox === null) this.pendingSignal = signal;
    else void killOnBox(this.ctx, this.pidOnBox, signal, this.prepared.asUser);
  }

  private learnPid(pid: number, onPid?: (pid: number) => void): void {
    this.pidOnBox = pid;
    onPid?.(pid);
    if (this.pendingSignal) void killOnBox(this.ctx, pid, this.pendingSignal, this.prepared.asUser);
    this.pendingSignal = null;
  }
}

/** Turns "the shell or sudo could not start it" into errors, as LocalHost does for spawn failures and sudo refusals. */
export function checkProgramRan(result: { code: number | null; stdout: Buffer; stderr: Buffer }, prepared: PreparedRemote, label: string): void {
  const said = result.stderr.toString('utf8');
  const { program, asUser } = prepared;
  if (result.code === 127 && result.stdout.length === 0) {
    if (asUser !== null && /sudo: (not found|command not found)|: sudo: .*not found|'sudo': No such file/.test(said)) {
      throw new GclensError('not-found', `cannot run ${program} as ${asUser}: sudo is not installed on ${label}`);
    }
    if (/not found|No such file or directory/.test(said)) throw new GclensError('not-found', `${program}: program not found on ${label}`);
  }
  if (asUser === null || result.code !== 1 || result.stdout.length > 0) return;
  if (/^sudo: .*command not found/m.test(said)) throw new GclensError('not-found', `${program}: program not found on ${label} (looked up by sudo as ${asUser})`);
  const refusal = SUDO_REFUSAL.exec(said);
  if (!refusal) return;
  throw new GclensError(
    'io',
    `sudo refused to run ${program} as ${asUser} on ${label} (${refusal[0].trim()}). gclens runs sudo -n and never asks for a password: ` +
      `allow it without one in sudoers on the box, or log in as ${asUser}.`,
  );
}
