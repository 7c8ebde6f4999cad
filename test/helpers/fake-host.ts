/**
 * A Host made of maps, for unit tests of code that reads /proc through a
 * Host: links, files and directories are what the test says, and every run
 * is recorded and answered by the test's function. Real processes are read
 * through LocalHost in test/discovery.test.ts.
 */
import type { FileInfo, Host, HttpRequest, HttpResponse, RunOptions, RunResult, StreamHandle, TailHandle } from '../../src/main/host/host';
import { GclensError } from '../../src/shared/result';

export interface FakeHostSetup {
  links?: Record<string, string>;
  files?: Record<string, string | Buffer>;
  /** Directory listings; a listed directory also stats as one. */
  dirs?: Record<string, string[]>;
  /** Stats for paths that are neither files above nor directories (FIFOs, devices). */
  stats?: Record<string, Partial<FileInfo>>;
  run?: (argv: string[], options: RunOptions) => Partial<RunResult>;
}

export class FakeHost implements Host {
  readonly kind = 'local';
  readonly label = 'fake host';
  readonly runs: Array<{ argv: string[]; options: RunOptions }> = [];

  constructor(private readonly setup: FakeHostSetup) {}

  async run(argv: string[], options: RunOptions): Promise<RunResult> {
    this.runs.push({ argv, options });
    const answer = this.setup.run?.(argv, options) ?? {};
    return { code: 0, signal: null, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), timedOut: false, truncated: false, ...answer };
  }

  async readFile(path: string, options: { offset?: number; maxBytes?: number } = {}): Promise<Buffer> {
    const content = this.setup.files?.[path];
    if (content === undefined) throw new GclensError('not-found', `${path} does not exist`);
    const bytes = Buffer.from(content);
    const start = options.offset ?? 0;
    return bytes.subarray(start, options.maxBytes === undefined ? undefined : start + options.maxBytes);
  }

  async stat(path: string): Promise<FileInfo | null> {
    const base = { size: 0, mtimeMs: 0, inode: 1, isFile: false, isDirectory: false };
    const file = this.setup.files?.[path];
    if (file !== undefined) return { ...base, size: Buffer.from(file).length, isFile: true, ...this.setup.stats?.[path] };
    if (this.setup.dirs?.[path]) return { ...base, isDirectory: true };
    const other = this.setup.stats?.[path];
    return other ? { ...base, ...other } : null;
  }

  async readDir(path: string): Promise<string[]> {
    const entries = this.setup.dirs?.[path];
    if (!entries) throw new GclensError('not-found', `${path} does not exist`);
    return entries;
  }

  async readLink(path: string): Promise<string | null> {
    return this.setup.links?.[path] ?? null;
  }

  spawnStream(): StreamHandle {
    throw new Error('FakeHost does not stream');
  }

  tailFile(): TailHandle {
    throw new Error('FakeHost does not tail');
  }

  async httpGet(request: HttpRequest): Promise<HttpResponse> {
    throw new GclensError('io', `GET ${request.path}: nothing listens in a fake host`);
  }

  async fetchFile(): Promise<void> {
    throw new Error('FakeHost does not copy');
  }

  async dispose(): Promise<void> {}
}
