/**
 * Pure parsers for the /proc and /etc files discovery reads (proc(5),
 * passwd(5)). No I/O here: the text comes through a Host, local or SSH.
 */

/** /proc/PID/stat: the process start time, in clock ticks after boot (field 22). */
export function parseStartTicks(stat: string): number | null {
  // Field 2 (comm) is in parentheses and may itself hold spaces and ')'.
  const close = stat.lastIndexOf(')');
  if (close < 0) return null;
  const fields = stat.slice(close + 1).trim().split(/\s+/);
  // fields[0] is field 3 (state), so field 22 is fields[19].
  const ticks = Number(fields[19]);
  return Number.isFinite(ticks) ? ticks : null;
}

export interface ProcStatus {
  /** The effective uid (what ps shows, and what jcmd's attach checks). */
  uid: number | null;
  rssBytes: number | null;
  /** The pid in each nested pid namespace, outermost first (NSpid). */
  nsPids: number[];
}

/** /proc/PID/status: `Uid:` (real, effective, saved, fs), `VmRSS:` in kB, `NSpid:`. */
export function parseStatus(text: string): ProcStatus {
  const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(text)?.[1]?.trim();
  const uids = field('Uid')?.split(/\s+/).map(Number);
  const rss = /^(\d+)\s*kB$/.exec(field('VmRSS') ?? '');
  return {
    uid: uids && Number.isFinite(uids[1]) ? uids[1]! : null,
    rssBytes: rss ? Number(rss[1]) * 1024 : null,
    nsPids: (field('NSpid') ?? '').split(/\s+/).filter(Boolean).map(Number),
  };
}

/** /proc/PID/cmdline and /proc/PID/environ: NUL-terminated strings. */
export function splitNul(bytes: Buffer): string[] {
  const parts = bytes.toString('utf8').split('\0');
  if (parts.at(-1) === '') parts.pop();
  return parts;
}

/** NAME=value pairs; a later duplicate wins, as getenv() would see it. */
export function parseEnviron(bytes: Buffer): Map<string, string> {
  const env = new Map<string, string>();
  for (const entry of splitNul(bytes)) {
    const eq = entry.indexOf('=');
    if (eq > 0) env.set(entry.slice(0, eq), entry.slice(eq + 1));
  }
  return env;
}

/** /etc/passwd: uid to user name (the first name listed for a uid wins, as getpwuid answers). */
export function parsePasswd(text: string): Map<number, string> {
  const users = new Map<number, string>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const [name, , uid] = line.split(':');
    const id = Number(uid);
    if (name && uid !== undefined && uid !== '' && Number.isInteger(id) && !users.has(id)) users.set(id, name);
  }
  return users;
}

/** /proc/stat: `btime`, the boot time in seconds since the epoch. */
export function parseBootTimeSec(text: string): number | null {
  const match = /^btime\s+(\d+)$/m.exec(text);
  return match ? Number(match[1]) : null;
}

/** /proc/uptime: seconds since boot (the first number). */
export function parseUptimeSec(text: string): number | null {
  const value = Number(text.trim().split(/\s+/)[0]);
  return Number.isFinite(value) ? value : null;
}

export interface ListeningSocket {
  inode: number;
  /** Printable address: 0.0.0.0, 127.0.0.1, ::, ::1, 10.1.2.3… */
  address: string;
  port: number;
}

const TCP_LISTEN = '0A';

/**
 * /proc/net/tcp and tcp6: the sockets in state LISTEN. Addresses are the
 * kernel's 32-bit words printed in host byte order; every host gclens reads
 * /proc on (x86-64, arm64) is little-endian.
 */
export function parseListeningSockets(text: string): ListeningSocket[] {
  const sockets: ListeningSocket[] = [];
  for (const line of text.split('\n').slice(1)) {
    // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode …
    const fields = line.trim().split(/\s+/);
    if (fields.length < 10 || fields[3] !== TCP_LISTEN) continue;
    const [addressHex, portHex] = (fields[1] ?? '').split(':');
    const inode = Number(fields[9]);
    if (!addressHex || !portHex || !Number.isInteger(inode) || inode === 0) continue;
    sockets.push({ inode, address: formatAddress(addressHex), port: parseInt(portHex, 16) });
  }
  return sockets;
}

function formatAddress(hex: string): string {
  const words = hex.match(/.{8}/g) ?? [];
  // Each word is little-endian: reverse its bytes to network order.
  const bytes = words.flatMap((word) => [6, 4, 2, 0].map((at) => parseInt(word.slice(at, at + 2), 16)));
  if (bytes.length === 4) return bytes.join('.');
  // An IPv4 address mapped into IPv6 (::ffff:a.b.c.d) is the IPv4 address.
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12).join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return compressIpv6(groups);
}

function compressIpv6(groups: string[]): string {
  // The longest run of zero groups becomes '::' (RFC 5952).
  let best = { at: -1, length: 0 };
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === '0') j++;
    if (j - i > best.length && j - i > 1) best = { at: i, length: j - i };
    i = j;
  }
  if (best.at < 0) return groups.join(':');
  return `${groups.slice(0, best.at).join(':')}::${groups.slice(best.at + best.length).join(':')}`;
}

/** /proc/net/unix: socket inode to its bound path (listening and accepted sockets carry the path). */
export function parseUnixSocketPaths(text: string): Map<number, string> {
  const paths = new Map<number, string>();
  for (const line of text.split('\n').slice(1)) {
    // Num RefCount Protocol Flags Type St Inode Path
    const fields = line.trim().split(/\s+/);
    const inode = Number(fields[6]);
    if (fields.length >= 8 && Number.isInteger(inode)) paths.set(inode, fields.slice(7).join(' '));
  }
  return paths;
}

/** `socket:[12345]` or `pipe:[12345]` from a /proc/PID/fd link: the kind and inode. */
export function parseAnonLink(link: string): { kind: string; inode: number } | null {
  const match = /^([a-z_]+):\[(\d+)\]$/.exec(link);
  return match ? { kind: match[1]!, inode: Number(match[2]) } : null;
}
