/**
 * The Host for this machine: programs through child_process by argv (never a
 * shell), files through node:fs, HTTP to loopback ports through node:http.
 * It owns every child, tail, request and copy it starts, and dispose() ends
 * them all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, readdir, readFile, readlink, stat, type FileHandle } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { userInfo } from 'node:os';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GclensError } from '../../shared/result';
import type { FileInfo, Host, HttpRequest, HttpResponse, RunOptions, RunResult, StreamHandle, StreamOptions, TailHandle, TailOptions } from './host';
import { LocalStream, type PreparedProgram } from './local-stream';
import { PollingFileTail } from './polling-file-tail';

const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
const DEFAULT_MAX_HTTP_BYTES = 64 * 1024 * 1024;
/** Time between SIGTERM and SIGKILL for a program past its timeout. */
const DEFAULT_KILL_GRACE_MS = 2000;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** POSIX-ish user names; anything else (a leading dash, a colon) never reaches sudo. */
const USER_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*\$?$/;
/** What sudo -n prints when it will not run the program (as opposed to the program failing). */
const SUDO_REFUSAL = /^sudo: .*(password is required|terminal is required|tty|not in the sudoers|not allowed to|unknown user|may not run sudo)/m;

export interface LocalHostOptions {
  killGraceMs?: number;
  /** The sudo program used for RunOptions.asUser (tests point it elsewhere). */
  sudo?: string;
}

export class LocalHost implements Host {
  readonly kind = 'local';
  readonly label = 'this machine';
  private readonly children = new Set<{ child: ChildProcess; done: Promise<void> }>();
  private readonly tails = new Set<PollingFileTail>();
  private readonly streams = new Set<LocalStream>();
  private readonly aborts = new Set<AbortController>();
  private readonly currentUser: string | null;
  private readonly killGraceMs: number;
  private readonly sudo: string;
  private disposed = false;

  constructor(options: LocalHostOptions = {}) {
    this.killGraceMs = options.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
    this.sudo = options.sudo ?? 'sudo';
    let user: string | null = null;
    try {
      user = userInfo().username;
    } catch {
      // No passwd entry for our uid (some containers): every asUser goes through sudo.
    }
    this.currentUser = user;
  }

  async run(argv: string[], options: RunOptions): Promise<RunResult> {
    this.checkOpen();
    const prepared = this.prepare(argv, options);
    const asUser = prepared.asUser;
    const result = await this.spawnAndCollect(prepared.argv, options, prepared.env, { program: prepared.program, asUser });
    if (asUser !== null) checkSudoRefusal(result, asUser, prepared.program);
    return result;
  }

  spawnStream(argv: string[], options: StreamOptions): StreamHandle {
    this.checkOpen();
    const stream = new LocalStream(this.prepare(argv, options), options, this.killGraceMs);
    this.streams.add(stream);
    void stream.exited.then(() => this.streams.delete(stream));
    return stream;
  }

  /** The argv and environment to spawn: directly, or through sudo -n -u for another user. */
  private prepare(argv: string[], options: { env?: Record<string, string>; asUser?: string }): PreparedProgram & { asUser: string | null } {
    const [program] = argv;
    if (!program) throw new GclensError('invalid-argument', 'run needs a program to run');
    const env = options.env ?? {};
    for (const name of Object.keys(env)) {
      if (!ENV_NAME.test(name)) throw new GclensError('invalid-argument', `not an environment variable name: ${JSON.stringify(name)}`);
    }
    const asUser = options.asUser !== undefined && options.asUser !== this.currentUser ? options.asUser : null;
    if (asUser === null) return { argv, env: { ...process.env, ...env }, program, asUser };

    if (!USER_NAME.test(asUser)) throw new GclensError('invalid-argument', `not a user name: ${JSON.stringify(asUser)}`);
    // sudo resets the environment, so variables travel as `env NAME=value` arguments.
    const envArgs = Object.entries(env).map(([name, value]) => `${name}=${value}`);
    const viaSudo = [this.sudo, '-n', '-u', asUser, '--', ...(envArgs.length > 0 ? ['env', ...envArgs] : []), ...argv];
    return { argv: viaSudo, env: process.env, program, asUser };
  }

  private spawnAndCollect(argv: string[], options: RunOptions, env: NodeJS.ProcessEnv, what: RunDescription): Promise<RunResult> {
    const maxBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
    const child = spawn(argv[0]!, argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'], shell: false });
    let timedOut = false;
    let truncated = false;
    const collect = (stream: NodeJS.ReadableStream | null) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      // Past the cap the stream is still read, so the child never blocks on a full pipe.
      stream?.on('data', (chunk: Buffer) => {
        const room = maxBytes - bytes;
        if (room <= 0) {
          truncated = true;
          return;
        }
        if (chunk.length > room) truncated = true;
        const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
        chunks.push(kept);
        bytes += kept.length;
      });
      return chunks;
    };
    const stdout = collect(child.stdout);
    const stderr = collect(child.stderr);

    let killTimer: NodeJS.Timeout | undefined;
    const timeout = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), this.killGraceMs);
    }, options.timeoutMs);

    const result = new Promise<RunResult>((resolve, reject) => {
      child.once('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timeout);
        clearTimeout(killTimer);
        reject(spawnError(err, what));
      });
      child.once('exit', () => {
        // A grandchild holding our pipes must not keep a timed-out run open.
        if (timedOut) setTimeout(() => (child.stdout?.destroy(), child.stderr?.destroy()), 100).unref();
      });
      child.once('close', (code, signal) => {
        clearTimeout(timeout);
        clearTimeout(killTimer);
        resolve({ code, signal, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr), timedOut, truncated });
      });
    });
    const entry = { child, done: result.then(() => undefined, () => undefined) };
    this.children.add(entry);
    void entry.done.then(() => this.children.delete(entry));
    return result;
  }

  async readFile(path: string, options: { offset?: number; maxBytes?: number } = {}): Promise<Buffer> {
    this.checkOpen();
    try {
      if (options.offset === undefined && options.maxBytes === undefined) return await readFile(path);
      const handle = await open(path, 'r');
      try {
        return await readRange(handle, options.offset ?? 0, options.maxBytes ?? Number.POSITIVE_INFINITY);
      } finally {
        await handle.close();
      }
    } catch (err) {
      throw fsError(err, 'read', path);
    }
  }

  async stat(path: string): Promise<FileInfo | null> {
    this.checkOpen();
    try {
      const info = await stat(path);
      return { size: info.size, mtimeMs: info.mtimeMs, inode: info.ino, isFile: info.isFile(), isDirectory: info.isDirectory() };
    } catch (err) {
      if (isMissing(err)) return null;
      throw fsError(err, 'stat', path);
    }
  }

  async readDir(path: string): Promise<string[]> {
    this.checkOpen();
    try {
      return await readdir(path);
    } catch (err) {
      throw fsError(err, 'list', path);
    }
  }

  async readLink(path: string): Promise<string | null> {
    this.checkOpen();
    try {
      return await readlink(path);
    } catch (err) {
      // EINVAL: the path exists but is not a link.
      if (isMissing(err) || (err as NodeJS.ErrnoException).code === 'EINVAL') return null;
      throw fsError(err, 'read the link', path);
    }
  }

  tailFile(path: string, options: TailOptions): TailHandle {
    this.checkOpen();
    const tail = new PollingFileTail(path, options, (t) => this.tails.delete(t));
    this.tails.add(tail);
    return tail;
  }

  httpGet(req: HttpRequest): Promise<HttpResponse> {
    this.checkOpen();
    const maxBytes = req.maxBytes ?? DEFAULT_MAX_HTTP_BYTES;
    const host = req.host ?? '127.0.0.1';
    const where = `http://${host.includes(':') ? `[${host}]` : host}:${req.port}${req.path}`;
    const abort = new AbortController();
    this.aborts.add(abort);
    return new Promise<HttpResponse>((resolve, reject) => {
      const fail = (err: Error) => {
        abort.abort();
        reject(err);
      };
      const timer = setTimeout(() => fail(new GclensError('io', `GET ${where} timed out after ${req.timeoutMs} ms`)), req.timeoutMs);
      const clientRequest = httpRequest({ host, port: req.port, path: req.path, method: 'GET', agent: false, signal: abort.signal }, (res) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes > maxBytes) fail(new GclensError('io', `GET ${where}: the response is larger than ${maxBytes} bytes`));
          else chunks.push(chunk);
        });
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
        });
        res.on('error', (err) => reject(new GclensError('io', `GET ${where}: ${err.message}`)));
      });
      clientRequest.on('error', (err) => reject(abort.signal.aborted && this.disposed ? new GclensError('cancelled', `GET ${where}: the host was disposed`) : new GclensError('io', `GET ${where}: ${err.message}`)));
      clientRequest.end();
      // Settled either way: drop the timer and the abort handle.
      const settle = () => {
        clearTimeout(timer);
        this.aborts.delete(abort);
      };
      clientRequest.on('close', settle);
    });
  }

  async fetchFile(path: string, localPath: string, onProgress?: (bytes: number, total: number) => void): Promise<void> {
    this.checkOpen();
    const info = await this.stat(path);
    if (!info) throw new GclensError('not-found', `${path} does not exist`);
    const abort = new AbortController();
    this.aborts.add(abort);
    let copied = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        copied += chunk.length;
        onProgress?.(copied, Math.max(info.size, copied));
        done(null, chunk);
      },
    });
    try {
      await pipeline(createReadStream(path), counter, createWriteStream(localPath), { signal: abort.signal });
    } catch (err) {
      if (abort.signal.aborted) throw new GclensError('cancelled', `copying ${path} was cancelled`);
      throw fsError(err, 'copy', path);
    } finally {
      this.aborts.delete(abort);
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const abort of this.aborts) abort.abort();
    const children = [...this.children];
    for (const { child } of children) child.kill('SIGTERM');
    const kill = setTimeout(() => children.forEach(({ child }) => child.kill('SIGKILL')), this.killGraceMs);
    await Promise.all([...children.map((c) => c.done), ...[...this.tails].map((t) => t.stop()), ...[...this.streams].map((s) => s.stop())]);
    clearTimeout(kill);
  }

  private checkOpen(): void {
    if (this.disposed) throw new GclensError('cancelled', 'this host was disposed');
  }
}

async function readRange(handle: FileHandle, offset: number, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let position = offset;
  let left = maxBytes;
  // /proc files report size 0, so read until EOF rather than trusting fstat.
  while (left > 0) {
    const want = Math.min(left, 1024 * 1024);
    const buffer = Buffer.allocUnsafe(want);
    const { bytesRead } = await handle.read(buffer, 0, want, position);
    if (bytesRead === 0) break;
    chunks.push(buffer.subarray(0, bytesRead));
    position += bytesRead;
    left -= bytesRead;
  }
  return Buffer.concat(chunks);
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'ESRCH';
}

function fsError(err: unknown, verb: string, path: string): GclensError {
  if (err instanceof GclensError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  if (isMissing(err)) return new GclensError('not-found', `${path} does not exist`);
  if (code === 'EACCES' || code === 'EPERM') return new GclensError('io', `permission denied: cannot ${verb} ${path}`);
  return new GclensError('io', `cannot ${verb} ${path}: ${(err as Error).message}`);
}

interface RunDescription {
  program: string;
  /** Set when the program runs through sudo. */
  asUser: string | null;
}

function spawnError(err: NodeJS.ErrnoException, { program, asUser }: RunDescription): GclensError {
  if (err.code === 'ENOENT') {
    return asUser === null
      ? new GclensError('not-found', `${program}: program not found`)
      : new GclensError('not-found', `cannot run ${program} as ${asUser}: sudo is not installed on this machine`);
  }
  return new GclensError('io', `cannot run ${program}${asUser === null ? '' : ` as ${asUser}`}: ${err.message}`);
}

function checkSudoRefusal(result: RunResult, user: string, program: string): void {
  if (result.code !== 1 || result.stdout.length > 0) return;
  const said = result.stderr.toString('utf8');
  if (/^sudo: .*command not found/m.test(said)) throw new GclensError('not-found', `${program}: program not found (looked up by sudo as ${user})`);
  const refusal = SUDO_REFUSAL.exec(said);
  if (!refusal) return;
  throw new GclensError(
    'io',
    `sudo refused to run ${program} as ${user} (${refusal[0].trim()}). gclens runs sudo -n and never asks for a password: ` +
      `allow it without one in sudoers, or run gclens as ${user}.`,
  );
}
