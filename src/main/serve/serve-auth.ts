/**
 * Who may talk to serve mode: a request must name this server in its Host
 * header (so a DNS-rebinding page cannot reach it under another name) and
 * carry the per-start token.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { TOKEN_PARAM } from '../../shared/wire';

export const TOKEN_COOKIE = 'gclens_token';

/** `[::1]` for IPv6 literals, as they appear in URLs and Host headers. */
export function hostForUrl(host: string): string {
  return isIPv6(host) ? `[${host}]` : host;
}

export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '';
}

/**
 * Every `host:port` a legitimate browser may put in its Host header. The
 * loopback names always count (they cannot be rebound by a remote DNS
 * server); a wildcard bind also answers on each local interface address and
 * the machine's own name.
 */
export function allowedHostHeaders(boundHost: string, port: number): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]', hostForUrl(boundHost.toLowerCase())]);
  if (isWildcardHost(boundHost)) {
    names.add(hostname().toLowerCase());
    for (const addresses of Object.values(networkInterfaces())) {
      for (const address of addresses ?? []) names.add(hostForUrl(address.address.toLowerCase()));
    }
  }
  return new Set([...names].map((name) => `${name}:${port}`));
}

export function hostAllowed(req: IncomingMessage, allowed: Set<string>): boolean {
  const host = req.headers.host?.toLowerCase();
  return host !== undefined && allowed.has(host);
}

/** A browser sends Origin on WebSocket upgrades and POSTs; it must be this very page's origin. */
export function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return origin.toLowerCase() === `http://${req.headers.host?.toLowerCase() ?? ''}`;
}

function cookieValues(header: string | undefined, name: string): string[] {
  if (!header) return [];
  return header
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${name}=`))
    .map((part) => part.slice(name.length + 1));
}

export interface TokenSources {
  /** Static GETs only: a page's own script and stylesheet tags cannot add the token to their URLs. */
  allowCookie: boolean;
}

export class TokenCheck {
  private readonly expected: Buffer;

  constructor(readonly token: string) {
    // It travels in URLs and a cookie unescaped, so keep to characters safe in both.
    if (!/^[A-Za-z0-9_~.-]{16,512}$/.test(token)) throw new Error('serve token must be 16-512 URL-safe characters');
    this.expected = Buffer.from(token, 'utf8');
  }

  /** The token the request carries in its query, if it is the right one (decides the cookie). */
  queryTokenValid(url: URL): boolean {
    return url.searchParams.getAll(TOKEN_PARAM).some((candidate) => this.matches(candidate));
  }

  authorised(req: IncomingMessage, url: URL, { allowCookie }: TokenSources): boolean {
    const candidates = [...url.searchParams.getAll(TOKEN_PARAM)];
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) candidates.push(auth.slice('Bearer '.length).trim());
    if (allowCookie) candidates.push(...cookieValues(req.headers.cookie, TOKEN_COOKIE));
    // Check every candidate so the time taken does not depend on which one matched.
    let found = false;
    for (const candidate of candidates) found = this.matches(candidate) || found;
    return found;
  }

  private matches(candidate: string): boolean {
    const got = Buffer.from(candidate, 'utf8');
    if (got.length !== this.expected.length) {
      // Same amount of work as a real comparison; the length itself is not secret.
      timingSafeEqual(this.expected, this.expected);
      return false;
    }
    return timingSafeEqual(got, this.expected);
  }
}
