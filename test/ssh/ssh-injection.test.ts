/**
 * Nothing a caller passes runs on the box. ssh2's exec hands its string to the
 * remote shell, so PIDs, paths, arguments, environment values and host names
 * full of quotes, $(), backticks, ; and newlines go through every call that
 * builds a command (run, spawnStream, tailFile, fetchFile's sha256sum) and
 * those that do not (SFTP reads, httpGet): each comes back literally, and the
 * file an injected `touch` would create never appears.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProcessDiscovery } from '../../src/main/discovery/process-discovery';
import { SshHost } from '../../src/main/ssh/ssh-host';
import { makeKey, sshEnvironment, startSshd, testDir, writeKnownHosts, type SshServer } from '../helpers/sshd';

const dir = testDir('gclens-ssh-injection-');
const marker = join(dir, 'pwned');
/** File names cannot hold a slash: their tricks touch a file in the login's home (the shell's working folder there). */
const homeMarkerName = `pw${randomBytes(3).toString('hex')}`;
const homeMarker = join(userInfo().homedir, homeMarkerName);
const tricks = (target: string) => [`$(touch ${target})`, `\`touch ${target}\``, `; touch ${target}`, `\ntouch ${target}\n`, `' ; touch ${target} ; '`, `" ; touch ${target} ; "`, `&& touch ${target}`, `| touch ${target}`];
const inject = tricks(marker);
/** Every trick in one string, with the shell's other specials for good measure. */
const nasty = `it's "quoted" ${inject.join(' ')} $HOME * ~ \\ %s > /dev/null < x #`;
/** A name may hold 255 bytes: the tricks are shared out between a folder and a file. */
const nameTricks = tricks(homeMarkerName);
let server: SshServer;
let host: SshHost;
let knownHosts: string;
let keyPath: string;

beforeAll(async () => {
  const key = await makeKey(dir, 'id_ed25519');
  keyPath = key.path;
  server = await startSshd({ authorizedKeys: [key.publicKey] });
  knownHosts = writeKnownHosts(join(dir, 'known_hosts'), [server.knownHostsLine()]);
  host = await SshHost.connect(`root@127.0.0.1:${server.port}`, { environment: sshEnvironment(dir), overrides: { identityFiles: [key.path], knownHostsFile: knownHosts }, killGraceMs: 300 });
});

afterAll(async () => {
  await host?.dispose();
  await server?.dispose();
  rmSync(dir, { recursive: true, force: true });
  rmSync(homeMarker, { force: true });
});

function nothingRan(): void {
  expect(existsSync(marker)).toBe(false);
  expect(existsSync(homeMarker)).toBe(false);
}

describe('arguments that build commands', () => {
  it('run: every argument comes back literally from printf %s', async () => {
    for (const arg of [nasty, ...inject]) {
      const result = await host.run(['printf', '%s', arg], { timeoutMs: 10_000 });
      expect(result.stdout.toString()).toBe(arg);
    }
    nothingRan();
  });

  it('run: the program name and environment values are literal too', async () => {
    await expect(host.run([`true; touch ${marker}`], { timeoutMs: 10_000 })).rejects.toMatchObject({ kind: 'not-found' });
    const result = await host.run(['printenv', 'GCLENS_VALUE'], { timeoutMs: 10_000, env: { GCLENS_VALUE: nasty } });
    expect(result.stdout.toString()).toBe(`${nasty}\n`);
    await expect(host.run(['true'], { timeoutMs: 10_000, env: { [`X=1 touch ${marker};Y`]: '1' } })).rejects.toMatchObject({ kind: 'invalid-argument' });
    await expect(host.run(['true'], { timeoutMs: 10_000, asUser: `root; touch ${marker}` })).rejects.toMatchObject({ kind: 'invalid-argument' });
    nothingRan();
  });

  it('PIDs: a pid argument full of shell is one literal argument, and discovery refuses it as a pid', async () => {
    for (const pid of inject.map((trick) => `1${trick}`)) {
      const result = await host.run(['sh', '-c', 'kill -0 "$1"', 'sh', pid], { timeoutMs: 10_000 });
      expect(result.code).not.toBe(0);
      await expect(host.readFile(`/proc/${pid}/status`)).rejects.toMatchObject({ kind: 'not-found' });
      await expect(new ProcessDiscovery(host).describe(pid as unknown as number)).rejects.toMatchObject({ kind: 'invalid-argument' });
    }
    nothingRan();
  });

  it('spawnStream: arguments come back literally', async () => {
    let out = '';
    const stream = host.spawnStream(['printf', '%s', nasty], { onStdout: (chunk) => (out += chunk.toString()) });
    expect(await stream.exited).toMatchObject({ code: 0, error: null });
    expect(out).toBe(nasty);
    nothingRan();
  });
});

describe('paths', () => {
  // A real folder and file whose names hold every trick, newlines included.
  const folder = join(dir, `dir ${nameTricks.slice(0, 4).join(' ')}`);
  const file = join(folder, `it's "log" ${nameTricks.slice(4).join(' ')} $HOME * ~ \\ %s > x < y #`);

  beforeAll(() => {
    mkdirSync(folder, { recursive: true });
    writeFileSync(file, 'line one\n');
  });

  it('SFTP calls take the path as it is', async () => {
    expect((await host.readFile(file)).toString()).toBe('line one\n');
    expect(await host.stat(file)).toMatchObject({ size: 9, isFile: true });
    expect(await host.readDir(folder)).toEqual([file.slice(folder.length + 1)]);
    expect(await host.readLink(file)).toBeNull();
    await expect(host.readFile(`/tmp/${nasty}`)).rejects.toMatchObject({ kind: 'not-found' });
    nothingRan();
  });

  it('tailFile follows the file by its name, through tail -F and stat on the box', async () => {
    const seen = { text: '' };
    const until = async (text: string) => {
      while (seen.text !== text) await new Promise((r) => setTimeout(r, 10));
    };
    const tail = host.tailFile(file, { fromOffset: 0, pollMs: 50, onData: (chunk) => (seen.text += chunk.toString()) });
    await until('line one\n');
    appendFileSync(file, 'line two\n');
    await until('line one\nline two\n');
    await tail.stop();
    nothingRan();
  });

  it('fetchFile copies it and hashes it on the box with sha256sum', async () => {
    const local = join(dir, 'fetched');
    await host.fetchFile(file, local);
    expect(readFileSync(local, 'utf8')).toBe('line one\nline two\n');
    nothingRan();
  });
});

describe('host names', () => {
  it('refuses destinations that are not host names, before anything connects', async () => {
    for (const destination of inject.map((trick) => `root@127.0.0.1${trick}`).concat([`$(touch ${marker})@127.0.0.1`, `root@[::1${inject[0]}]:22`])) {
      await expect(SshHost.connect(destination, { environment: sshEnvironment(dir) })).rejects.toMatchObject({ kind: 'invalid-argument' });
    }
    await expect(host.httpGet({ host: `127.0.0.1${inject[0]}`, port: 80, path: '/', timeoutMs: 1000 })).rejects.toMatchObject({ kind: 'invalid-argument' });
    await expect(host.httpGet({ port: 80, path: `/${inject[3]}`, timeoutMs: 1000 })).rejects.toMatchObject({ kind: 'invalid-argument' });
    nothingRan();
  });

  it('never runs a Match exec from the SSH config, and takes a HostName with shell in it as a name to resolve', async () => {
    const configFile = join(dir, 'config');
    writeFileSync(
      configFile,
      [`Match exec "touch ${marker}"`, '  User nobody', 'Host box', '  HostName 127.0.0.1', `  Port ${server.port}`, 'Host evil', `  HostName $(touch ${marker}).invalid`].join('\n') + '\n',
    );
    const options = { environment: sshEnvironment(dir, { configFile }), overrides: { identityFiles: [keyPath], knownHostsFile: knownHosts } };
    const box = await SshHost.connect('root@box', options);
    expect((await box.run(['id', '-un'], { timeoutMs: 10_000 })).stdout.toString()).toBe('root\n');
    await box.dispose();
    await expect(SshHost.connect('root@evil', { ...options, connectTimeoutMs: 5000 })).rejects.toMatchObject({ kind: 'io' });
    nothingRan();
  });
});
