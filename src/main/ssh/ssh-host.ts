/**
 * The Host for a box reached over SSH (DESIGN.md, "Host"): programs through
 * exec with every argument quoted by shellQuote, files through SFTP, tails
 * through `tail -F`, HTTP through direct-tcpip, all on one SshConnection
 * that reconnects by itself. What happens to a call when the link drops:
 *
 * - readFile, stat, readDir, readLink: reads, tried once more on the new link.
 * - run, httpGet: fail with GclensError('io'); they may have had effects.
 * - spawnStream: ends with an error; the program is sent SIGTERM by pid later.
 * - tailFile: resumes from the last byte received.
 * - fetchFile: resumes from the last byte written here.
 *
 * A call made while the link is down waits for it (up to its own time limit
 * for run and httpGet, `linkWaitMs` for the others).
 */
import type { FileInfo, Host, HttpRequest, HttpResponse, RunOptions, RunResult, StreamHandle, StreamOptions, TailHandle, TailOptions } from '../host/host';
import { readSha256sum, sha256sumArgv, sha256sumTimeoutMs } from '../host/sha256sum';
import { GclensError } from '../../shared/result';
import { isValidHostName } from './destination';
import { checkRequestPath, httpGetOverStream } from './http-over-stream';
import { killOnBox, type ExecContext } from './remote-process';
import { runRemote } from './remote-run';
import { SshStream, type Orphans } from './remote-stream';
import { fetchOverSftp, type FetchContext } from './sftp-fetch';
import { readRemoteDir, readRemoteFile, readRemoteLink, statRemoteFile } from './sftp-files';
import { checkPid, remoteCommandLine } from './shell-quote';
import { resolveRoute, type SshEnvironment, type SshOverrides, type SshRoute } from './ssh-config';
import { SshConnection, type LinkStateEvent, type SshConnectionOptions } from './ssh-connection';
import { SshTail, type TailContext } from './ssh-tail';

const DEFAULT_MAX_HTTP_BYTES = 64 * 1024 * 1024;
const DEFAULT_KILL_GRACE_MS = 2000;
const DEFAULT_LINK_WAIT_MS = 30_000;
/** Asked once per host: which of the tools gclens leans on the box has, and whether its tail can poll (ssh-tail.ts). */
const TOOLS_PROBE =
  'for p in timeout tail; do command -v "$p" >/dev/null 2>&1 && echo "$p"; done; tail ---disable-inotify -c 0 /dev/null >/dev/null 2>&1 && echo tail-polls';

export interface SshHostOptions extends SshConnectionOptions {
  /** -i KEY and --known-hosts FILE. */
  overrides?: SshOverrides;
  /** Where ~/.ssh/config and the agent are (tests point it elsewhere). */
  environment?: SshEnvironment;
  /** Between SIGTERM and SIGKILL for a program past its time (default 2 s). */
  killGraceMs?: number;
  /** How long a file call waits for a link that is down to come back (default 30 s). */
  linkWaitMs?: number;
}

export class SshHost implements Host {
  readonly kind = 'ssh';
  readonly label: string;
  private readonly tails = new Set<SshTail>();
  private readonly streams = new Set<SshStream>();
  private tools: Promise<Set<string>> | null = null;
  private disposed = false;
  private readonly exec: ExecContext;
  private readonly files: FetchContext;
  private readonly tailContext: TailContext;

  /** Resolves `destination` through the SSH config and logs in; rejects with the reason (host key, login, network). */
  static async connect(destination: string, options: SshHostOptions = {}): Promise<SshHost> {
    const route = await resolveRoute(destination, options.overrides, options.environment);
    const host = new SshHost(new SshConnection(route, options), options);
    await host.connection.connect();
    return host;
  }

  constructor(
    readonly connection: SshConnection,
    options: SshHostOptions = {},
  ) {
    const route: SshRoute = connection.route;
    this.label = route.label;
    const waitMs = options.linkWaitMs ?? DEFAULT_LINK_WAIT_MS;
    this.exec = {
      connection,
      label: this.label,
      loginUser: route.target.user,
      hasRemoteTimeout: async () => (await this.toolsOnBox()).has('timeout'),
      killGraceMs: options.killGraceMs ?? DEFAULT_KILL_GRACE_MS,
    };
    this.files = { connection, label: this.label, waitMs, remoteSha256: (path, size) => this.remoteSha256(path, size) };
    this.tailContext = {
      connection,
      label: this.label,
      statRemote: (path) => this.statForTail(path),
      tail: async () => {
        const tools = await this.toolsOnBox();
        return tools.has('tail') ? { polls: tools.has('tail-polls') } : null;
      },
      findByInode: (dir, inode) => this.findByInode(dir, inode),
      readRange: (path, offset, maxBytes) => readRemoteFile(this.files, path, { offset, maxBytes }),
    };
  }

  /** The link's state for the UI; returns its unsubscribe. */
  onState(listener: (event: LinkStateEvent) => void): () => void {
    return this.connection.onState(listener);
  }

  async run(argv: string[], options: RunOptions): Promise<RunResult> {
    this.checkOpen();
    try {
      return await runRemote(this.exec, argv, options);
    } catch (err) {
      if (this.disposed) throw new GclensError('cancelled', `${argv[0]} on ${this.label}: the host was disposed`);
      throw err;
    }
  }

  spawnStream(argv: string[], options: StreamOptions): StreamHandle {
    this.checkOpen();
    // The same checks as the real command line, now, so a bad argument throws here as it does locally.
    remoteCommandLine({ argv, env: options.env, asUser: options.asUser });
    const stream = new SshStream(this.exec, argv, options, this.orphans);
    this.streams.add(stream);
    void stream.exited.then(() => this.streams.delete(stream));
    return stream;
  }

  async readFile(path: string, options?: { offset?: number; maxBytes?: number }): Promise<Buffer> {
    this.checkOpen();
    return readRemoteFile(this.files, path, options);
  }

  async stat(path: string): Promise<FileInfo | null> {
    this.checkOpen();
    return statRemoteFile(this.files, path);
  }

  async readDir(path: string): Promise<string[]> {
    this.checkOpen();
    return readRemoteDir(this.files, path);
  }

  async readLink(path: string): Promise<string | null> {
    this.checkOpen();
    return readRemoteLink(this.files, path);
  }

  tailFile(path: string, options: TailOptions): TailHandle {
    this.checkOpen();
    const tail = new SshTail(this.tailContext, path, options, (t) => this.tails.delete(t));
    this.tails.add(tail);
    return tail;
  }

  async httpGet(request: HttpRequest): Promise<HttpResponse> {
    this.checkOpen();
    checkRequestPath(request.path);
    const host = request.host ?? '127.0.0.1';
    if (!isValidHostName(host)) throw new GclensError('invalid-argument', `not a host name: ${JSON.stringify(host)}`);
    const started = Date.now();
    const { stream } = await this.connection.forwardOut(host, request.port, request.timeoutMs);
    return httpGetOverStream(stream, {
      host,
      port: request.port,
      path: request.path,
      timeoutMs: Math.max(1, request.timeoutMs - (Date.now() - started)),
      maxBytes: request.maxBytes ?? DEFAULT_MAX_HTTP_BYTES,
    });
  }

  async fetchFile(path: string, localPath: string, onProgress?: (bytes: number, total: number) => void): Promise<void> {
    this.checkOpen();
    return fetchOverSftp(this.files, path, localPath, onProgress);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await Promise.all([...[...this.tails].map((t) => t.stop()), ...[...this.streams].map((s) => s.stop())]);
    await this.connection.close();
  }

  /** Promise-returning calls are async so this becomes a rejection, like every other failure of theirs. */
  private checkOpen(): void {
    if (this.disposed) throw new GclensError('cancelled', `the SSH host ${this.label} was disposed`);
  }

  private toolsOnBox(): Promise<Set<string>> {
    if (!this.tools) {
      const probe = (async () => {
        const { channel, exit } = await this.connection.exec(TOOLS_PROBE, DEFAULT_LINK_WAIT_MS);
        channel.end();
        let out = '';
        channel.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
        channel.stderr.resume();
        await new Promise((resolve) => channel.once('close', resolve));
        // Cut short (a dropped link): unknown, not "none of them".
        if (exit() === null) throw new GclensError('io', `the SSH link to ${this.label} dropped while looking at the box's tools`);
        return new Set(out.split('\n').filter((line) => line !== ''));
      })();
      this.tools = probe;
      // A probe lost with its link is asked again next time.
      probe.catch(() => this.tools === probe && (this.tools = null));
    }
    return this.tools;
  }

  /** inode and size of a path on the box (`stat -L`), for the tail's resume checks. */
  private async statForTail(path: string): Promise<{ inode: string; size: number } | null> {
    const result = await runRemote(this.exec, ['stat', '-L', '-c', '%i %s', '--', path], { timeoutMs: 15_000 });
    const match = /^([0-9]+) ([0-9]+)\n?$/.exec(result.stdout.toString('utf8'));
    if (result.code === 0 && match) return { inode: match[1]!, size: Number(match[2]) };
    const said = result.stderr.toString('utf8').trim();
    if (/No such file or directory|Not a directory/.test(said)) return null;
    throw new GclensError('io', `cannot stat ${path} on ${this.label}: ${said || `stat exited with ${result.code}`}`);
  }

  private async findByInode(dir: string, inode: string): Promise<string | null> {
    // find reads a first argument that starts with '-' as an option.
    const start = dir.startsWith('/') ? dir : `./${dir}`;
    const argv = ['find', start, '-maxdepth', '1', '-type', 'f', '-inum', inode, '-print0', '-quit'];
    const result = await runRemote(this.exec, argv, { timeoutMs: 15_000 });
    const found = result.stdout.toString('utf8');
    return result.code === 0 && found.endsWith('\0') ? found.slice(0, -1) : null;
  }

  private async remoteSha256(path: string, sizeBytes: number): Promise<string> {
    const result = await runRemote(this.exec, sha256sumArgv(path), { timeoutMs: sha256sumTimeoutMs(sizeBytes) }).catch((err: Error) => {
      throw new GclensError('io', `cannot check ${path}: sha256sum did not run on ${this.label} (${err.message})`);
    });
    return readSha256sum(result, `${path} on ${this.label}`);
  }

  /** A program whose channel dropped may still run: once the link is back, SIGTERM it by pid, if the pid is still that program's. */
  private readonly orphans: Orphans = {
    startTime: (pid) => this.processStartTime(pid).catch(() => null),
    kill: (pid, asUser, startTime) => {
      void (async () => {
        const then = await startTime;
        if (then === null || this.disposed) return;
        await this.connection.link(5 * 60_000);
        if ((await this.processStartTime(pid)) === then) await killOnBox(this.exec, pid, 'TERM', asUser);
      })().catch(() => {});
    },
  };

  /** Field 22 of /proc/PID/stat: when the process started, in clock ticks since boot. */
  private async processStartTime(pid: number): Promise<string | null> {
    const stat = (await this.readFile(`/proc/${checkPid(pid)}/stat`).catch(() => null))?.toString('latin1');
    if (!stat) return null;
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  }
}
