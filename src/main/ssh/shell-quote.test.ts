import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { checkPid, checkUserName, remoteCommandLine, shellQuote } from './shell-quote';

/** What a real POSIX shell makes of the command line: each argument printed with a NUL after it. */
function throughSh(argv: string[]): string[] {
  const out = execFileSync('sh', ['-c', `printf '%s\\0' ${shellQuote(argv)}`]).toString();
  return out.split('\0').slice(0, -1);
}

describe('shellQuote', () => {
  const nasty = ["it's", '"double"', '$(id)', '`id`', 'a;b', 'line\nbreak', '$HOME', '*', '~', '\\', "'", "''", '', ' lead', '-n', '!x', '&&', '|', '>f', '#'];

  it('quotes every argument, even plain ones, and writes a quote as \'\\\'\'', () => {
    expect(shellQuote(['ls', '-l'])).toBe("'ls' '-l'");
    expect(shellQuote(["it's"])).toBe("'it'\\''s'");
  });

  it('hands each argument to the program exactly as it was (checked with sh and dash)', () => {
    expect(throughSh(nasty)).toEqual(nasty);
  });

  it('refuses NUL bytes and empty commands', () => {
    expect(() => shellQuote(['a\0b'])).toThrow(/NUL/);
    expect(() => shellQuote([])).toThrow(/no command/);
  });
});

describe('remoteCommandLine', () => {
  it('puts env, sudo and timeout around the argv, all quoted, with stdin from /dev/null', () => {
    expect(remoteCommandLine({ argv: ['jcmd', '42', 'VM.version'], env: { A: 'x y' }, asUser: 'app', timeout: { limitMs: 5000, graceMs: 2000 } })).toBe(
      "exec 'timeout' '-k' '2s' '5s' 'sudo' '-n' '-u' 'app' '--' 'env' 'A=x y' 'jcmd' '42' 'VM.version' </dev/null",
    );
    expect(remoteCommandLine({ argv: ['tail', '-F', 'f'], mergeStderr: true })).toBe("exec 'tail' '-F' 'f' </dev/null 2>&1");
  });

  it('refuses what quoting cannot make safe: a program that looks like an option, bad names', () => {
    expect(() => remoteCommandLine({ argv: ['-rf'] })).toThrow(/not a program name/);
    expect(() => remoteCommandLine({ argv: ['true'], asUser: '-u root' })).toThrow(/not a user name/);
    expect(() => remoteCommandLine({ argv: ['true'], env: { 'A;B': '1' } })).toThrow(/not an environment variable name/);
  });
});

describe('checkPid and checkUserName', () => {
  it('takes positive integers (or their digits) and nothing else', () => {
    expect(checkPid(42)).toBe(42);
    expect(checkPid('4242')).toBe(4242);
    for (const bad of [0, -1, 1.5, Number.NaN, '1; rm -rf /', '$(id)', '', ' 1', '0x10', 5_000_000, null, undefined]) {
      expect(() => checkPid(bad)).toThrow(/not a pid/);
    }
  });

  it('takes POSIX user names', () => {
    expect(checkUserName('app_user-1')).toBe('app_user-1');
    expect(checkUserName('machine$')).toBe('machine$');
    for (const bad of ['-u', 'a b', 'a;b', '', 'root\n']) expect(() => checkUserName(bad)).toThrow(/not a user name/);
  });
});
