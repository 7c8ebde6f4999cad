/**
 * A serve-mode backend for the SSH tests: it keeps every event it emits,
 * writes its sessions and config under the test's folder, reaches the
 * loopback sshd through that folder's ssh environment, and has the small
 * calls those tests make over and over (a channel that must succeed, a
 * condition to wait for, hosts:connect with a key and known_hosts).
 */
import { join } from 'node:path';
import type { EventChannel, EventMap, HostInfo } from '../../src/shared/contract';
import type { Result } from '../../src/shared/result';
import { createBackend, type Backend } from '../../src/main/core/backend';
import { sshEnvironment } from './sshd';

export interface EmittedEvent {
  channel: EventChannel;
  payload: unknown;
  /** Date.now() when the backend emitted it. */
  atMs: number;
}

export interface SshBackendOptions {
  /** How long until() waits when a call does not say. */
  untilTimeoutMs: number;
  /** How often until() checks again. */
  untilPollMs: number;
}

export interface SshBackend {
  /** Every event emitted since start(), in order. */
  readonly emitted: EmittedEvent[];
  /** The backend start() made; throws before it. */
  readonly backend: Backend;
  /** Creates the backend: call it once the test's fixtures are up. */
  start(): Backend;
  /** Dispatches and unwraps the result; an error result throws with its kind and message. */
  call: <T>(channel: string, request?: unknown) => Promise<T>;
  /** Waits until check() holds, polling; throws `timed out waiting for ${what}` past the timeout. */
  until: (what: string, check: () => boolean | Promise<boolean>, timeoutMs?: number) => Promise<void>;
  /** hosts:connect to `destination` with one identity file and a known_hosts file; the connected host's id. */
  connect: (destination: string, identityFile: string, knownHostsFile: string) => Promise<string>;
  dispose(): Promise<void>;
}

/** The backend of an SSH test whose files go under `dir` (made by testDir). */
export function sshBackend(dir: string, options: SshBackendOptions): SshBackend {
  const emitted: EmittedEvent[] = [];
  let started: Backend | undefined;
  const backendOf = (): Backend => {
    if (!started) throw new Error('the SSH test backend is not started');
    return started;
  };
  const call = async <T>(channel: string, request?: unknown): Promise<T> => {
    const result = (await backendOf().dispatch(channel, request)) as Result<T>;
    if (!result.ok) throw new Error(`${channel}: ${result.error.kind}: ${result.error.message}`);
    return result.value;
  };
  return {
    emitted,
    get backend() {
      return backendOf();
    },
    start() {
      started = createBackend({
        transport: 'serve',
        emit: <E extends EventChannel>(channel: E, payload: EventMap[E]) => emitted.push({ channel, payload, atMs: Date.now() }),
        sessionsDir: join(dir, 'sessions'),
        configDir: join(dir, 'config'),
        updateIntervalMs: 200,
        sshEnvironment: sshEnvironment(dir),
      });
      return started;
    },
    call,
    async until(what, check, timeoutMs = options.untilTimeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, options.untilPollMs));
      }
    },
    async connect(destination, identityFile, knownHostsFile) {
      return (await call<HostInfo>('hosts:connect', { destination, identityFile, knownHostsFile })).hostId;
    },
    async dispose() {
      await started?.dispose();
    },
  };
}
