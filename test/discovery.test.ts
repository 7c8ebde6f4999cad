/**
 * Process discovery against real processes: the gcleak Go fixture with and
 * without gctrace, its stderr to a file or a pipe, pprof on a free port; and
 * an idle JVM with and without a GC log and NMT, on each JDK found. Read
 * through LocalHost exactly as a remote box would be read through SSH.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, copyFileSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoProcessInfo, JvmProcessInfo, ProcessInfo } from '../src/shared/process-info';
import { runPs } from '../src/main/cli/ps-command';
import { readGoBuildInfo } from '../src/main/discovery/go-build-info';
import { ProcessDiscovery } from '../src/main/discovery/process-discovery';
import { LocalHost } from '../src/main/host/local-host';
import { buildGoFixture } from './helpers/go-fixture';
import { findJdks, startJavaFixture, type JavaFixture } from './helpers/java-fixture';

const host = new LocalHost();
const discovery = new ProcessDiscovery(host);
// A space in the path: file names must come through VM.log list and /proc links whole.
const dir = mkdtempSync(join(tmpdir(), 'gclens discovery '));
const children: ChildProcess[] = [];
const pipelinePids: number[] = [];
const me = userInfo();

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  // The pipeline's gcleak is the shell's child: end it by its own pid.
  for (const pid of pipelinePids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await host.dispose();
  rmSync(dir, { recursive: true, force: true });
});

interface RunningGo {
  pid: number;
  port: number;
  binary: string;
  args: string[];
}

/**
 * gcleak running until killed, lightly (a 100 ms tick, little garbage), with
 * pprof on a free loopback port. Its stderr goes to a file, or into a real
 * pipe: Node's own stdio "pipes" are socket pairs, so a shell pipeline makes
 * one (`gcleak 2>&1 1>&3 | cat`, stdout going on through fd 3).
 */
async function startGcleak(options: { gctrace: boolean; stderr: { file: string } | 'pipe' }): Promise<RunningGo> {
  const binary = await buildGoFixture('gcleak');
  const args = ['-mode', 'healthy', '-duration', '0', '-tick', '100ms', '-garbage-bytes-per-tick', '262144', '-pprof-addr', '127.0.0.1:0'];
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.GODEBUG;
  if (options.gctrace) env.GODEBUG = 'gctrace=1';
  let child: ChildProcess;
  let stdout: NodeJS.ReadableStream;
  if (options.stderr === 'pipe') {
    child = spawn('sh', ['-c', '"$@" 2>&1 1>&3 3>&- | cat >/dev/null', 'sh', binary, ...args], { env, stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
    stdout = child.stdio[3] as NodeJS.ReadableStream;
  } else {
    const stderrFd = openSync(options.stderr.file, 'w');
    child = spawn(binary, args, { env, stdio: ['ignore', 'pipe', stderrFd] });
    closeSync(stderrFd);
    stdout = child.stdout!;
  }
  children.push(child);
  let text = '';
  stdout.setEncoding('utf8');
  const port = await new Promise<number>((resolve, reject) => {
    stdout.on('data', (chunk: string) => {
      text += chunk;
      const match = /pprof listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(text);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`gcleak exited with ${code} before listening:\n${text}`)));
  });
  if (options.stderr !== 'pipe') return { pid: child.pid!, port, binary, args };
  const pid = await childRunning(child.pid!, binary);
  pipelinePids.push(pid);
  return { pid, port, binary, args };
}

/** The pid of the child of `parent` that runs `binary` (the shell's pipeline member). */
async function childRunning(parent: number, binary: string): Promise<number> {
  const pids = readFileSync(`/proc/${parent}/task/${parent}/children`, 'utf8').trim().split(/\s+/).map(Number);
  for (const pid of pids) if ((await host.readLink(`/proc/${pid}/exe`)) === binary) return pid;
  throw new Error(`no child of ${parent} runs ${binary}`);
}

async function toolchainGoVersion(): Promise<string> {
  const { stdout } = await promisify(execFile)('go', ['version'], { env: { ...process.env, GOTOOLCHAIN: 'local' } });
  return /go version (go\S+)/.exec(stdout)![1]!;
}

function byPid(list: ProcessInfo[], pid: number): ProcessInfo | undefined {
  return list.find((p) => p.pid === pid);
}

describe('discovering Go processes', () => {
  const stderrFile = join(dir, 'gcleak stderr.log');
  let withTrace: RunningGo;
  let withoutTrace: RunningGo;
  let goVersion: string;
  let listed: ProcessInfo[];

  beforeAll(async () => {
    [withTrace, withoutTrace, goVersion] = await Promise.all([startGcleak({ gctrace: true, stderr: { file: stderrFile } }), startGcleak({ gctrace: false, stderr: 'pipe' }), toolchainGoVersion()]);
    listed = await discovery.list();
  });

  it('lists the Go program with gctrace on, stderr to its file, and pprof and expvar on its port', () => {
    const found = byPid(listed, withTrace.pid) as GoProcessInfo;
    expect(found).toMatchObject({
      runtime: 'go',
      version: goVersion,
      mainModule: 'gclens.test/gcleak',
      user: me.username,
      uid: me.uid,
      exe: withTrace.binary,
      argv: [withTrace.binary, ...withTrace.args],
      command: [withTrace.binary, ...withTrace.args].join(' '),
      container: false,
      offers: {
        gctrace: 'on',
        stderr: { kind: 'file', path: stderrFile },
        listenPorts: [withTrace.port],
        pprof: { host: '127.0.0.1', port: withTrace.port, path: '/debug/pprof/' },
        expvar: { host: '127.0.0.1', port: withTrace.port, path: '/debug/vars' },
      },
    });
    expect(found.rssBytes).toBeGreaterThan(1024 * 1024);
    expect(found.uptimeSec).toBeGreaterThanOrEqual(0);
    expect(found.uptimeSec).toBeLessThan(600);
    expect(Math.abs(Date.parse(found.startedAt) - Date.now())).toBeLessThan(600_000);
  });

  it('lists the one without gctrace as off, with stderr to a pipe, and says gctrace needs a restart', () => {
    const found = byPid(listed, withoutTrace.pid) as GoProcessInfo;
    expect(found).toMatchObject({
      runtime: 'go',
      version: goVersion,
      offers: { gctrace: 'off', stderr: { kind: 'pipe' }, listenPorts: [withoutTrace.port], pprof: { port: withoutTrace.port } },
    });
    expect(found.notes.join('\n')).toMatch(/GODEBUG=gctrace=1/);
  });

  it('lists only Go and JVM processes, not this Node process', () => {
    expect(byPid(listed, process.pid)).toBeUndefined();
    expect(listed.every((p) => p.runtime === 'go' || p.runtime === 'jvm')).toBe(true);
  });

  it('tails gctrace from the stderr path it found', async () => {
    const path = (byPid(listed, withTrace.pid) as GoProcessInfo).offers.stderr.path!;
    let text = '';
    const tail = host.tailFile(path, { fromOffset: 0, pollMs: 50, onData: (chunk) => (text += chunk.toString()) });
    // gcleak forces a collection 1.5 s after it starts.
    while (!/^gc \d+ @[\d.]+s .*\(forced\)$/m.test(text)) await new Promise((r) => setTimeout(r, 50));
    await tail.stop();
  });

  it('describes one pid the same way, and says when a pid is not Go or Java', async () => {
    const described = await discovery.describe(withTrace.pid);
    expect(described).toMatchObject({ runtime: 'go', version: goVersion, offers: { gctrace: 'on', pprof: { port: withTrace.port } } });
    await expect(discovery.describe(process.pid)).rejects.toMatchObject({ kind: 'not-found' });
    await expect(discovery.describe(-1)).rejects.toMatchObject({ kind: 'invalid-argument' });
  });

  it('reads the build info of the binary with its section headers removed (as sstrip leaves it)', async () => {
    const copy = join(dir, 'gcleak-no-sections');
    copyFileSync(withTrace.binary, copy);
    const bytes = readFileSync(copy);
    // ELF64: e_shoff at 40, e_shnum at 60, e_shstrndx at 62.
    bytes.writeBigUInt64LE(0n, 40);
    bytes.writeUInt16LE(0, 60);
    bytes.writeUInt16LE(0, 62);
    writeFileSync(copy, bytes);
    const info = await readGoBuildInfo((offset, length) => host.readFile(copy, { offset, maxBytes: length }));
    expect(info).toEqual({ goVersion, mainModule: 'gclens.test/gcleak', mainPackage: 'gclens.test/gcleak' });
  });

  it('gclens ps --json prints them as an array of {pid, user, runtime, version, command, …}', async () => {
    let stdout = '';
    const code = await runPs(['--json', '--fast'], { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => true } }, host);
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as ProcessInfo[];
    expect(byPid(printed, withTrace.pid)).toMatchObject({ pid: withTrace.pid, user: me.username, runtime: 'go', version: goVersion, command: expect.stringContaining('-pprof-addr') });
  });

  it('gclens ps prints a table with what each offers', async () => {
    let stdout = '';
    await runPs([], { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => true } }, host);
    const row = stdout.split('\n').find((line) => line.startsWith(`${withTrace.pid} `));
    expect(row).toContain(`gctrace→${stderrFile}`);
    expect(row).toContain(`pprof :${withTrace.port}`);
    expect(stdout.split('\n')[0]).toMatch(/^PID\s+USER\s+RUNTIME\s+VERSION\s+UPTIME\s+RSS\s+OFFERS\s+COMMAND$/);
  });
});

const jdks = await findJdks();

describe.each(jdks)('discovering JVMs on JDK $majorVersion', (jdk) => {
  let logged: JavaFixture;
  let plain: JavaFixture;

  beforeAll(async () => {
    [logged, plain] = await Promise.all([
      startJavaFixture(jdk, 'Idle', [`-Xlog:gc*:file=${dir}/gc-jdk${jdk.majorVersion}-%p.log:uptime,level,tags`, '-XX:NativeMemoryTracking=summary'], []),
      startJavaFixture(jdk, 'Idle', [], []),
    ]);
    await Promise.all([logged.waitFor(/^ready$/m), plain.waitFor(/^ready$/m)]);
  });
  afterAll(() => {
    logged?.stop();
    plain?.stop();
  });

  it('lists both cheaply: Java version from the release file, NMT from the command line, no jcmd yet', async () => {
    const listed = await discovery.list();
    const version = new RegExp(`^${jdk.majorVersion}\\.`);
    expect(byPid(listed, logged.pid)).toMatchObject({
      runtime: 'jvm',
      version: expect.stringMatching(version),
      user: me.username,
      // The fixture helper gives the JVM Node's stdio pipes, which are socket pairs.
      offers: { gcLogs: null, nmt: 'on', hsperfdata: true, stdout: { kind: 'socket' }, stderr: { kind: 'socket' } },
    });
    expect(byPid(listed, plain.pid)).toMatchObject({ runtime: 'jvm', version: expect.stringMatching(version), offers: { gcLogs: null, nmt: 'unknown' } });
  });

  it('finds the GC log file (with %p expanded) and NMT on through jcmd', async () => {
    const described = (await discovery.describe(logged.pid)) as JvmProcessInfo;
    const path = `${dir}/gc-jdk${jdk.majorVersion}-${logged.pid}.log`;
    expect(described.offers.gcLogs).toEqual([
      { output: 'file', path, selections: 'all=off,gc*=info', decorators: ['uptime', 'level', 'tags'], source: 'vm-log' },
    ]);
    expect(described.offers.nmt).toBe('on');
    expect(readFileSync(path, 'utf8')).toMatch(/\[gc\s*\]/);
  });

  it('finds no GC log and NMT off for the plain JVM', async () => {
    const described = (await discovery.describe(plain.pid)) as JvmProcessInfo;
    expect(described.offers).toMatchObject({ gcLogs: [], nmt: 'off' });
    expect(described.version).toMatch(new RegExp(`^${jdk.majorVersion}\\.`));
    expect(described.notes.join('\n')).toMatch(/Native memory tracking is off/);
  });

  it('gclens ps --json runs the jcmd checks for every JVM', async () => {
    let stdout = '';
    await runPs(['--json'], { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => true } }, host);
    const printed = JSON.parse(stdout) as ProcessInfo[];
    expect(byPid(printed, logged.pid)).toMatchObject({ runtime: 'jvm', offers: { nmt: 'on', gcLogs: [{ output: 'file' }] } });
    expect(byPid(printed, plain.pid)).toMatchObject({ runtime: 'jvm', offers: { nmt: 'off', gcLogs: [] } });
  });
});
