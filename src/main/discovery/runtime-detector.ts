/**
 * Tells Go and JVM processes from the rest. A JVM: its program is `java`, or
 * it publishes /tmp/hsperfdata_<user>/<pid> (HotSpot's perf data, what jps
 * and jcmd -l list). A Go program: its binary holds Go build info. Binaries
 * are identified by path, inode, size and mtime, so the fifty shells on a box
 * cost one read of bash, and a refreshing list re-reads nothing.
 */
import { posix } from 'node:path';
import type { Host } from '../host/host';
import { readGoBuildInfo, type GoBuildInfo } from './go-build-info';
import { hostPath, type ProcessBasics } from './process-basics';

export type Detected = { runtime: 'go'; build: GoBuildInfo } | { runtime: 'jvm' } | null;

export class RuntimeDetector {
  private readonly builds = new Map<string, Promise<GoBuildInfo | null>>();
  private seen = new Set<string>();

  constructor(private readonly host: Host) {}

  async detect(process: ProcessBasics, hsperfdata: boolean): Promise<Detected> {
    const program = process.exe ?? process.argv[0] ?? '';
    if (hsperfdata || posix.basename(program) === 'java') return { runtime: 'jvm' };
    if (!process.exe) return null;
    const build = await this.goBuildInfo(process);
    return build ? { runtime: 'go', build } : null;
  }

  /** Forgets binaries no process used since the last call. */
  endPass(): void {
    for (const key of this.builds.keys()) if (!this.seen.has(key)) this.builds.delete(key);
    this.seen = new Set();
  }

  private async goBuildInfo(process: ProcessBasics): Promise<GoBuildInfo | null> {
    // Through /proc/PID/exe: the very binary running, even in a container or replaced on disk since.
    const path = `/proc/${process.pid}/exe`;
    const info = await this.host.stat(path).catch(() => null);
    if (!info) return null;
    const key = `${hostPath(process, process.exe ?? '')}|${info.inode}|${info.size}|${info.mtimeMs}`;
    this.seen.add(key);
    let build = this.builds.get(key);
    if (!build) {
      build = readGoBuildInfo((offset, length) => this.host.readFile(path, { offset, maxBytes: length })).catch(() => null);
      this.builds.set(key, build);
    }
    return build;
  }
}

/** The pids with a perf data file in this machine's /tmp/hsperfdata_* directories. */
export async function hsperfdataPids(host: Host, tmp = '/tmp'): Promise<Set<number>> {
  const pids = new Set<number>();
  const entries = await host.readDir(tmp).catch(() => [] as string[]);
  for (const dir of entries.filter((e) => e.startsWith('hsperfdata_'))) {
    for (const name of await host.readDir(`${tmp}/${dir}`).catch(() => [] as string[])) {
      if (/^\d+$/.test(name)) pids.add(Number(name));
    }
  }
  return pids;
}

/** For a process in a container: its own /tmp, named by the pid it sees. */
export async function containerHasHsperfdata(host: Host, process: ProcessBasics): Promise<boolean> {
  return (await hsperfdataPids(host, hostPath(process, '/tmp'))).has(process.nsPid);
}
