/**
 * The SSH link to one box, through its ProxyJump hops, and its life: SSH
 * keepalives notice a dead link, a dropped link is re-established with
 * backoff, and the UI hears every state (connecting, connected, reconnecting,
 * failed, closed). A refused host key or login is final: no retry.
 *
 * Work runs on a Link. A call that finds the link down waits for it to come
 * back (within its own time limit); a Link's `closed` tells the work in
 * flight that its link is gone. Session channels (exec, SFTP) are counted so
 * that sshd's MaxSessions (10 by default) is never exceeded: past it a call
 * queues for a free channel.
 */
import type { Duplex } from 'node:stream';
import type { Client, ClientChannel, ParsedKey, SFTPWrapper } from 'ssh2';
import { GclensError } from '../../shared/result';
import { HostKeyError, type UnknownHostKeyPrompt } from './host-key-check';
import { SshAuthError, type AuthPrompts } from './ssh-auth';
import type { SshRoute } from './ssh-config';
import { forwardFrom, loginToHop, type HopLoginOptions } from './ssh-hop';

export type LinkState = 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'closed';

export interface LinkStateEvent {
  state: LinkState;
  /** Reconnecting: which attempt comes next, and in how long. */
  attempt?: number;
  retryInMs?: number;
  /** Why the link dropped or failed. */
  reason?: string;
}

export interface SshConnectionOptions {
  prompts?: AuthPrompts;
  unknownHostKey?: UnknownHostKeyPrompt;
  /** Things the person should know that are not errors (an unused @cert-authority line, an agent that did not answer). */
  onNote?: (note: string) => void;
  /** SSH keepalive period (default: ServerAliveInterval, else 15 s) and how many may go unanswered (default 3). */
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
  /** Per hop, not counting the time a person takes to answer (default: ConnectTimeout, else 20 s). */
  connectTimeoutMs?: number;
  reconnect?: { initialDelayMs?: number; maxDelayMs?: number; maxAttempts?: number };
  /** Session channels open at once, SFTP included (sshd's MaxSessions, 10 by default). */
  maxSessionChannels?: number;
}

/** How a program run with exec ended, as the server said. */
export interface ChannelExit {
  code: number | null;
  signal: string | null;
}

export interface Link {
  readonly id: number;
  /** The client logged in to the target. */
  readonly client: Client;
  /** Settles with the reason once this link is gone; never rejects. */
  readonly closed: Promise<Error>;
  isClosed(): boolean;
  /** Calls `listener` when the link goes (at once if it is gone); returns its unsubscribe, for work that ends before the link does. */
  onClose(listener: () => void): () => void;
}

interface LiveLink extends Link {
  clients: Client[];
  sftp: Promise<SFTPWrapper> | null;
}

const DEFAULT_KEEPALIVE_MS = 15_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;

export class SshConnection {
  private stateNow: LinkState = 'connecting';
  private current: LiveLink | null = null;
  private lastError: Error | null = null;
  private nextId = 1;
  private closing = false;
  private reconnectWake: (() => void) | null = null;
  private reconnecting = false;
  private readonly listeners = new Set<(event: LinkStateEvent) => void>();
  private readonly waiters = new Set<() => void>();
  private readonly acceptedHostKeys = new Set<string>();
  private readonly decryptedKeys = new Map<string, ParsedKey>();
  private readonly freeChannels: { count: number; queue: Array<() => void> };

  constructor(
    readonly route: SshRoute,
    private readonly options: SshConnectionOptions = {},
  ) {
    this.freeChannels = { count: Math.max(1, (options.maxSessionChannels ?? 10) - 1), queue: [] };
  }

  get state(): LinkState {
    return this.stateNow;
  }

  /** Hears every change of state; returns its unsubscribe. */
  onState(listener: (event: LinkStateEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The first login. Fails at once (no retry) when it cannot be made. */
  async connect(): Promise<void> {
    this.setState({ state: 'connecting' });
    try {
      this.install(await this.establish());
    } catch (err) {
      this.lastError = err as Error;
      this.setState({ state: 'failed', reason: (err as Error).message });
      throw err;
    }
  }

  /** Tries again now: after 'failed', or to cut a reconnect's wait short. */
  reconnect(): void {
    if (this.closing || this.stateNow === 'connected' || this.stateNow === 'connecting') return;
    if (this.reconnectWake) this.reconnectWake();
    else if (!this.reconnecting) void this.reconnectLoop('asked to reconnect');
  }

  /** The current link, waiting up to `waitMs` for one while the connection comes back. */
  async link(waitMs: number): Promise<Link> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      if (this.current) return this.current;
      if (this.closing) throw new GclensError('cancelled', `the SSH connection to ${this.route.label} was closed`);
      if (this.stateNow === 'failed') {
        throw new GclensError('io', `the SSH link to ${this.route.label} is down${this.lastError ? `: ${this.lastError.message}` : ''}`);
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new GclensError('io', `the SSH link to ${this.route.label} is down (${this.stateNow}); waited ${waitMs} ms for it to come back`);
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, left);
        this.waiters.add(done);
      });
    }
  }

  /**
   * Runs `command` (a line from shell-quote.ts) on the target; the channel's place is freed when it closes.
   * `exit()` is the program's exit status once it came: ssh2 may emit 'exit' before the caller's
   * continuation runs (a quick program's reply, output, status and close can arrive in one read).
   */
  async exec(command: string, waitMs: number): Promise<{ channel: ClientChannel; link: Link; exit: () => ChannelExit | null }> {
    const started = Date.now();
    const link = await this.link(waitMs);
    await this.acquireChannel(Math.max(0, waitMs - (Date.now() - started)));
    return new Promise((resolve, reject) => {
      const fail = (err: Error) => {
        this.releaseChannel();
        reject(new GclensError('io', `cannot run a command on ${this.route.label}: ${err.message}`));
      };
      try {
        link.client.exec(command, (err, channel) => {
          if (err) return fail(err);
          channel.once('close', () => this.releaseChannel());
          let exit: ChannelExit | null = null;
          // ssh2 names signals SIGTERM here; old servers' names pass as they are.
          channel.once('exit', (code: number | null, signal?: string) => (exit = { code: signal ? null : code, signal: signal ?? null }));
          resolve({ channel, link, exit: () => exit });
        });
      } catch (err) {
        fail(err as Error);
      }
    });
  }

  /** The link's SFTP session (one per link, opened on first use); opened again on the next link if the link drops meanwhile. */
  async sftp(waitMs: number): Promise<{ sftp: SFTPWrapper; link: Link }> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const link = (await this.link(Math.max(0, deadline - Date.now()))) as LiveLink;
      try {
        return { sftp: await this.openSftp(link), link };
      } catch (err) {
        await new Promise((resolve) => setImmediate(resolve));
        if (!link.isClosed()) throw new GclensError('io', `cannot open SFTP on ${this.route.label}: ${(err as Error).message}`);
      }
    }
  }

  private openSftp(link: LiveLink): Promise<SFTPWrapper> {
    if (!link.sftp) {
      const opening = new Promise<SFTPWrapper>((resolve, reject) => {
        try {
          link.client.sftp((err, sftp) => (err ? reject(err) : resolve(sftp)));
        } catch (err) {
          reject(err as Error);
        }
      });
      link.sftp = opening;
      opening.then(
        (sftp) => sftp.once('close', () => link.sftp === opening && (link.sftp = null)),
        () => link.sftp === opening && (link.sftp = null),
      );
    }
    return link.sftp;
  }

  /** A TCP stream from the target to host:port (direct-tcpip): nothing listens on this machine. */
  async forwardOut(host: string, port: number, waitMs: number): Promise<{ stream: Duplex; link: Link }> {
    const link = await this.link(waitMs);
    return { stream: await forwardFrom(link.client, host, port), link };
  }

  /** Ends the link for good; calls waiting for it fail with 'cancelled'. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.reconnectWake?.();
    const link = this.current;
    this.current = null;
    if (link) {
      for (const client of [...link.clients].reverse()) client.end();
      await Promise.race([link.closed, new Promise((r) => setTimeout(r, 2000).unref())]);
      for (const client of link.clients) client.destroy();
    }
    this.decryptedKeys.clear();
    this.setState({ state: 'closed' });
  }

  private async establish(): Promise<LiveLink> {
    const hops = [...this.route.jumps, this.route.target];
    const clients: Client[] = [];
    try {
      let sock: Duplex | undefined;
      for (let i = 0; i < hops.length; i++) {
        const client = await loginToHop(hops[i]!, this.loginOptions(hops[i]!), sock);
        clients.push(client);
        const next = hops[i + 1];
        if (next) sock = await forwardFrom(client, next.hostName, next.port);
      }
    } catch (err) {
      for (const client of clients.reverse()) client.end();
      throw err;
    }
    const target = clients.at(-1)!;
    let closedFlag = false;
    const closeListeners = new Set<() => void>();
    const closed = new Promise<Error>((resolve) => {
      let reason: Error | null = null;
      for (const client of clients) {
        client.on('error', (err: Error) => (reason ??= err));
        client.once('close', () => {
          closedFlag = true;
          // One hop gone takes the ones behind it: end them all.
          for (const other of clients) if (other !== client) other.end();
          resolve(reason ?? new Error('the connection closed'));
          for (const listener of [...closeListeners]) listener();
          closeListeners.clear();
        });
      }
    });
    const onClose = (listener: () => void) => {
      if (closedFlag) {
        listener();
        return () => {};
      }
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    };
    const link: LiveLink = { id: this.nextId++, client: target, clients, closed, isClosed: () => closedFlag, onClose, sftp: null };
    void closed.then((reason) => this.onLinkClosed(link, reason));
    return link;
  }

  private loginOptions(hop: SshRoute['target']): HopLoginOptions {
    return {
      prompts: this.options.prompts ?? {},
      unknownHostKey: this.options.unknownHostKey,
      onNote: this.options.onNote,
      acceptedHostKeys: this.acceptedHostKeys,
      decryptedKeys: this.decryptedKeys,
      connectTimeoutMs: this.options.connectTimeoutMs ?? hop.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      keepaliveIntervalMs: this.options.keepaliveIntervalMs ?? hop.keepaliveIntervalMs ?? DEFAULT_KEEPALIVE_MS,
      keepaliveCountMax: this.options.keepaliveCountMax ?? hop.keepaliveCountMax ?? 3,
    };
  }

  private install(link: LiveLink): void {
    if (this.closing) {
      for (const client of link.clients) client.end();
      return;
    }
    this.current = link;
    this.lastError = null;
    this.setState({ state: 'connected' });
  }

  private onLinkClosed(link: LiveLink, reason: Error): void {
    if (this.current !== link) return;
    this.current = null;
    if (this.closing) return;
    void this.reconnectLoop(reason.message);
  }

  private async reconnectLoop(why: string): Promise<void> {
    this.reconnecting = true;
    try {
      await this.reconnectWithBackoff(why);
    } finally {
      this.reconnecting = false;
    }
  }

  private async reconnectWithBackoff(why: string): Promise<void> {
    const { initialDelayMs = 500, maxDelayMs = 30_000, maxAttempts = 20 } = this.options.reconnect ?? {};
    let delay = initialDelayMs;
    for (let attempt = 1; !this.closing; attempt++) {
      this.setState({ state: 'reconnecting', attempt, retryInMs: delay, reason: why });
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.reconnectWake = null;
          resolve();
        };
        const timer = setTimeout(wake, delay);
        this.reconnectWake = wake;
      });
      if (this.closing) return;
      try {
        this.install(await this.establish());
        return;
      } catch (err) {
        this.lastError = err as Error;
        why = (err as Error).message;
        const final = err instanceof HostKeyError || err instanceof SshAuthError || (err instanceof GclensError && err.kind === 'invalid-argument');
        if (final || attempt >= maxAttempts) {
          this.setState({ state: 'failed', reason: why });
          return;
        }
      }
      delay = Math.min(delay * 2, maxDelayMs);
    }
  }

  private setState(event: LinkStateEvent): void {
    this.stateNow = event.state;
    for (const wake of [...this.waiters]) wake();
    this.waiters.clear();
    for (const listener of this.listeners) listener(event);
  }

  private acquireChannel(waitMs: number): Promise<void> {
    if (this.freeChannels.count > 0) {
      this.freeChannels.count--;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const take = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        const index = this.freeChannels.queue.indexOf(take);
        if (index >= 0) this.freeChannels.queue.splice(index, 1);
        reject(new GclensError('io', `no free SSH channel to ${this.route.label} within ${waitMs} ms (sshd allows ${this.options.maxSessionChannels ?? 10} at once)`));
      }, waitMs);
      this.freeChannels.queue.push(take);
    });
  }

  private releaseChannel(): void {
    const next = this.freeChannels.queue.shift();
    if (next) next();
    else this.freeChannels.count++;
  }
}
