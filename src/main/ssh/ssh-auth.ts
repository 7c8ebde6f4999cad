/**
 * User authentication in OpenSSH's order: ssh-agent's keys (only those of the
 * IdentityFiles with IdentitiesOnly), then the key files (a passphrase asked
 * through a callback when one is encrypted), then keyboard-interactive, then
 * password, each asked through a callback. When everything fails, the error
 * says what was tried and what the server allows.
 *
 * Passphrases and passwords are never stored. A decrypted key stays in the
 * memory of its connection (like ssh-agent holds it) so that a reconnect does
 * not ask again; dispose() drops it with the connection.
 */
import { readFile } from 'node:fs/promises';
// The default import: Node cannot take named exports from ssh2 (CommonJS) in the bundled ES module CLI.
import ssh2, {
  type OpenSSHAgent,
  type AnyAuthMethod,
  type AuthenticationType,
  type AuthHandlerMiddleware,
  type IdentityCallback,
  type ParsedKey,
  type SignCallback,
  type SigningRequestOptions,
} from 'ssh2';
import { GclensError } from '../../shared/result';
import type { SshHop } from './ssh-config';

export interface PassphraseRequest {
  keyFile: string;
  /** 1 for the first ask; more after a wrong passphrase. */
  attempt: number;
  /** user@host:port being logged in to. */
  destination: string;
}

export interface KeyboardInteractiveRequest {
  destination: string;
  name: string;
  instructions: string;
  prompts: Array<{ prompt: string; echo: boolean }>;
}

/** How gclens asks the person for secrets; absent callbacks skip that method. Answers are never stored. */
export interface AuthPrompts {
  /** null: skip this key. */
  passphrase?: (request: PassphraseRequest) => Promise<string | null>;
  /** null: do not try a password. */
  password?: (request: { destination: string; user: string }) => Promise<string | null>;
  /** One answer per prompt; null: give up keyboard-interactive. */
  keyboardInteractive?: (request: KeyboardInteractiveRequest) => Promise<string[] | null>;
}

/** Nobody could log in: what was tried, and what the server allows. */
export class SshAuthError extends GclensError {
  constructor(
    message: string,
    readonly tried: string[],
    readonly serverAllows: string[],
  ) {
    super('io', message);
    this.name = 'SshAuthError';
  }
}

const PASSPHRASE_ATTEMPTS = 3;

/** An agent that offers only a chosen list of the real agent's keys. */
class ListedAgent extends ssh2.BaseAgent<ParsedKey> {
  constructor(
    private readonly inner: OpenSSHAgent,
    private readonly keys: ParsedKey[],
  ) {
    super();
  }

  getIdentities(cb: IdentityCallback<ParsedKey>): void {
    cb(null, this.keys);
  }

  sign(pubKey: ParsedKey, data: Buffer, options: SigningRequestOptions | SignCallback, cb?: SignCallback): void {
    if (typeof options === 'function') this.inner.sign(pubKey, data, {}, options);
    else this.inner.sign(pubKey, data, options, cb);
  }
}

function agentIdentities(agent: OpenSSHAgent): Promise<ParsedKey[]> {
  return new Promise((resolve, reject) =>
    agent.getIdentities((err, keys) => (err ? reject(err) : resolve((keys ?? []).filter((k): k is ParsedKey => typeof k === 'object' && 'getPublicSSH' in k)))),
  );
}

async function readOrNull(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch {
    return null;
  }
}

export interface AuthPlan {
  handler: AuthHandlerMiddleware;
  /** The error to report when the handler ran out of methods. */
  failure(): SshAuthError;
}

/**
 * The authHandler for one login to `hop`. `decryptedKeys` outlives it (one
 * map per connection) so a reconnect reuses a key unlocked earlier.
 */
export function planAuth(hop: SshHop, destination: string, prompts: AuthPrompts, decryptedKeys: Map<string, ParsedKey>): AuthPlan {
  const tried: string[] = [];
  const notes: string[] = [];
  let serverAllows: string[] = [];
  const offered: Buffer[] = [];
  let stage: 'none' | 'agent' | 'files' | 'keyboard' | 'password' | 'done' = 'none';
  let fileIndex = 0;

  const wasOffered = (key: ParsedKey) => offered.some((blob) => blob.equals(key.getPublicSSH()));

  async function agentMethod(): Promise<AnyAuthMethod | null> {
    if (!hop.agentSocket) return null;
    const agent = new ssh2.OpenSSHAgent(hop.agentSocket);
    let keys: ParsedKey[];
    try {
      keys = await agentIdentities(agent);
    } catch (err) {
      notes.push(`ssh-agent at ${hop.agentSocket} did not answer (${(err as Error).message})`);
      return null;
    }
    if (hop.identitiesOnly) {
      const wanted = await identityPublicKeys();
      keys = keys.filter((k) => wanted.some((w) => w.equals(k.getPublicSSH())));
    }
    if (keys.length === 0) return null;
    for (const key of keys) offered.push(key.getPublicSSH());
    tried.push(`ssh-agent (${keys.length} key${keys.length === 1 ? '' : 's'})`);
    return { type: 'agent', username: hop.user, agent: new ListedAgent(agent, keys) };
  }

  /** The public halves of the IdentityFiles, from their .pub files (no passphrase needed). */
  async function identityPublicKeys(): Promise<Buffer[]> {
    const keys: Buffer[] = [];
    for (const { path } of hop.identityFiles) {
      const pub = (await readOrNull(`${path}.pub`)) ?? (await readOrNull(path));
      const parsed = pub ? ssh2.utils.parseKey(pub) : null;
      if (parsed && !(parsed instanceof Error)) keys.push(parsed.getPublicSSH());
    }
    return keys;
  }

  async function fileMethod(): Promise<AnyAuthMethod | null> {
    while (fileIndex < hop.identityFiles.length) {
      const { path, explicit } = hop.identityFiles[fileIndex++]!;
      const key = await loadKey(path, explicit);
      if (!key) continue;
      if (wasOffered(key)) continue; // the agent offered it already and the server said no
      offered.push(key.getPublicSSH());
      tried.push(`key ${path}`);
      return { type: 'publickey', username: hop.user, key };
    }
    return null;
  }

  async function loadKey(path: string, explicit: boolean): Promise<ParsedKey | null> {
    const cached = decryptedKeys.get(path);
    if (cached) return cached;
    const data = await readOrNull(path);
    if (!data) {
      if (explicit) notes.push(`no such identity: ${path}`);
      return null;
    }
    let parsed = ssh2.utils.parseKey(data);
    for (let attempt = 1; parsed instanceof Error && /passphrase/i.test(parsed.message) && attempt <= PASSPHRASE_ATTEMPTS; attempt++) {
      if (!prompts.passphrase) {
        notes.push(`${path} needs a passphrase and nobody can be asked`);
        return null;
      }
      const passphrase = await prompts.passphrase({ keyFile: path, attempt, destination });
      if (passphrase === null) {
        notes.push(`${path}: no passphrase given`);
        return null;
      }
      parsed = ssh2.utils.parseKey(data, passphrase);
    }
    if (parsed instanceof Error) {
      notes.push(`${path}: ${/passphrase/i.test(parsed.message) ? 'wrong passphrase' : `not a usable private key (${parsed.message})`}`);
      return null;
    }
    if (!parsed.isPrivateKey()) {
      notes.push(`${path} holds no private key`);
      return null;
    }
    decryptedKeys.set(path, parsed);
    return parsed;
  }

  function keyboardMethod(): AnyAuthMethod | null {
    const ask = prompts.keyboardInteractive;
    if (!ask) return null;
    tried.push('keyboard-interactive');
    return {
      type: 'keyboard-interactive',
      username: hop.user,
      prompt: (name, instructions, _lang, questions, finish) => {
        const request = { destination, name, instructions, prompts: questions.map((q) => ({ prompt: q.prompt, echo: q.echo ?? false })) };
        ask(request).then(
          (answers) => finish(answers ?? []),
          () => finish([]),
        );
      },
    };
  }

  async function passwordMethod(): Promise<AnyAuthMethod | null> {
    if (!prompts.password) return null;
    const password = await prompts.password({ destination, user: hop.user });
    if (password === null) return null;
    tried.push('password');
    return { type: 'password', username: hop.user, password };
  }

  async function next(methodsLeft: AuthenticationType[] | null): Promise<AnyAuthMethod | false> {
    if (methodsLeft) serverAllows = methodsLeft;
    const allows = (method: string) => methodsLeft === null || methodsLeft.includes(method as AuthenticationType);
    for (;;) {
      switch (stage) {
        case 'none':
          // Asks the server which methods it takes, as OpenSSH does.
          stage = 'agent';
          return { type: 'none', username: hop.user };
        case 'agent': {
          stage = 'files';
          const method = allows('publickey') ? await agentMethod() : null;
          if (method) return method;
          break;
        }
        case 'files': {
          const method = allows('publickey') ? await fileMethod() : null;
          if (method) return method;
          stage = 'keyboard';
          break;
        }
        case 'keyboard': {
          stage = 'password';
          const method = allows('keyboard-interactive') ? keyboardMethod() : null;
          if (method) return method;
          break;
        }
        case 'password': {
          stage = 'done';
          const method = allows('password') ? await passwordMethod() : null;
          if (method) return method;
          break;
        }
        case 'done':
          return false;
      }
    }
  }

  return {
    handler: (methodsLeft, _partialSuccess, callback) => {
      // ssh2 takes `false` for "no more methods"; its typings leave it out.
      const answer = callback as (method: AnyAuthMethod | false) => void;
      next(methodsLeft).then(answer, (err: unknown) => {
        notes.push(`authentication stopped: ${(err as Error).message}`);
        answer(false);
      });
    },
    failure: () =>
      new SshAuthError(
        `Permission denied for ${destination}` +
          (serverAllows.length > 0 ? ` (the server allows: ${serverAllows.join(', ')})` : '') +
          `. Tried: ${tried.length > 0 ? tried.join(', ') : 'nothing usable'}` +
          (notes.length > 0 ? `. ${notes.join('; ')}` : '') +
          '.',
        tried,
        serverAllows,
      ),
  };
}
