/**
 * The hosts one backend works on: this machine ('local', always there) and
 * SSH hosts connected on request. Each host has its own ProcessDiscovery and
 * AttachManager over its Host, so the same collectors run locally and over
 * SSH with no second code path. Every change of a link is told through
 * `onState` as the host's whole HostInfo.
 */
import type { AttachBrief, AttachEnded, AttachUpdate } from '../../shared/contract';
import { LOCAL_HOST_ID, type HostConnectRequest, type HostInfo } from '../../shared/hosts-contract';
import { GclensError } from '../../shared/result';
import type { Attach } from '../attach/attach';
import { AttachManager } from '../attach/attach-manager';
import { ProcessDiscovery } from '../discovery/process-discovery';
import type { Host } from '../host/host';
import type { LoadedSnapshot } from '../snapshots/snapshot-registry';
import { resolveRoute, type SshEnvironment } from '../ssh/ssh-config';
import { SshConnection, type LinkStateEvent } from '../ssh/ssh-connection';
import { SshHost } from '../ssh/ssh-host';
import type { HostPrompts } from './host-prompts';

export interface HostEntry {
  info: HostInfo;
  host: Host;
  discovery: ProcessDiscovery;
  attaches: AttachManager;
  /** Stops hearing the link's state (SSH hosts). */
  unlisten: () => void;
}

export interface HostRegistryOptions {
  local: Host;
  prompts: HostPrompts;
  onState(info: HostInfo): void;
  sessionsDir: string;
  registerSnapshot(loaded: LoadedSnapshot, path: string): string;
  onUpdate(update: AttachUpdate): void;
  onEnded(ended: AttachEnded): void;
  updateIntervalMs?: number;
  /** Where ~/.ssh/config and the agent are (tests point it elsewhere). */
  sshEnvironment?: SshEnvironment;
  /** Told of each new SSH login that succeeded, with what it was given (the recent hosts); awaited before connect answers. */
  onConnected?(request: HostConnectRequest): Promise<void>;
}

export class HostRegistry {
  private readonly entries = new Map<string, HostEntry>();
  private nextId = 1;
  private disposed = false;

  constructor(private readonly options: HostRegistryOptions) {
    const info: HostInfo = { hostId: LOCAL_HOST_ID, kind: 'local', label: options.local.label, destination: null, state: 'connected', message: null };
    this.entries.set(LOCAL_HOST_ID, this.entryFor(info, options.local, () => {}));
  }

  list(): HostInfo[] {
    return [...this.entries.values()].map((entry) => ({ ...entry.info }));
  }

  get(hostId: string = LOCAL_HOST_ID): HostEntry {
    const entry = this.entries.get(hostId);
    if (!entry) throw new GclensError('not-found', `no host ${hostId}: it was disconnected, or gclens restarted`);
    return entry;
  }

  /** The attach with this id, on whichever host it runs. */
  attach(attachId: string): Attach {
    for (const entry of this.entries.values()) {
      const attach = entry.attaches.find(attachId);
      if (attach) return attach;
    }
    return this.get(LOCAL_HOST_ID).attaches.get(attachId);
  }

  listAttaches(): AttachBrief[] {
    return [...this.entries.values()].flatMap((entry) => entry.attaches.list());
  }

  /** Logs in over SSH (asking through the prompts as needed); a failed first login leaves no host behind. */
  async connect(request: HostConnectRequest): Promise<HostInfo> {
    const { destination, identityFile, knownHostsFile } = request;
    this.checkOpen();
    const same = [...this.entries.values()].find((e) => e.info.destination === destination && e.info.state === 'connected');
    if (same && !identityFile && !knownHostsFile) return { ...same.info };
    const overrides = { ...(identityFile ? { identityFiles: [identityFile] } : {}), ...(knownHostsFile ? { knownHostsFile } : {}) };
    const route = await resolveRoute(destination, overrides, this.options.sshEnvironment);
    const hostId = `ssh-${this.nextId++}`;
    const connection = new SshConnection(route, this.options.prompts.forHost(hostId, route.label));
    const host = new SshHost(connection, { overrides, environment: this.options.sshEnvironment });
    const info: HostInfo = { hostId, kind: 'ssh', label: route.label, destination, state: 'connecting', message: null };
    const entry = this.entryFor(info, host, host.onState((event) => this.linkChanged(entry, event)));
    this.entries.set(hostId, entry);
    try {
      await connection.connect();
    } catch (err) {
      await this.remove(entry, (err as Error).message);
      throw err;
    }
    if (this.disposed) throw new GclensError('cancelled', 'the backend is shutting down');
    await this.options.onConnected?.(request);
    return { ...entry.info };
  }

  /** Ends the host's attaches, then its link. */
  async disconnect(hostId: string): Promise<void> {
    if (hostId === LOCAL_HOST_ID) throw new GclensError('invalid-argument', 'this machine cannot be disconnected');
    await this.remove(this.get(hostId), null);
  }

  /** Every attach ends and every SSH link closes; the local host is the backend's to dispose. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const ssh = [...this.entries.values()].filter((entry) => entry.info.kind === 'ssh');
    await Promise.all([this.get(LOCAL_HOST_ID).attaches.dispose(), ...ssh.map((entry) => this.remove(entry, null))]);
  }

  private entryFor(info: HostInfo, host: Host, unlisten: () => void): HostEntry {
    const { sessionsDir, registerSnapshot, onUpdate, onEnded, updateIntervalMs } = this.options;
    const discovery = new ProcessDiscovery(host);
    const attaches = new AttachManager({ host, hostId: info.hostId, discovery, sessionsDir, registerSnapshot, onUpdate, onEnded, updateIntervalMs });
    return { info, host, discovery, attaches, unlisten };
  }

  private linkChanged(entry: HostEntry, event: LinkStateEvent): void {
    // Closing is told once, by remove(), with the reason it was removed.
    if (event.state === 'closed') return;
    entry.info = { ...entry.info, ...linkState(event) };
    this.options.onState({ ...entry.info });
  }

  private async remove(entry: HostEntry, message: string | null): Promise<void> {
    if (!this.entries.delete(entry.info.hostId)) return;
    this.options.prompts.cancelHost(entry.info.hostId);
    await entry.attaches.dispose();
    entry.unlisten();
    await entry.host.dispose();
    entry.info = { ...entry.info, state: 'closed', message };
    this.options.onState({ ...entry.info });
  }

  private checkOpen(): void {
    if (this.disposed) throw new GclensError('cancelled', 'the backend is shutting down');
  }
}

function linkState(event: LinkStateEvent): Pick<HostInfo, 'state' | 'message'> {
  switch (event.state) {
    case 'connecting':
    case 'connected':
      return { state: event.state, message: null };
    case 'reconnecting': {
      const wait = event.retryInMs === undefined ? '' : ` in ${Math.ceil(event.retryInMs / 1000)} s`;
      return { state: 'reconnecting', message: `the link dropped (${event.reason ?? 'no reason given'}); attempt ${event.attempt ?? 1}${wait}` };
    }
    default:
      return { state: 'down', message: event.reason ?? 'the link is down' };
  }
}
