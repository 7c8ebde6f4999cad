/**
 * Finds the Go and JVM processes on a host and what each offers, through the
 * Host interface only: the same code lists this machine and a box over SSH.
 *
 * list() is the cheap, refreshing view: /proc reads, one read of each
 * distinct binary, and HTTP probes cached per process. jcmd, which starts a
 * JVM of its own per call, runs only when asked (list({ jvmDetails: true }))
 * or for one process in describe().
 */
import type { GoProcessInfo, JvmProcessInfo, ProcessInfo } from '../../shared/process-info';
import { GclensError } from '../../shared/result';
import type { Host } from '../host/host';
import { readGoOffers } from './go-offers';
import type { GoEndpoints } from './http-probes';
import { processTimes, readBootTimeSec, readTicksPerSec, readUptimeSec, type HostClock } from './host-clock';
import { jcmdRunner, type JcmdRunner } from './jcmd';
import { addJcmdDetails, javaVersionFromRelease, readJvmOffers } from './jvm-offers';
import { mapLimit } from './map-limit';
import { NetworkView } from './network-view';
import { readLinkOrNull, readProcessBasics, readProgramAsOwner, type ProcessBasics } from './process-basics';
import { parseEnviron, parsePasswd, parseStatus } from './proc-files';
import { containerHasHsperfdata, hsperfdataPids, RuntimeDetector } from './runtime-detector';
import { journalStreamInode, readStreamTarget } from './stream-target';

/** /proc reads in flight at once; over SSH each may be a channel. */
const PROCESSES_IN_FLIGHT = 16;
/** jcmd calls in flight at once: each starts a JVM on the target machine. */
const JCMD_IN_FLIGHT = 2;

interface Pass {
  clock: HostClock;
  users: Map<number, string>;
  hsperfdata: Set<number>;
  network: NetworkView;
}

interface Found {
  info: ProcessInfo;
  basics: ProcessBasics;
}

interface Self {
  mountNs: string | null;
  netNs: string | null;
  isRoot: boolean;
}

export class ProcessDiscovery {
  private readonly detector: RuntimeDetector;
  private readonly probeCache = new Map<string, Promise<GoEndpoints>>();
  private fixed: Promise<{ ticksPerSec: number; bootTimeSec: number; self: Self; jcmd: JcmdRunner }> | null = null;

  constructor(private readonly host: Host) {
    this.detector = new RuntimeDetector(host);
  }

  /** Every Go and JVM process, by pid. */
  async list(options: { jvmDetails?: boolean } = {}): Promise<ProcessInfo[]> {
    const pass = await this.beginPass();
    const pids = (await this.host.readDir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
    const found = (await mapLimit(pids, PROCESSES_IN_FLIGHT, (pid) => this.inspect(pid, pass).catch(leaveOut))).filter((f): f is Found => f !== null);
    this.detector.endPass();
    this.forgetProbes(found);
    if (!options.jvmDetails) return found.map((f) => f.info);
    return mapLimit(found, JCMD_IN_FLIGHT, (f) => this.withJcmdDetails(f));
  }

  /** One process with everything, jcmd included. */
  async describe(pid: number): Promise<ProcessInfo> {
    if (!Number.isInteger(pid) || pid <= 0) throw new GclensError('invalid-argument', `not a pid: ${pid}`);
    const found = await this.inspect(pid, await this.beginPass());
    if (!found) throw new GclensError('not-found', `no Go or JVM process with pid ${pid} on ${this.host.label}`);
    return this.withJcmdDetails(found);
  }

  private async inspect(pid: number, pass: Pass): Promise<Found | null> {
    const { self } = await this.fixedFacts();
    const basics = await readProcessBasics(this.host, pid, pass.users, self.mountNs);
    if (!basics) return null;
    const hsperfdata = basics.container ? await containerHasHsperfdata(this.host, basics) : pass.hsperfdata.has(pid);
    const detected = await this.detector.detect(basics, hsperfdata);
    if (!detected) return null;
    const common = {
      pid,
      user: basics.user,
      uid: basics.uid,
      command: basics.argv.join(' '),
      argv: basics.argv,
      exe: basics.exe,
      ...processTimes(pass.clock, basics.startTicks),
      rssBytes: basics.rssBytes,
      container: basics.container,
      notes: basics.notes,
    };
    if (detected.runtime === 'go') {
      const offers = await readGoOffers(this.host, basics, pass.network);
      const info: GoProcessInfo = { ...common, runtime: 'go', version: detected.build.goVersion, mainModule: detected.build.mainModule, offers };
      return { info, basics };
    }
    const environ = await this.host.readFile(`/proc/${pid}/environ`).catch(() => null);
    const facts = { journalStreamInode: journalStreamInode(environ ? parseEnviron(environ) : null), unixSocketPaths: () => pass.network.unixSocketPaths() };
    const streams = { stdout: await readStreamTarget(this.host, basics, 1, facts), stderr: await readStreamTarget(this.host, basics, 2, facts) };
    const offers = await readJvmOffers(this.host, basics, hsperfdata, streams);
    const version = await javaVersionFromRelease(this.host, basics);
    const info: JvmProcessInfo = { ...common, runtime: 'jvm', version, offers };
    return { info, basics };
  }

  private async withJcmdDetails({ info, basics }: Found): Promise<ProcessInfo> {
    if (info.runtime !== 'jvm') return info;
    const { jcmd, self } = await this.fixedFacts();
    let { exe, version } = info;
    if (exe === null && !self.isRoot) {
      // jcmd runs as the JVM's user anyway: the same user may read where its java is.
      exe = basics.exe = await readProgramAsOwner(this.host, basics);
      version ??= await javaVersionFromRelease(this.host, basics);
    }
    const detailed = await addJcmdDetails(jcmd, this.host, basics, info.offers, version);
    return { ...info, exe, ...detailed };
  }

  private async beginPass(): Promise<Pass> {
    const { ticksPerSec, bootTimeSec, self } = await this.fixedFacts();
    const [uptimeSec, passwd, hsperfdata] = await Promise.all([
      readUptimeSec(this.host),
      this.host.readFile('/etc/passwd').then(String, () => ''),
      hsperfdataPids(this.host),
    ]);
    return {
      clock: { ticksPerSec, bootTimeSec, uptimeSec },
      users: parsePasswd(passwd),
      hsperfdata,
      network: new NetworkView(this.host, self.netNs, this.probeCache),
    };
  }

  /** What does not change while the host is up: its tick rate, boot time, and who we are there. */
  private fixedFacts() {
    if (this.fixed) return this.fixed;
    this.fixed = (async () => {
      const [ticksPerSec, bootTimeSec, mountNs, netNs, status] = await Promise.all([
        readTicksPerSec(this.host),
        readBootTimeSec(this.host),
        readLinkOrNull(this.host, '/proc/self/ns/mnt'),
        readLinkOrNull(this.host, '/proc/self/ns/net'),
        this.host.readFile('/proc/self/status').then(String),
      ]);
      // Over SSH /proc/self is the remote reader, so this is the login user's uid there.
      const isRoot = parseStatus(status).uid === 0;
      return { ticksPerSec, bootTimeSec, self: { mountNs, netNs, isRoot }, jcmd: jcmdRunner(this.host, isRoot) };
    })();
    // A failed first read (a dropped link) is tried again next time.
    this.fixed.catch(() => (this.fixed = null));
    return this.fixed;
  }

  /** Drops cached probe answers of processes that are gone. */
  private forgetProbes(found: Found[]): void {
    const alive = new Set(found.map((f) => `${f.basics.pid}:${f.basics.startTicks}`));
    for (const key of this.probeCache.keys()) {
      if (!alive.has(key.split(':', 2).join(':'))) this.probeCache.delete(key);
    }
  }
}

/** A process that exits mid-read, or whose files the host refuses, is left out rather than failing the list; a bug is not. */
function leaveOut(err: unknown): null {
  if (err instanceof GclensError) return null;
  throw err;
}
