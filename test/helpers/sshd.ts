/**
 * A real OpenSSH server for the SSH host tests: Debian's /usr/sbin/sshd with
 * its own config, ed25519 host key and authorized_keys in a temporary folder,
 * listening on 127.0.0.1 at a free port, in the foreground (-D) and logging
 * to its stderr (-e), which the test can read. Plus an ssh-agent holding a
 * key, for the agent test, and client keys (one with a passphrase).
 *
 * sshd is a stated requirement of the test suite (.ci/run installs
 * openssh-server): a missing one fails loudly, it never skips.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { SshEnvironment } from '../../src/main/ssh/ssh-config';

const SSHD = '/usr/sbin/sshd';
const SFTP_SERVER = '/usr/lib/openssh/sftp-server';

function run(file: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env, timeout: 30_000 }, (err, stdout, stderr) => {
      if (!err) resolve(stdout);
      else if ((err as NodeJS.ErrnoException).code === 'ENOENT') reject(new Error(`${file} is required by the SSH tests (apt-get install openssh-server openssh-client)`));
      else reject(new Error(`${file} ${args.join(' ')} failed: ${err.message}\n${stderr}`));
    });
  });
}

/** The pids of a process's children (sshd's session processes). */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface KeyPair {
  /** The private key file. */
  path: string;
  /** The public key line (`ssh-ed25519 AAAA… comment`). */
  publicKey: string;
}

/** An ed25519 key made by ssh-keygen, with a passphrase when given. */
export async function makeKey(dir: string, name: string, passphrase = ''): Promise<KeyPair> {
  const path = join(dir, name);
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', `gclens-test-${name}`, '-f', path]);
  return { path, publicKey: readFileSync(`${path}.pub`, 'utf8').trim() };
}

/** `ssh-keygen -lf FILE`: the fingerprint OpenSSH shows for a public key file (SHA256:…). */
export async function openSshFingerprint(publicKeyFile: string): Promise<string> {
  const out = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', publicKeyFile]);
  return out.split(/\s+/)[1]!;
}

export interface SshServer {
  port: number;
  dir: string;
  hostKey: KeyPair;
  /** What sshd printed on stderr so far. */
  log(): string;
  /** The known_hosts line for this server, as OpenSSH writes it for a non-22 port. */
  knownHostsLine(): string;
  /** Starts it again on the same port, with the same host key (after stop()). */
  start(): Promise<void>;
  /**
   * Ends the listening sshd; its folder stays for start(). Sessions already
   * open live on in their own processes, as with any sshd, unless `sessions`
   * says to end them too (the link each serves then drops).
   */
  stop(options?: { sessions?: boolean }): Promise<void>;
  /** Ends sshd and removes its folder. */
  dispose(): Promise<void>;
}

export interface SshServerOptions {
  /** Public key lines allowed to log in. */
  authorizedKeys: string[];
  /** More sshd_config lines (LogLevel DEBUG1, say). */
  extraConfig?: string[];
}

/** Starts sshd on 127.0.0.1 at a free port. */
export async function startSshd(options: SshServerOptions): Promise<SshServer> {
  if (!existsSync(SSHD)) throw new Error(`${SSHD} is required by the SSH tests (apt-get install openssh-server)`);
  // sshd's privilege separation needs its empty directory; Debian's package makes it at boot only.
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const dir = mkdtempSync(join(tmpdir(), 'gclens-sshd-'));
  const hostKey = await makeKey(dir, 'host_ed25519');
  const port = await freePort();
  writeFileSync(join(dir, 'authorized_keys'), options.authorizedKeys.join('\n') + '\n');
  const config = [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${hostKey.path}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'StrictModes no',
    'UsePAM no',
    'PermitRootLogin yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'AllowTcpForwarding yes',
    'MaxStartups 50',
    `Subsystem sftp ${existsSync(SFTP_SERVER) ? SFTP_SERVER : 'internal-sftp'}`,
    ...(options.extraConfig ?? []),
  ];
  const configPath = join(dir, 'sshd_config');
  writeFileSync(configPath, config.join('\n') + '\n');

  let child: ChildProcess | null = null;
  let log = '';
  const start = async () => {
    const started = spawn(SSHD, ['-D', '-e', '-f', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
    child = started;
    started.stderr!.setEncoding('utf8');
    await new Promise<void>((resolve, reject) => {
      started.stderr!.on('data', (text: string) => {
        log += text;
        if (log.includes(`Server listening on 127.0.0.1 port ${port}`)) resolve();
      });
      started.once('error', reject);
      started.once('exit', (code) => reject(new Error(`sshd exited with ${code} before listening:\n${log}`)));
    });
  };
  const stop = async (stopOptions: { sessions?: boolean } = {}) => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const sessions = stopOptions.sessions ? childrenOf(running.pid!) : [];
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
    for (const pid of sessions) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  await start();
  return {
    port,
    dir,
    hostKey,
    log: () => log,
    knownHostsLine: () => `[127.0.0.1]:${port} ${hostKey.publicKey.split(' ').slice(0, 2).join(' ')}`,
    start,
    stop,
    dispose: async () => {
      await stop({ sessions: true });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface SshAgent {
  socket: string;
  stop(): Promise<void>;
}

/** `ssh-agent -D -a SOCKET` holding the given keys (added with ssh-add). */
export async function startAgent(dir: string, keyFiles: string[]): Promise<SshAgent> {
  const socket = join(dir, 'agent.sock');
  const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  while (!existsSync(socket)) {
    if (agent.exitCode !== null) throw new Error(`ssh-agent exited with ${agent.exitCode}`);
    if (Date.now() > deadline) throw new Error('ssh-agent did not make its socket');
    await new Promise((r) => setTimeout(r, 20));
  }
  for (const key of keyFiles) await run('ssh-add', ['-q', key], { ...process.env, SSH_AUTH_SOCK: socket });
  return {
    socket,
    stop: async () => {
      if (agent.exitCode !== null) return;
      const exited = new Promise((resolve) => agent.once('exit', resolve));
      agent.kill('SIGTERM');
      await exited;
    },
  };
}

/** A folder for a test's keys, config and known_hosts files. */
export function testDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface TcpProxy {
  port: number;
  /** Connections made through it so far. */
  connections(): number;
  /** Cuts every open connection at once, as a dropped network would; new ones are still accepted. */
  sever(): void;
  /** Stops relaying on the open connections without closing them, as a dead route would; new ones relay. */
  freeze(): void;
  close(): Promise<void>;
}

/** A TCP relay on 127.0.0.1 to `targetPort`, whose connections a test can cut. */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const pairs = new Set<[Socket, Socket]>();
  let count = 0;
  const server = createServer((client) => {
    count++;
    const upstream = connect(targetPort, '127.0.0.1');
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    client.on('close', () => pairs.delete(pair));
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {});
    }
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => count,
    sever: () => {
      for (const socket of sockets) socket.resetAndDestroy();
    },
    freeze: () => {
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      }
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Where gclens looks for SSH settings in a test: a home folder of the test's
 * own, its config file (or none), no system config, and the agent only when
 * the test gives one; never the real ~/.ssh or SSH_AUTH_SOCK of the machine.
 */
export function sshEnvironment(home: string, options: { authSock?: string | null; configFile?: string | null } = {}): SshEnvironment {
  return {
    home,
    localUser: userInfo().username,
    localUid: userInfo().uid,
    localHostName: 'gclens-test',
    authSock: options.authSock ?? null,
    userConfigFile: options.configFile ?? null,
    systemConfigFile: null,
    env: {},
  };
}

/** Writes a known_hosts file holding the given lines. */
export function writeKnownHosts(path: string, lines: string[]): string {
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}
