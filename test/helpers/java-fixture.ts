/**
 * Compiles the Java fixture programs under test/fixtures/java and runs them
 * on a real JVM, so tests read real jcmd, jmap and heap dump output.
 *
 * A JDK (java, javac, jcmd, jmap) is a stated requirement of the test suite:
 * a missing one fails loudly, it never skips. Besides the JDK on PATH, every
 * JDK 11+ under /usr/lib/jvm is found, so the same tests run on each.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

const FIXTURES_DIR = resolve(__dirname, '../fixtures/java');
const COMPILE_TIMEOUT_MS = 120_000;
/** jcmd attaches, may force a full GC and write a dump: generous, for a slow 2-core box. */
const TOOL_TIMEOUT_MS = 120_000;

export interface Jdk {
  /** The directory holding bin/java, or '' for the tools on PATH. */
  home: string;
  /** `java -version`'s first line, for test names. */
  version: string;
  majorVersion: number;
}

/** A JDK tool: from the JDK's bin, or found on PATH for the default JDK. */
function tool(home: string, name: string): string {
  return home ? join(home, 'bin', name) : name;
}

export function run(file: string, args: string[], options: { cwd?: string; timeoutMs?: number } = {}): Promise<{ stdout: string; stderr: string }> {
  const timeoutMs = options.timeoutMs ?? TOOL_TIMEOUT_MS;
  return new Promise((resolvePromise, reject) => {
    execFile(file, args, { cwd: options.cwd, timeout: timeoutMs, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (!err) {
        resolvePromise({ stdout, stderr });
        return;
      }
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new Error(`A JDK is required by the tests but \`${file}\` was not found. Install a JDK 11 or later (see .ci/run) and run the tests again.`));
        return;
      }
      const why = err.killed ? `timed out after ${timeoutMs} ms` : `failed (${err.message.split('\n')[0]})`;
      reject(new Error(`\`${file} ${args.join(' ')}\` ${why}\n${stderr}${stdout}`));
    });
  });
}

async function describeJdk(home: string): Promise<Jdk> {
  const { stderr } = await run(tool(home, 'java'), ['-version'], { timeoutMs: 30_000 });
  const version = stderr.split('\n')[0] ?? '';
  const match = /version "(?:1\.)?(\d+)/.exec(version);
  return { home, version, majorVersion: match ? Number(match[1]) : 0 };
}

/** The JDK on PATH first, then each other JDK 11+ under /usr/lib/jvm (one per real directory). */
export async function findJdks(): Promise<Jdk[]> {
  const jdks = [await describeJdk('')];
  const seen = new Set<string>();
  const onPath = (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'java')).find((file) => existsSync(file));
  if (onPath) seen.add(resolve(realpathSync(onPath), '../..'));
  const root = '/usr/lib/jvm';
  const homes = existsSync(root) ? readdirSync(root).map((name) => join(root, name)) : [];
  for (const home of homes) {
    if (!existsSync(join(home, 'bin', 'jcmd'))) continue;
    const real = realpathSync(home);
    if (seen.has(real)) continue;
    seen.add(real);
    const jdk = await describeJdk(real);
    if (jdk.majorVersion >= 11) jdks.push(jdk);
  }
  return jdks;
}

/**
 * Compiled classes live in .cache/java-fixtures (gitignored), one directory
 * per source hash: a run compiles only what changed, and leaves no temp dirs.
 */
const CACHE_DIR = resolve(__dirname, '../../.cache/java-fixtures');
const builds = new Map<string, Promise<string>>();

async function compile(name: string): Promise<string> {
  const source = join(FIXTURES_DIR, `${name}.java`);
  const hash = createHash('sha256').update(readFileSync(source)).digest('hex').slice(0, 16);
  const out = join(CACHE_DIR, `${name}-${hash}`);
  if (existsSync(join(out, `${name}.class`))) return out;
  mkdirSync(CACHE_DIR, { recursive: true });
  // Compiled aside and renamed into place, so a parallel test file never sees half a build.
  const staging = mkdtempSync(join(CACHE_DIR, `${name}-staging-`));
  try {
    await run('javac', ['--release', '11', '-d', staging, source], { timeoutMs: COMPILE_TIMEOUT_MS });
    try {
      renameSync(staging, out);
    } catch (err) {
      if (!existsSync(join(out, `${name}.class`))) throw err;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return out;
}

/** Compiles test/fixtures/java/<name>.java with the javac on PATH, for Java 11 and later; once per run. */
export function compileJavaFixture(name: string): Promise<string> {
  if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) return Promise.reject(new Error(`Bad Java fixture name: ${JSON.stringify(name)}`));
  let pending = builds.get(name);
  if (!pending) {
    pending = compile(name);
    // A failed build is not cached: the next caller gets the real error again.
    pending.catch(() => builds.delete(name));
    builds.set(name, pending);
  }
  return pending;
}

/** A running fixture JVM: its pid, its output, and the JDK tools pointed at it. */
export class JavaFixture {
  private stdout = '';
  private exited = false;

  constructor(
    readonly jdk: Jdk,
    private readonly child: ChildProcess,
    /** A temp directory that is the process's working directory; removed on stop. */
    readonly dir: string,
  ) {
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => (this.stdout += chunk));
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => (this.stdout += chunk));
    child.once('exit', () => (this.exited = true));
  }

  get pid(): number {
    return this.child.pid as number;
  }

  get output(): string {
    return this.stdout;
  }

  /** Waits until the program printed a line matching `pattern`, and answers the match. */
  async waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(this.stdout);
      if (match) return match;
      if (this.exited) throw new Error(`The fixture exited before printing ${pattern}:\n${this.stdout}`);
      if (Date.now() > deadline) throw new Error(`The fixture did not print ${pattern} within ${timeoutMs} ms:\n${this.stdout}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** `jcmd <pid> …` with this fixture's JDK; answers stdout. */
  async jcmd(...args: string[]): Promise<string> {
    return (await run(tool(this.jdk.home, 'jcmd'), [String(this.pid), ...args])).stdout;
  }

  async jmap(...args: string[]): Promise<string> {
    return (await run(tool(this.jdk.home, 'jmap'), [...args, String(this.pid)])).stdout;
  }

  stop(): void {
    if (!this.exited) this.child.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const running = new Set<JavaFixture>();
process.once('exit', () => {
  for (const fixture of running) fixture.stop();
});

/** Compiles (once) and starts test/fixtures/java/<name> with the given JVM options and program arguments. */
export async function startJavaFixture(jdk: Jdk, name: string, jvmArgs: string[], args: string[]): Promise<JavaFixture> {
  const classes = await compileJavaFixture(name);
  const dir = mkdtempSync(join(tmpdir(), `gclens-jvm-${name}-`));
  const child = spawn(tool(jdk.home, 'java'), [...jvmArgs, '-cp', classes, name, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const fixture = new JavaFixture(jdk, child, dir);
  running.add(fixture);
  child.once('exit', () => running.delete(fixture));
  await new Promise<void>((resolvePromise, reject) => {
    child.once('spawn', resolvePromise);
    child.once('error', reject);
  });
  return fixture;
}
