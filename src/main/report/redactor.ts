/**
 * Finds and replaces what should not leave the building with a report:
 * host names, IP addresses (v4 and v6), user names, `-D…password=…`-style
 * arguments and secret-looking environment values (`API_TOKEN=…`). Each
 * value found gets one token (`[host-1]`, `[ip-2]`, `[user-1]`, `[secret]`),
 * the same everywhere it appears, so a reader can still tell that two
 * places name the same box without learning which box.
 *
 * Host and user names cannot be told from text by their shape alone (a
 * Java class name looks like a host name), so they are found where their
 * context says what they are: a URL, `user@host`, `host:port`, a flag or
 * property named host/server/address, a home directory path, the session's
 * own target fields. Once found, a value is replaced wherever it stands as
 * a whole word. Loopback and unspecified addresses (127.0.0.1, ::1, 0.0.0.0)
 * identify nothing and are kept.
 */

export type RedactionCategory = 'host' | 'ip' | 'user' | 'secret';

export interface RedactionHit {
  category: RedactionCategory;
  value: string;
  replacement: string;
  /** Where it was found: manifest fields, and raw artifacts with how many lines. */
  places: Map<string, number>;
}

const SECRET_WORDS = new Set(['password', 'passwd', 'pass', 'pwd', 'passphrase', 'secret', 'token', 'key', 'apikey', 'credential', 'credentials', 'private', 'privatekey']);
const HOST_WORDS = new Set(['host', 'hostname', 'server', 'servers', 'addr', 'address', 'endpoint', 'broker', 'brokers', 'node', 'nodes']);

/** The words of a property, flag or variable name: `javax.net.ssl.keyStorePassword` -> javax net ssl key store password. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

const hasWord = (name: string, words: ReadonlySet<string>) => nameWords(name).some((w) => words.has(w));

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`(?<![\\w.])${OCTET}(?:\\.${OCTET}){3}(?!\\w|\\.\\d)`, 'g');
const IPV4_EXACT = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);
const IPV6_CANDIDATE = /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:])/g;
/** A value: quoted, or up to the next space. */
const VALUE = `("[^"]*"|'[^']*'|[^\\s"']+)`;
/** `-Dname=value`, `--name=value`, `-name=value`, `NAME=value` (env), `name: value` is not matched: too common in logs. */
const ASSIGNMENT = new RegExp(`(?<![\\w.-])((?:-D|-{1,2})?)([A-Za-z_][\\w.-]*)=${VALUE}`, 'g');
/** `--password hunter2`: a long flag, then its value as the next argument. */
const FLAG_VALUE = new RegExp(`(?<![\\w-])(--[A-Za-z][\\w.-]*)\\s+(?!-)${VALUE}`, 'g');
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/:@[\]]+)(?::([^\s/@]+))?@/gi;
const URL_HOST = /\b[a-z][a-z0-9+.-]*:\/\/(?:[^\s/@]*@)?([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)(?=[:/\s"'?#]|$)/gi;
const USER_AT_HOST = /(?<![\w.@-])([a-z_][a-z0-9_.-]{0,31})@([A-Za-z][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*)(?![\w-])/g;
/** `db.example.com:5432`; not after a path separator, and not `main.go:42` (a source file and line). */
const HOST_PORT = /(?<![\w./\\-])([A-Za-z][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})(?=:\d{1,5}(?!\d))/g;
const SOURCE_FILE = /\.(go|java|kt|scala|groovy|clj|c|h|cc|cpp|hpp|s|py|rb|rs|js|ts|class|jar|so|log|txt|gz|json)$/i;
const HOME_PATH = /(\/home\/|\/Users\/|[A-Za-z]:\\Users\\)([^\s/\\'"]+)/g;

function isIpv6(text: string): boolean {
  const [head, ...rest] = text.split('::');
  if (rest.length > 1) return false;
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const all = [...groups(head), ...groups(rest[0])];
  const last = all[all.length - 1];
  const v4 = last !== undefined && last.includes('.');
  if (v4 && !new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`).test(last)) return false;
  const hex = v4 ? all.slice(0, -1) : all;
  if (!hex.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  const width = hex.length + (v4 ? 2 : 0);
  return rest.length === 1 ? width <= 7 : width === 8;
}

const KEPT_ADDRESSES = /^(?:127\.\d+\.\d+\.\d+|0\.0\.0\.0|::1?|0:0:0:0:0:0:0:[01])$/;
const NOT_NAMES = new Set(['localhost', 'root', 'unknown', 'this machine', '']);

export interface KnownValues {
  hosts?: Array<string | null>;
  users?: Array<string | null>;
}

export class Redactor {
  private readonly hits = new Map<string, RedactionHit>();
  private readonly counters: Record<RedactionCategory, number> = { host: 0, ip: 0, user: 0, secret: 0 };
  /** Found host and user names, replaced as whole words wherever they appear. */
  private readonly names = new Map<string, RedactionHit>();

  constructor(known: KnownValues = {}) {
    for (const host of known.hosts ?? []) if (host) this.note('host', host);
    for (const user of known.users ?? []) if (user) this.note('user', user);
  }

  /** Forgets where values were seen (not the values): after a pass that only looked for them. */
  resetPlaces(): void {
    for (const hit of this.hits.values()) hit.places.clear();
  }

  /** Everything found so far, in the order first found. */
  found(): RedactionHit[] {
    return [...this.hits.values()];
  }

  /**
   * Redacts one piece of text. `place` names where it came from (a
   * manifest field, an artifact) for the preview; `count` adds to that
   * place's tally (one per line of an artifact).
   */
  redact(text: string, place: string): string {
    const seen = new Set<RedactionHit>();
    const mark = (hit: RedactionHit | null): string => {
      if (!hit) return '';
      seen.add(hit);
      return hit.replacement;
    };
    let out = text.replace(URL_USERINFO, (_m, scheme: string, user: string, password: string | undefined) => {
      const u = mark(this.note('user', user));
      return `${scheme}${u}${password === undefined ? '' : `:${mark(this.note('secret', password))}`}@`;
    });
    out = out.replace(ASSIGNMENT, (m, dash: string, name: string, value: string) => {
      const bare = value.replace(/^["']|["']$/g, '');
      if (hasWord(name, SECRET_WORDS) && bare !== '' && !bare.startsWith('[')) return `${dash}${name}=${mark(this.note('secret', bare))}`;
      if (/^(user|username|user\.name|login)$/i.test(name) && bare !== '') return `${dash}${name}=${mark(this.note('user', bare))}`;
      if (hasWord(name, HOST_WORDS)) this.noteHosts(bare);
      return m;
    });
    out = out.replace(FLAG_VALUE, (m, flag: string, value: string) => {
      if (hasWord(flag, SECRET_WORDS)) return `${flag} ${mark(this.note('secret', value.replace(/^["']|["']$/g, '')))}`;
      if (hasWord(flag, HOST_WORDS)) this.noteHosts(value.replace(/^["']|["']$/g, ''));
      return m;
    });
    for (const m of out.matchAll(URL_HOST)) this.noteHost(m[1]!);
    for (const m of out.matchAll(USER_AT_HOST)) {
      this.note('user', m[1]!);
      this.noteHost(m[2]!);
    }
    for (const m of out.matchAll(HOST_PORT)) this.noteHost(m[1]!);
    out = out.replace(HOME_PATH, (m, prefix: string, user: string) => (user.startsWith('[') ? m : `${prefix}${mark(this.note('user', user))}`));
    out = out.replace(IPV4, (ip) => (KEPT_ADDRESSES.test(ip) ? ip : mark(this.note('ip', ip))));
    out = out.replace(IPV6_CANDIDATE, (ip) => (isIpv6(ip) && !KEPT_ADDRESSES.test(ip) ? mark(this.note('ip', ip)) : ip));
    out = this.replaceNames(out, mark);
    for (const hit of seen) hit.places.set(place, (hit.places.get(place) ?? 0) + 1);
    return out;
  }

  private replaceNames(text: string, mark: (hit: RedactionHit) => string): string {
    if (this.names.size === 0) return text;
    // Longest first, so db1.prod.example.com goes before db1.
    const values = [...this.names.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    const pattern = new RegExp(`(?<![\\w.-])(?:${values.map(escapeRegExp).join('|')})(?![\\w-]|\\.\\w)`, 'g');
    return text.replace(pattern, (value) => mark(this.names.get(value)!));
  }

  private noteHosts(list: string): void {
    for (const part of list.split(/[,;\s]+/)) {
      const host = part.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/[:/].*$/, '');
      if (/^[A-Za-z][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*$/.test(host)) this.noteHost(host);
    }
  }

  private noteHost(host: string): void {
    if (IPV4_EXACT.test(host) || SOURCE_FILE.test(host)) return;
    this.note('host', host);
  }

  private note(category: RedactionCategory, value: string): RedactionHit | null {
    if (NOT_NAMES.has(value.toLowerCase()) || /^\[(host|ip|user)-\d+\]$|^\[secret\]$/.test(value)) return null;
    const key = `${category}\u0000${value}`;
    let hit = this.hits.get(key);
    if (!hit) {
      const replacement = category === 'secret' ? '[secret]' : `[${category}-${++this.counters[category]}]`;
      hit = { category, value, replacement, places: new Map() };
      this.hits.set(key, hit);
      if (category === 'host' || category === 'user') this.names.set(value, hit);
    }
    return hit;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
