/**
 * Builds the Go fixture programs under test/fixtures/go with the Go toolchain
 * on this machine and runs them with GODEBUG=gctrace=1, so tests read a real
 * runtime's gctrace rather than a hand-written one.
 *
 * Go is a stated requirement of the test suite: a missing `go` fails loudly,
 * it never skips.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '../..');
const FIXTURES_DIR = join(REPO_ROOT, 'test/fixtures/go');
/** Go's build cache survives between runs (and is gitignored), so only the first build compiles net/http. */
const GO_CACHE_DIR = join(REPO_ROOT, '.cache/go-build');
/** A cold build of a net/http program takes a while on a 2-core machine. */
const BUILD_TIMEOUT_MS = 150_000;

/** One build per fixture per test process; the binaries go when the process does. */
const builds = new Map<string, Promise<string>>();
let binDir: string | undefined;

function goEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    // Build with the toolchain that is installed, never fetch another one or a module.
    GOTOOLCHAIN: 'local',
    GOPROXY: 'off',
    GOFLAGS: '',
    GOWORK: 'off',
    CGO_ENABLED: '0',
    GOCACHE: GO_CACHE_DIR,
    GOMODCACHE: join(REPO_ROOT, '.cache/go-mod'),
  };
}

function run(file: string, args: string[], cwd: string, timeoutMs: number): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    execFile(file, args, { cwd, env: goEnv(), timeout: timeoutMs, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (!err) {
        resolvePromise({ stdout, stderr });
        return;
      }
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(
          new Error(
            `The Go toolchain is required by the tests but \`${file}\` was not found on PATH. ` +
              'Install Go 1.22 or later (see .ci/run) and run the tests again.',
          ),
        );
        return;
      }
      const why = err.killed ? `timed out after ${timeoutMs} ms` : `failed (${err.message.split('\n')[0]})`;
      reject(new Error(`\`${file} ${args.join(' ')}\` in ${cwd} ${why}\n${stderr}${stdout}`));
    });
  });
}

function binaryDir(): string {
  if (!binDir) {
    const dir = mkdtempSync(join(tmpdir(), 'gclens-go-fixtures-'));
    binDir = dir;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return binDir;
}

async function build(name: string): Promise<string> {
  const source = join(FIXTURES_DIR, name);
  if (!existsSync(join(source, 'go.mod'))) throw new Error(`No Go fixture at ${source} (expected a go.mod there)`);
  mkdirSync(GO_CACHE_DIR, { recursive: true });
  await run('go', ['version'], source, 30_000);
  const output = join(binaryDir(), name);
  await run('go', ['build', '-trimpath', '-o', output, '.'], source, BUILD_TIMEOUT_MS);
  return output;
}

/** Builds test/fixtures/go/<name> and answers the path of its binary. */
export function buildGoFixture(name: string): Promise<string> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) return Promise.reject(new Error(`Bad Go fixture name: ${JSON.stringify(name)}`));
  let pending = builds.get(name);
  if (!pending) {
    pending = build(name);
    // A failed build is not cached: the next caller gets the real error again.
    pending.catch(() => builds.delete(name));
    builds.set(name, pending);
  }
  return pending;
}

export type GcleakMode = 'leak' | 'healthy' | 'goroutines';

export interface GctraceRunOptions {
  /** The fixture to build and run; gcleak unless told. */
  fixture?: string;
  /** gcleak's -mode. */
  mode?: GcleakMode;
  /** gcleak's -duration, in milliseconds. */
  durationMs?: number;
  /** More arguments for the program, after -mode and -duration. */
  args?: string[];
  /** Where the gctrace goes; a fresh temp file unless told. */
  logPath?: string;
}

export interface GctraceRun {
  /** The file holding the program's stderr: its gctrace. */
  logPath: string;
  /** The same bytes as text. */
  stderr: string;
  stdout: string;
}

/**
 * Runs a Go fixture with GODEBUG=gctrace=1, its stderr written straight to a
 * file, and waits for it to exit cleanly.
 */
export async function runGctraceFixture(options: GctraceRunOptions = {}): Promise<GctraceRun> {
  const binary = await buildGoFixture(options.fixture ?? 'gcleak');
  const durationMs = options.durationMs ?? 3000;
  const args = ['-mode', options.mode ?? 'leak', '-duration', `${durationMs}ms`, ...(options.args ?? [])];
  const logPath = options.logPath ?? join(mkdtempSync(join(tmpdir(), 'gclens-gctrace-')), 'gctrace.log');

  const env: NodeJS.ProcessEnv = { ...process.env, GODEBUG: 'gctrace=1' };
  // The fixture's heap behaviour is tuned for the runtime's defaults.
  delete env.GOGC;
  delete env.GOMEMLIMIT;

  const stderrFd = openSync(logPath, 'w');
  try {
    const child = spawn(binary, args, { env, stdio: ['ignore', 'pipe', stderrFd] });
    let stdout = '';
    // stdio[1] is 'pipe', so stdout is always there; the typings cannot tell with an fd in stdio[2].
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => (stdout += chunk));
    const limitMs = durationMs + 60_000;
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolvePromise, reject) => {
      child.once('error', reject);
      child.once('close', (c, s) => resolvePromise([c, s]));
    }).finally(() => clearTimeout(timer));
    const stderr = readFileSync(logPath, 'utf8');
    if (code !== 0) {
      const how = signal ? `was killed by ${signal}${signal === 'SIGKILL' ? ` after ${limitMs} ms` : ''}` : `exited with ${code}`;
      throw new Error(`${binary} ${args.join(' ')} ${how}\n${stderr.slice(-2000)}`);
    }
    return { logPath, stderr, stdout };
  } finally {
    closeSync(stderrFd);
  }
}
