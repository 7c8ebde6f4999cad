/**
 * The one interface collectors speak to (DESIGN.md, "Host"): this machine or
 * a box reached over SSH. Collectors never touch child_process, fs or http
 * themselves, so every collector works on both with no second code path.
 * Programs run by argv only: never a shell string built from input.
 */

export interface RunOptions {
  /** Every external call has one: a hung jcmd must not hang gclens. */
  timeoutMs: number;
  /** Output beyond this is dropped and `truncated` is set (default 64 MiB). */
  maxOutputBytes?: number;
  /** Extra environment variables for the program. */
  env?: Record<string, string>;
  /** Run as this user where the host allows it (sudo -n -u over SSH). */
  asUser?: string;
}

export interface RunResult {
  /** Exit code, or null when a signal ended it. */
  code: number | null;
  signal: string | null;
  stdout: Buffer;
  stderr: Buffer;
  timedOut: boolean;
  truncated: boolean;
}

export interface StreamOptions {
  /** Ends the program after this long; absent, it runs until stop() (a follower such as `jstat -gc PID 1000`). */
  timeoutMs?: number;
  env?: Record<string, string>;
  asUser?: string;
  /** Output as it arrives, in order; never called after stop() resolves. */
  onStdout?: (chunk: Buffer) => void;
  onStderr?: (chunk: Buffer) => void;
}

export interface StreamExit {
  code: number | null;
  signal: string | null;
  timedOut: boolean;
  /** stop() (or the host's dispose()) ended it. */
  stopped: boolean;
  /** It never ran, and why (a missing program, a refused sudo). */
  error: string | null;
}

export interface StreamHandle {
  /** The program's pid on the host where the host knows it (launch-with-gctrace attaches to it). */
  readonly pid: number | null;
  /** Settles, never rejects, once the program ended and all its output was delivered. */
  readonly exited: Promise<StreamExit>;
  /** SIGTERM, SIGKILL after a grace period; resolves with the exit. Safe to call twice. */
  stop(): Promise<StreamExit>;
}

export interface FileInfo {
  size: number;
  mtimeMs: number;
  /** Inode number where the host knows it: a changed inode means the file was rotated. */
  inode: number | null;
  isFile: boolean;
  isDirectory: boolean;
}

export interface TailOptions {
  /** Start reading at this byte (resume after a reconnect); default: the current end. */
  fromOffset?: number;
  /** How often to look for new bytes when the host cannot notify. */
  pollMs?: number;
  /** New bytes; `offset` is where `chunk` starts in the file. */
  onData: (chunk: Buffer, offset: number) => void;
  /** The file was truncated or replaced (rotation); reading goes on from its start. */
  onReset?: (reason: 'truncated' | 'rotated') => void;
  onError?: (err: Error) => void;
}

export interface TailHandle {
  /** The next byte offset to read. */
  readonly offset: number;
  stop(): Promise<void>;
}

export interface HttpRequest {
  /** A TCP port on the target machine's loopback (or `host`). */
  port: number;
  /** Path and query, e.g. /debug/pprof/heap?gc=1 */
  path: string;
  host?: string;
  timeoutMs: number;
  maxBytes?: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface Host {
  readonly kind: 'local' | 'ssh';
  /** For people: "this machine" or "user@box:22". */
  readonly label: string;
  run(argv: string[], options: RunOptions): Promise<RunResult>;
  /**
   * Runs a program by argv and hands its output over as it comes: for
   * programs that follow something (`jstat -gc PID 1000`, `journalctl -f`) or
   * that gclens launches itself (a Go program with GODEBUG=gctrace=1).
   */
  spawnStream(argv: string[], options: StreamOptions): StreamHandle;
  /** The whole file, or `maxBytes` of it from `offset`. Missing file: GclensError('not-found'). */
  readFile(path: string, options?: { offset?: number; maxBytes?: number }): Promise<Buffer>;
  /** Null when the path does not exist. */
  stat(path: string): Promise<FileInfo | null>;
  readDir(path: string): Promise<string[]>;
  /** The target of a symbolic link (/proc/PID/exe, /proc/PID/fd/2), or null. */
  readLink(path: string): Promise<string | null>;
  tailFile(path: string, options: TailOptions): TailHandle;
  httpGet(request: HttpRequest): Promise<HttpResponse>;
  /** Copies a (large) file from the host to a local path, with progress. */
  fetchFile(path: string, localPath: string, onProgress?: (bytes: number, total: number) => void): Promise<void>;
  /** Ends every process, stream and channel this host opened. */
  dispose(): Promise<void>;
}
