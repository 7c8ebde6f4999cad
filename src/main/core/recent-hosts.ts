/**
 * The SSH logins that succeeded lately, newest first, kept in
 * CONFIG_DIR/recent-hosts.json so Add host can offer them after a restart.
 * Only what hosts:connect was given is kept (the destination, the paths of a
 * key file and a known_hosts file): never a passphrase, a password or a
 * key's contents. One entry per destination, with its latest options.
 *
 * The file is read on every use rather than cached, so an Electron window
 * and a `gclens serve` sharing the folder do not undo each other's changes.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { HostConnectRequest, RecentHost } from '../../shared/hosts-contract';
import { hostConnectRequest } from '../../shared/hosts-schemas';
import { writeFileAtomic } from '../session/durable-fs';

export const RECENT_HOSTS_FILE = 'recent-hosts.json';
/** Enough for an on-call rota's boxes; older ones drop off. */
export const MAX_RECENT_HOSTS = 10;

const fileSchema = z.strictObject({
  version: z.literal(1),
  hosts: z.array(hostConnectRequest.extend({ lastConnectedAt: z.iso.datetime() })),
});

export interface RecentHostsOptions {
  /** Where notes go (an unreadable file, a failed write). Default: stderr. */
  log?(note: string): void;
  now?(): Date;
}

export class RecentHosts {
  readonly path: string;
  private readonly log: (note: string) => void;
  private readonly now: () => Date;
  /** One change at a time: each reads the file the one before wrote. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dir: string,
    options: RecentHostsOptions = {},
  ) {
    this.path = join(dir, RECENT_HOSTS_FILE);
    this.log = options.log ?? ((note) => console.warn(`gclens: ${note}`));
    this.now = options.now ?? (() => new Date());
  }

  list(): Promise<RecentHost[]> {
    return this.serial(() => this.read());
  }

  /** Files a login that succeeded. Never throws: a login stands even when it cannot be remembered. */
  async remember({ destination, identityFile, knownHostsFile }: HostConnectRequest): Promise<void> {
    // Field by field, so nothing else a request might carry reaches the file.
    const entry: RecentHost = { destination, lastConnectedAt: this.now().toISOString() };
    if (identityFile) entry.identityFile = identityFile;
    if (knownHostsFile) entry.knownHostsFile = knownHostsFile;
    try {
      await this.serial(async () => {
        const others = (await this.read()).filter((host) => host.destination !== destination);
        await this.write([entry, ...others].slice(0, MAX_RECENT_HOSTS));
      });
    } catch (err) {
      this.log(`could not remember ${destination} in ${this.path}: ${(err as Error).message}`);
    }
  }

  /** Drops a destination; answers the hosts left. */
  forget(destination: string): Promise<RecentHost[]> {
    return this.serial(async () => {
      const hosts = await this.read();
      const left = hosts.filter((host) => host.destination !== destination);
      if (left.length !== hosts.length) await this.write(left);
      return left;
    });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** A missing file is the first run's empty list; an unreadable or corrupt one is noted and taken as empty. */
  private async read(): Promise<RecentHost[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.log(`cannot read ${this.path} (${(err as Error).message}); no recent hosts offered`);
      return [];
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = fileSchema.safeParse(json);
    if (!parsed.success) {
      this.log(`${this.path} is not a recent-hosts file gclens wrote; no recent hosts offered, and the next login replaces it`);
      return [];
    }
    return parsed.data.hosts.slice(0, MAX_RECENT_HOSTS);
  }

  private async write(hosts: RecentHost[]): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const tmp = join(this.dir, `.${RECENT_HOSTS_FILE}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    // 0600: the file names key files and the boxes an engineer logs in to.
    await writeFileAtomic(this.path, JSON.stringify({ version: 1, hosts }, null, 2) + '\n', { mode: 0o600, tmp });
  }
}
