/**
 * Turns a destination into the hops to connect through, as OpenSSH would:
 * ~/.ssh/config then /etc/ssh/ssh_config (the first value obtained wins;
 * IdentityFile adds up), Host patterns and aliases, HostName, User, Port,
 * IdentityFile with ~ and %-tokens, IdentitiesOnly, IdentityAgent,
 * UserKnownHostsFile, HostKeyAlias, ConnectTimeout, ServerAliveInterval and
 * ProxyJump with several hops, each hop itself resolved through the config.
 * Parsing and Host matching are the ssh-config package's; `Match exec` is not
 * evaluated (gclens runs nothing from a config file), and Include is followed
 * at the top level of a file only.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { homedir, hostname, userInfo } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';
import SSHConfig from 'ssh-config';
import { GclensError } from '../../shared/result';
import { formatDestination, parseDestination, type Destination } from './destination';

export interface IdentityFile {
  path: string;
  /** Named by -i or IdentityFile; the defaults (~/.ssh/id_ed25519…) are skipped quietly when missing. */
  explicit: boolean;
}

/** One SSH server on the way, with everything needed to connect to it. */
export interface SshHop {
  /** What named it: the alias or host typed, or a ProxyJump entry. */
  name: string;
  hostName: string;
  port: number;
  user: string;
  identityFiles: IdentityFile[];
  identitiesOnly: boolean;
  /** ssh-agent's socket (IdentityAgent, else SSH_AUTH_SOCK); null for none. */
  agentSocket: string | null;
  userKnownHostsFiles: string[];
  globalKnownHostsFiles: string[];
  /** The name its key is filed under in known_hosts, when not hostName (HostKeyAlias). */
  hostKeyAlias: string | null;
  connectTimeoutMs: number | null;
  keepaliveIntervalMs: number | null;
  keepaliveCountMax: number | null;
}

export interface SshRoute {
  /** The jump hosts in the order they are connected through (ProxyJump), then the target. */
  jumps: SshHop[];
  target: SshHop;
  /** For people: user@host:port. */
  label: string;
}

/** Command-line options that win over the config, like OpenSSH's -i and -o UserKnownHostsFile. */
export interface SshOverrides {
  identityFiles?: string[];
  knownHostsFile?: string;
}

/** Where the config and the defaults come from (tests point them at a temporary folder). */
export interface SshEnvironment {
  home: string;
  localUser: string;
  localUid: number;
  localHostName: string;
  authSock: string | null;
  /** ~/.ssh/config; null for none. */
  userConfigFile: string | null;
  /** /etc/ssh/ssh_config; null for none. */
  systemConfigFile: string | null;
  env: Record<string, string | undefined>;
}

export function defaultSshEnvironment(): SshEnvironment {
  let localUser = process.env.USER ?? '';
  let localUid = process.getuid?.() ?? 0;
  try {
    const me = userInfo();
    localUser = me.username;
    localUid = me.uid;
  } catch {
    // No passwd entry for our uid (some containers): $USER it is.
  }
  const home = homedir();
  return {
    home,
    localUser,
    localUid,
    localHostName: hostname(),
    authSock: process.env.SSH_AUTH_SOCK || null,
    userConfigFile: join(home, '.ssh/config'),
    systemConfigFile: '/etc/ssh/ssh_config',
    env: process.env,
  };
}

type Computed = Record<string, string | string[]>;
const MAX_JUMP_DEPTH = 8;

/** Resolves `dest` into the hops to connect through. */
export async function resolveRoute(dest: string, overrides: SshOverrides = {}, environment: SshEnvironment = defaultSshEnvironment()): Promise<SshRoute> {
  const configs = await loadConfigs(environment);
  const resolver = new Resolver(configs, overrides, environment);
  const route = resolver.route(parseDestination(dest), 0);
  return { ...route, label: formatDestination(route.target.user, route.target.name, route.target.port) };
}

async function loadConfigs(environment: SshEnvironment): Promise<SSHConfig[]> {
  const configs: SSHConfig[] = [];
  for (const file of [environment.userConfigFile, environment.systemConfigFile]) {
    if (file === null) continue;
    const base = file === environment.systemConfigFile ? dirname(file) : join(environment.home, '.ssh');
    configs.push(await parseWithIncludes(file, base, environment.home, 0));
  }
  return configs;
}

async function readTextOrNull(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new GclensError('io', `cannot read the SSH config ${path}: ${(err as Error).message}`);
  }
}

/** Parses a config file, splicing in the files its top-level Include lines name. */
async function parseWithIncludes(file: string, base: string, home: string, depth: number): Promise<SSHConfig> {
  const text = await readTextOrNull(file);
  const config = SSHConfig.parse(text ?? '');
  if (depth > 8) throw new GclensError('invalid-argument', `SSH config Include nests too deep at ${file}`);
  const out = SSHConfig.parse('');
  for (const line of config) {
    if (line.type === SSHConfig.DIRECTIVE && /^include$/i.test(line.param)) {
      const patterns = Array.isArray(line.value) ? line.value.map((v) => v.val) : [line.value];
      for (const pattern of patterns) {
        const expanded = expandTilde(pattern, home);
        for (const included of await globFiles(isAbsolute(expanded) ? expanded : join(base, expanded))) {
          out.push(...(await parseWithIncludes(included, base, home, depth + 1)));
        }
      }
    } else {
      out.push(line);
    }
  }
  return out;
}

/** The files a pattern with * or ? in its last component names, sorted as OpenSSH's glob does. */
async function globFiles(pattern: string): Promise<string[]> {
  const name = basename(pattern);
  if (!/[*?]/.test(name)) return [pattern];
  const re = new RegExp(`^${name.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  const dir = dirname(pattern);
  const entries = await readdir(dir).catch(() => [] as string[]);
  return entries.filter((e) => re.test(e)).sort().map((e) => join(dir, e));
}

function expandTilde(path: string, home: string): string {
  if (path === '~') return home;
  return path.startsWith('~/') ? join(home, path.slice(2)) : path;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A multi-value directive: ssh-config gives an array for several values and a string for one (quoted, it may hold spaces). */
function list(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v) => v !== '');
}

function seconds(value: string | undefined, what: string): number | null {
  if (value === undefined) return null;
  if (!/^[0-9]+$/.test(value)) throw new GclensError('invalid-argument', `SSH config ${what} is not a number of seconds: ${JSON.stringify(value)}`);
  return Number(value) * 1000;
}

class Resolver {
  constructor(
    private readonly configs: SSHConfig[],
    private readonly overrides: SshOverrides,
    private readonly environment: SshEnvironment,
  ) {}

  /** The hops for one destination: its ProxyJump chain, then itself. */
  route(dest: Destination, depth: number): { jumps: SshHop[]; target: SshHop } {
    if (depth > MAX_JUMP_DEPTH) throw new GclensError('invalid-argument', `ProxyJump goes more than ${MAX_JUMP_DEPTH} hops deep at ${dest.host}: is there a loop?`);
    const computed = this.compute(dest);
    const target = this.hop(dest, computed);
    const jumpText = first(computed.proxyjump);
    const proxyCommand = first(computed.proxycommand);
    if (jumpText === undefined && proxyCommand !== undefined && proxyCommand.toLowerCase() !== 'none') {
      throw new GclensError('invalid-argument', `${dest.host}: ProxyCommand is not supported by gclens; use ProxyJump in the SSH config`);
    }
    if (jumpText === undefined || jumpText.toLowerCase() === 'none') return { jumps: [], target };
    // Like `ssh -J a,b`: a is reached through its own config (its ProxyJump too), b through a.
    const entries = jumpText.split(',').map((entry) => parseDestination(entry));
    const firstHop = this.route(entries[0]!, depth + 1);
    const rest = entries.slice(1).map((entry) => this.hop(entry, this.compute(entry)));
    return { jumps: [...firstHop.jumps, firstHop.target, ...rest], target };
  }

  /** Every config's answer for this host, merged: the first value obtained wins, IdentityFile adds up. */
  private compute(dest: Destination): Computed {
    const merged: Computed = {};
    for (const config of this.configs) {
      const query = dest.user === null ? { Host: dest.host } : { Host: dest.host, User: dest.user };
      const answer = config.compute(query, { ignoreCase: true, matchExec: false });
      for (const [key, value] of Object.entries(answer)) {
        if (key === 'identityfile') merged[key] = [...list(merged[key]), ...list(value)];
        else if (merged[key] === undefined) merged[key] = value;
      }
    }
    return merged;
  }

  private hop(dest: Destination, computed: Computed): SshHop {
    const env = this.environment;
    const hostName = this.expand(first(computed.hostname) ?? dest.host, { h: dest.host }, 'HostName');
    const portText = first(computed.port);
    const port = dest.port ?? (portText === undefined ? 22 : Number(portText));
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new GclensError('invalid-argument', `SSH config Port for ${dest.host} is not a port: ${portText}`);
    const user = dest.user ?? first(computed.user) ?? env.localUser;
    const hostKeyAlias = first(computed.hostkeyalias) ?? null;
    const tokens: Record<string, string> = {
      d: env.home,
      h: hostName,
      i: String(env.localUid),
      k: hostKeyAlias ?? hostName,
      L: env.localHostName.split('.')[0]!,
      l: env.localHostName,
      n: dest.host,
      p: String(port),
      r: user,
      u: env.localUser,
      j: first(computed.proxyjump) ?? '',
    };
    tokens.C = createHash('sha1').update(`${tokens.l}${tokens.h}${tokens.p}${tokens.r}${tokens.j}`).digest('hex');
    const path = (value: string, what: string) => expandTilde(this.expand(value, tokens, what), env.home);

    const configured = list(computed.identityfile).map((file) => ({ path: path(file, 'IdentityFile'), explicit: true }));
    const fromCli = (this.overrides.identityFiles ?? []).map((file) => ({ path: expandTilde(file, env.home), explicit: true }));
    const defaults = ['id_rsa', 'id_ecdsa', 'id_ed25519'].map((name) => ({ path: join(env.home, '.ssh', name), explicit: false }));
    const identityFiles = [...fromCli, ...configured];

    const agentSetting = first(computed.identityagent);
    let agentSocket: string | null = env.authSock;
    if (agentSetting !== undefined) {
      if (agentSetting.toLowerCase() === 'none') agentSocket = null;
      else if (agentSetting === 'SSH_AUTH_SOCK') agentSocket = env.authSock;
      else if (agentSetting.startsWith('$')) agentSocket = env.env[agentSetting.slice(1)] || null;
      else agentSocket = path(agentSetting, 'IdentityAgent');
    }

    const userKnownHostsFiles = this.overrides.knownHostsFile
      ? [expandTilde(this.overrides.knownHostsFile, env.home)]
      : list(computed.userknownhostsfile ?? ['~/.ssh/known_hosts', '~/.ssh/known_hosts2']).map((file) => path(file, 'UserKnownHostsFile'));
    const globalKnownHostsFiles = list(computed.globalknownhostsfile ?? ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2']).map((file) =>
      path(file, 'GlobalKnownHostsFile'),
    );
    const aliveCount = first(computed.serveralivecountmax);
    return {
      name: dest.host,
      hostName,
      port,
      user,
      identityFiles: identityFiles.length > 0 ? identityFiles : defaults,
      identitiesOnly: first(computed.identitiesonly)?.toLowerCase() === 'yes',
      agentSocket,
      userKnownHostsFiles,
      globalKnownHostsFiles,
      hostKeyAlias,
      connectTimeoutMs: seconds(first(computed.connecttimeout), 'ConnectTimeout'),
      keepaliveIntervalMs: seconds(first(computed.serveraliveinterval), 'ServerAliveInterval'),
      keepaliveCountMax: aliveCount === undefined ? null : (seconds(aliveCount, 'ServerAliveCountMax') ?? 0) / 1000,
    };
  }

  /** ssh_config's %-tokens (TOKENS in ssh_config(5)); an unknown one is an error, as in OpenSSH. */
  private expand(value: string, tokens: Record<string, string>, what: string): string {
    return value.replace(/%(.)/g, (whole, token: string) => {
      if (token === '%') return '%';
      const replacement = tokens[token];
      if (replacement === undefined) throw new GclensError('invalid-argument', `SSH config ${what} ${JSON.stringify(value)}: unknown or unsupported token ${whole}`);
      return replacement;
    });
  }
}
