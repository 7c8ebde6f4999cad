/**
 * The one place where a command line for the remote shell is made. ssh2's
 * exec (like `ssh host CMD`) hands its string to the login shell on the box,
 * so every argument is single-quoted here, and only here: inside single
 * quotes a POSIX shell expands nothing, and a quote itself is written as
 * '\'' (close, escaped quote, reopen). The login shell must be a POSIX one
 * (sh, dash, bash, zsh, ksh): fish reads backslashes inside single quotes.
 *
 * Values that become part of a command in a way quoting cannot make safe
 * (a pid that must be a number, a user name sudo would take as an option, an
 * environment variable name) are checked by the functions below.
 */
import { GclensError } from '../../shared/result';

/** One argument, single-quoted, always (even when it would not need it: one rule, no judgement). */
function quoteOne(arg: string): string {
  if (arg.includes('\0')) throw new GclensError('invalid-argument', `an argument holds a NUL byte: ${JSON.stringify(arg)}`);
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** The argv as one shell command line in which each argument stays exactly itself. */
export function shellQuote(argv: readonly string[]): string {
  if (argv.length === 0) throw new GclensError('invalid-argument', 'no command to run');
  return argv.map(quoteOne).join(' ');
}

/** Linux's pid_max is at most 2^22. */
const PID_MAX = 4_194_304;

/** A process id for a command line: a positive integer, or GclensError('invalid-argument'). */
export function checkPid(pid: unknown): number {
  const value = typeof pid === 'string' && /^[0-9]{1,7}$/.test(pid) ? Number(pid) : pid;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0 || value > PID_MAX) {
    throw new GclensError('invalid-argument', `not a pid: ${JSON.stringify(pid)}`);
  }
  return value;
}

/** POSIX-ish user names; anything else (a leading dash, a colon, a space) never reaches sudo. */
const USER_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*\$?$/;

export function checkUserName(user: string): string {
  if (!USER_NAME.test(user)) throw new GclensError('invalid-argument', `not a user name: ${JSON.stringify(user)}`);
  return user;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function checkEnvName(name: string): string {
  if (!ENV_NAME.test(name)) throw new GclensError('invalid-argument', `not an environment variable name: ${JSON.stringify(name)}`);
  return name;
}

export interface RemoteCommand {
  argv: readonly string[];
  /** Environment variables, passed as `env NAME=value` arguments (sshd drops most `env` requests). */
  env?: Record<string, string>;
  /** Run through `sudo -n -u USER --` (never asks for a password). */
  asUser?: string | null;
  /** Wrap in the box's `timeout -k GRACE LIMIT`, so the program ends even when our channel is gone. */
  timeout?: { limitMs: number; graceMs: number } | null;
  /** Append `2>&1`: stderr joins stdout in the order written (the tail follower reads notices in-band). */
  mergeStderr?: boolean;
}

/**
 * The command line for exec: `exec` (so a signal sent on the channel reaches
 * the program, not a shell waiting for it), then the quoted argv with its
 * wrappers, then constant redirections. Nothing from the caller is ever
 * outside quotes.
 */
export function remoteCommandLine(command: RemoteCommand): string {
  const program = command.argv[0];
  if (program === undefined || program === '') throw new GclensError('invalid-argument', 'run needs a program to run');
  // env, sudo and timeout would read a leading dash as one of their own options.
  if (program.startsWith('-')) throw new GclensError('invalid-argument', `not a program name: ${JSON.stringify(program)}`);
  const envArgs = Object.entries(command.env ?? {}).map(([name, value]) => `${checkEnvName(name)}=${value}`);
  let argv = [...(envArgs.length > 0 ? ['env', ...envArgs] : []), ...command.argv];
  if (command.asUser) argv = ['sudo', '-n', '-u', checkUserName(command.asUser), '--', ...argv];
  if (command.timeout) {
    const seconds = (ms: number) => `${Math.max(1, Math.ceil(ms / 100)) / 10}s`;
    argv = ['timeout', '-k', seconds(command.timeout.graceMs), seconds(command.timeout.limitMs), ...argv];
  }
  // stdin from /dev/null, as a local run has it: the channel stays open for signals (ssh2 sends none after EOF).
  return `exec ${shellQuote(argv)} </dev/null${command.mergeStderr ? ' 2>&1' : ''}`;
}
