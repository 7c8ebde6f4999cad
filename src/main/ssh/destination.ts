/**
 * The destination a person types, as OpenSSH reads it: `[user@]host[:port]`,
 * `[user@][v6addr]:port`, `ssh://[user@]host[:port]`, or an ssh_config alias.
 * Host and user names are held to the characters OpenSSH itself accepts on
 * its command line (no shell metacharacters, no leading dash), so a name never
 * carries anything a shell or an option parser could act on.
 */
import { GclensError } from '../../shared/result';

export interface Destination {
  /** The login user, when the destination names one. */
  user: string | null;
  /** A host name, an IP address (v6 without brackets) or an ssh_config alias. */
  host: string;
  port: number | null;
}

/** Letters, digits and `_ . % + -` (aliases and DNS names); no leading dash. */
const HOST_NAME = /^[A-Za-z0-9_.%+][A-Za-z0-9_.%+-]*$/;
/** An IPv6 address, with an optional zone (fe80::1%eth0). */
const IPV6 = /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[A-Za-z0-9_.-]+)?$/;
/** Login names: POSIX ones plus `@` and `\` for directory accounts (user@corp, CORP\user). */
const LOGIN_NAME = /^[A-Za-z0-9_.\\][A-Za-z0-9_.@\\-]*\$?$/;

function bad(text: string, why: string): GclensError {
  return new GclensError(
    'invalid-argument',
    `not an SSH destination: ${JSON.stringify(text)} (${why}); expected user@host[:port], user@[v6addr]:port or an ssh_config alias`,
  );
}

export function parsePort(text: string, what = 'port'): number {
  if (!/^[0-9]{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535) {
    throw new GclensError('invalid-argument', `not a ${what}: ${JSON.stringify(text)}`);
  }
  return Number(text);
}

export function isValidHostName(host: string): boolean {
  return HOST_NAME.test(host) || IPV6.test(host);
}

export function parseDestination(text: string): Destination {
  let rest = text;
  if (rest === '') throw bad(text, 'it is empty');
  if (/\s/.test(rest)) throw bad(text, 'it holds white space');
  if (rest.startsWith('ssh://')) rest = rest.slice('ssh://'.length).replace(/\/$/, '');

  let user: string | null = null;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    user = rest.slice(0, at);
    rest = rest.slice(at + 1);
    if (!LOGIN_NAME.test(user)) throw bad(text, `${JSON.stringify(user)} is not a user name`);
  }

  let host: string;
  let portText: string | null = null;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) throw bad(text, 'the [ has no ]');
    host = rest.slice(1, close);
    const after = rest.slice(close + 1);
    if (after !== '') {
      if (!after.startsWith(':')) throw bad(text, `unexpected ${JSON.stringify(after)} after ]`);
      portText = after.slice(1);
    }
  } else {
    const colons = rest.split(':').length - 1;
    // Two colons or more: a bare IPv6 address, which cannot carry a port.
    if (colons === 1) [host, portText] = rest.split(':') as [string, string];
    else host = rest;
  }
  if (!isValidHostName(host)) throw bad(text, `${JSON.stringify(host)} is not a host name`);
  let port: number | null = null;
  if (portText !== null) {
    try {
      port = parsePort(portText);
    } catch {
      throw bad(text, `${JSON.stringify(portText)} is not a port`);
    }
  }
  return { user, host, port };
}

/** `user@host:port` for people, with brackets around an IPv6 address. */
export function formatDestination(user: string, host: string, port: number): string {
  return `${user}@${host.includes(':') ? `[${host}]` : host}:${port}`;
}
