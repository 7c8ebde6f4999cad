/**
 * One SSH login: a Client to one hop, over TCP or over a stream forwarded by
 * the hop before it (ProxyJump), its host key checked and its user
 * authenticated. The handshake has a deadline that does not run while a
 * person is being asked something (a host key, a passphrase).
 */
import type { Duplex } from 'node:stream';
// The default import: Node cannot take named exports from ssh2 (CommonJS) in the bundled ES module CLI.
import ssh2, { type Client, type ParsedKey } from 'ssh2';
import { GclensError } from '../../shared/result';
import { formatDestination } from './destination';
import { checkHostKey, preferredHostKeyAlgorithms, type UnknownHostKeyPrompt } from './host-key-check';
import { planAuth, type AuthPrompts } from './ssh-auth';
import type { SshHop } from './ssh-config';

export interface HopLoginOptions {
  prompts: AuthPrompts;
  unknownHostKey?: UnknownHostKeyPrompt;
  onNote?: (note: string) => void;
  /** Per connection: keys accepted once, and keys unlocked once. */
  acceptedHostKeys: Set<string>;
  decryptedKeys: Map<string, ParsedKey>;
  connectTimeoutMs: number;
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
}

/** A deadline that stands still while paused (someone is being asked). */
class Deadline {
  private timer: NodeJS.Timeout | null = null;
  private paused = 0;

  constructor(
    private readonly ms: number,
    private readonly onExpired: () => void,
  ) {
    this.start();
  }

  async during<T>(work: () => Promise<T>): Promise<T> {
    this.paused++;
    this.clear();
    try {
      return await work();
    } finally {
      if (--this.paused === 0) this.start();
    }
  }

  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private start(): void {
    this.clear();
    this.timer = setTimeout(this.onExpired, this.ms);
  }
}

/** Logs in to `hop`; `sock` is the stream to it through the previous hop, if any. */
export async function loginToHop(hop: SshHop, options: HopLoginOptions, sock?: Duplex): Promise<Client> {
  const where = formatDestination(hop.user, hop.hostName, hop.port);
  const algorithms = await preferredHostKeyAlgorithms(hop);
  return new Promise<Client>((resolve, reject) => {
    const client = new ssh2.Client();
    let settled = false;
    let hostKeyError: Error | null = null;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      deadline.clear();
      client.end();
      sock?.destroy();
      reject(err);
    };
    const deadline = new Deadline(options.connectTimeoutMs, () => fail(new GclensError('io', `SSH to ${where} timed out after ${options.connectTimeoutMs} ms`)));
    const prompts: AuthPrompts = {
      passphrase: options.prompts.passphrase && ((request) => deadline.during(() => options.prompts.passphrase!(request))),
      password: options.prompts.password && ((request) => deadline.during(() => options.prompts.password!(request))),
      keyboardInteractive: options.prompts.keyboardInteractive && ((request) => deadline.during(() => options.prompts.keyboardInteractive!(request))),
    };
    const plan = planAuth(hop, where, prompts, options.decryptedKeys);

    client.on('ready', () => {
      if (settled) return;
      settled = true;
      deadline.clear();
      resolve(client);
    });
    client.on('error', (err: Error & { level?: string }) => {
      // An unreachable agent or a key the agent cannot sign with: authentication goes on with the next method.
      if (err.level === 'agent') {
        options.onNote?.(`ssh-agent: ${err.message}`);
        return;
      }
      if (hostKeyError) fail(hostKeyError);
      else if (err.level === 'client-authentication') fail(plan.failure());
      else if (err.level === 'client-socket' || err.level === 'client-dns') fail(new GclensError('io', `cannot reach ${where}: ${err.message}`));
      else fail(new GclensError('io', `SSH to ${where} failed: ${err.message}`));
    });
    client.on('close', () => fail(hostKeyError ?? new GclensError('io', `SSH to ${where}: the server closed the connection during login`)));

    try {
      client.connect({
        host: hop.hostName,
        port: hop.port,
        sock,
        username: hop.user,
        readyTimeout: 0,
        keepaliveInterval: options.keepaliveIntervalMs,
        keepaliveCountMax: options.keepaliveCountMax,
        algorithms: { serverHostKey: algorithms as never },
        authHandler: plan.handler,
        hostVerifier: (key: Buffer, verify: (valid: boolean) => void) => {
          deadline
            .during(() =>
              checkHostKey(hop, key, {
                prompt: options.unknownHostKey,
                acceptedOnce: options.acceptedHostKeys,
                onNote: options.onNote,
              }),
            )
            .then(
              () => verify(true),
              (err: Error) => {
                hostKeyError = err;
                verify(false);
              },
            );
        },
      });
    } catch (err) {
      fail(new GclensError('io', `SSH to ${where} failed: ${(err as Error).message}`));
    }
  });
}

/** A TCP stream from `client`'s host to host:port (direct-tcpip), for the next hop or an HTTP request. */
export function forwardFrom(client: Client, host: string, port: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    try {
      client.forwardOut('127.0.0.1', 0, host, port, (err, stream) => (err ? reject(new GclensError('io', `cannot open a forwarded connection to ${host}:${port}: ${err.message}`)) : resolve(stream)));
    } catch (err) {
      reject(new GclensError('io', `cannot open a forwarded connection to ${host}:${port}: ${(err as Error).message}`));
    }
  });
}
