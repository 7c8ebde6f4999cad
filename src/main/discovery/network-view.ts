/**
 * What one discovery pass learns once and shares between processes: each
 * network namespace's listener table, /proc/net/unix, and the answers of
 * HTTP probes (cached across passes, so a refreshing list does not ask a
 * service's pprof index every few seconds).
 */
import type { Host } from '../host/host';
import type { GoEndpoints } from './http-probes';
import { readLinkOrNull, readFileOrNull } from './process-basics';
import { parseUnixSocketPaths, type ListeningSocket } from './proc-files';
import { readListenTable } from './listening-sockets';

export class NetworkView {
  private readonly tables = new Map<string, Promise<ListeningSocket[]>>();
  private unixPaths: Promise<Map<number, string>> | null = null;

  constructor(
    private readonly host: Host,
    /** Our own network namespace (/proc/self/ns/net), or null when unreadable. */
    private readonly selfNetNs: string | null,
    private readonly probeCache: Map<string, Promise<GoEndpoints>>,
  ) {}

  async listenTable(pid: number): Promise<ListeningSocket[]> {
    // Every process in a namespace sees the same table: read it once per namespace.
    const key = (await readLinkOrNull(this.host, `/proc/${pid}/ns/net`)) ?? `pid:${pid}`;
    let table = this.tables.get(key);
    if (!table) {
      table = readListenTable(this.host, pid);
      this.tables.set(key, table);
    }
    return table;
  }

  async sharesNetwork(pid: number): Promise<boolean> {
    const ns = await readLinkOrNull(this.host, `/proc/${pid}/ns/net`);
    return ns === null || this.selfNetNs === null || ns === this.selfNetNs;
  }

  unixSocketPaths(): Promise<Map<number, string>> {
    this.unixPaths ??= readFileOrNull(this.host, '/proc/net/unix').then((text) => (text ? parseUnixSocketPaths(text.toString()) : new Map()));
    return this.unixPaths;
  }

  /** Probes once per key (process incarnation and its ports); a failed probe is asked again next pass. */
  probe(key: string, run: () => Promise<GoEndpoints>): Promise<GoEndpoints> {
    let answer = this.probeCache.get(key);
    if (!answer) {
      answer = run();
      this.probeCache.set(key, answer);
      answer.catch(() => this.probeCache.delete(key));
    }
    return answer;
  }
}
