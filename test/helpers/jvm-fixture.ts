/**
 * Compiles the Java fixture programs under test/fixtures/java with the JDK
 * on this machine and runs them with unified GC logging switched on, so
 * tests read a real JVM's GC log rather than a hand-written one.
 *
 * A JDK is a stated requirement of the test suite: a missing `java` or
 * `javac` fails loudly, it never skips. A collector the JDK does not offer
 * (Shenandoah is left out of some builds) is reported by
 * `collectorSupport` so a test can skip with the reason.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '../..');
const FIXTURES_DIR = join(REPO_ROOT, 'test/fixtures/java');
const COMPILE_TIMEOUT_MS = 120_000;
/** Two cores here: more JVMs at once only make each slower. */
const MAX_PARALLEL_RUNS = 2;

export type JvmCollector = 'G1' | 'Parallel' | 'Serial' | 'Z' | 'Shenandoah';
export type GcLeakMode = 'leak' | 'healthy';

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], timeoutMs: number): Promise<Result> {
  return new Promise((resolvePromise, reject) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new Error(`A JDK is required by the tests but \`${file}\` was not found. Install a JDK 17 (java and javac on PATH) and run the tests again.`));
        return;
      }
      if (err && err.killed) {
        reject(new Error(`\`${file} ${args.join(' ')}\` timed out after ${timeoutMs} ms\n${stderr}`));
        return;
      }
      resolvePromise({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

let classDir: Promise<string> | undefined;

/** Compiles test/fixtures/java/GcLeak.java once per test process; answers the class directory. */
export function compileGcLeak(): Promise<string> {
  if (!classDir) {
    classDir = (async () => {
      const out = mkdtempSync(join(tmpdir(), 'gclens-java-fixtures-'));
      process.once('exit', () => rmSync(out, { recursive: true, force: true }));
      // --release 11: the classes also run on a JDK newer than the compiler's, and on 11.
      const result = await run('javac', ['--release', '11', '-d', out, join(FIXTURES_DIR, 'GcLeak.java')], COMPILE_TIMEOUT_MS);
      if (result.code !== 0) throw new Error(`javac GcLeak.java failed\n${result.stderr}${result.stdout}`);
      return out;
    })();
    // A failed compile is not cached: the next caller gets the real error again.
    classDir.catch(() => (classDir = undefined));
  }
  return classDir;
}

const support = new Map<string, Promise<{ ok: boolean; why: string }>>();

/** Whether `java` (or the one given) runs with -XX:+Use<collector>GC, and if not, what it said. */
export function collectorSupport(collector: JvmCollector, java = 'java'): Promise<{ ok: boolean; why: string }> {
  const key = `${java} ${collector}`;
  let pending = support.get(key);
  if (!pending) {
    pending = run(java, [`-XX:+Use${collector}GC`, '-version'], 60_000).then((r) => ({
      ok: r.code === 0,
      why: r.code === 0 ? '' : `${java} -XX:+Use${collector}GC -version exited with ${r.code}: ${r.stderr.split('\n')[0]}`,
    }));
    support.set(key, pending);
  }
  return pending;
}

/**
 * A `java` of at least this feature release among the JDKs installed under
 * /usr/lib/jvm or named by GCLENS_JAVA_<release>_HOME, or null.
 */
export async function findJava(minRelease: number): Promise<string | null> {
  const candidates: string[] = [];
  const fromEnv = process.env[`GCLENS_JAVA_${minRelease}_HOME`];
  if (fromEnv) candidates.push(join(fromEnv, 'bin/java'));
  if (existsSync('/usr/lib/jvm')) for (const name of readdirSync('/usr/lib/jvm').sort()) candidates.push(join('/usr/lib/jvm', name, 'bin/java'));
  for (const java of candidates) {
    if (!existsSync(java)) continue;
    const r = await run(java, ['-version'], 60_000).catch(() => null);
    const m = r && /version "(\d+)/.exec(r.stderr);
    if (m && Number(m[1]) >= minRelease) return java;
  }
  return null;
}

export interface GcLeakRunOptions {
  collector: JvmCollector;
  mode: GcLeakMode;
  /** The program's run time in seconds. */
  seconds?: number;
  /** The -Xlog decorators; uptime,level,tags unless told. */
  decorators?: string;
  /** The java to run; the one on PATH unless told. */
  java?: string;
  /** More JVM options, before the class name. */
  jvmOptions?: string[];
}

export interface GcLeakRun {
  logPath: string;
  /** The GC log as text. */
  log: string;
  stdout: string;
  argv: string[];
}

let logDir: string | undefined;

/** One directory for every run's log in this test process, removed when it exits. */
function logRoot(): string {
  if (!logDir) {
    const dir = mkdtempSync(join(tmpdir(), 'gclens-jvm-gclog-'));
    logDir = dir;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return logDir;
}

let running = 0;
const waiting: Array<() => void> = [];

async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_PARALLEL_RUNS) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/**
 * Runs `java -Xmx128m -XX:+Use<Collector>GC -Xlog:gc*,safepoint:file=<log>:<decorators> GcLeak <mode> <seconds>`
 * and waits for it to exit cleanly.
 */
export async function runGcLeak(options: GcLeakRunOptions): Promise<GcLeakRun> {
  const classes = await compileGcLeak();
  const logPath = join(mkdtempSync(join(logRoot(), 'run-')), `${options.collector}-${options.mode}.log`);
  const seconds = options.seconds ?? 2;
  const java = options.java ?? 'java';
  const argv = [
    '-Xmx128m',
    `-XX:+Use${options.collector}GC`,
    `-Xlog:gc*,safepoint:file=${logPath}:${options.decorators ?? 'uptime,level,tags'}`,
    ...(options.jvmOptions ?? []),
    '-cp',
    classes,
    'GcLeak',
    options.mode,
    String(seconds),
  ];
  return slot(async () => {
    const child = spawn(java, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const limitMs = seconds * 1000 + 60_000;
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolvePromise, reject) => {
      child.once('error', (err) =>
        reject((err as NodeJS.ErrnoException).code === 'ENOENT' ? new Error(`A JDK is required by the tests but \`${java}\` was not found.`) : err),
      );
      child.once('close', (c, s) => resolvePromise([c, s]));
    }).finally(() => clearTimeout(timer));
    if (code !== 0) {
      const how = signal ? `was killed by ${signal}` : `exited with ${code}`;
      throw new Error(`${java} ${argv.join(' ')} ${how}\n${stderr.slice(-2000)}${stdout.slice(-500)}`);
    }
    return { logPath, log: readFileSync(logPath, 'utf8'), stdout, argv };
  });
}
