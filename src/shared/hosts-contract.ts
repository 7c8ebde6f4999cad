/**
 * Contract types for the hosts gclens works on: this machine ('local', always
 * there) and boxes reached over SSH, connected on request. What `hosts:*`
 * carries. Re-exported by contract.ts.
 */

/** The id of this machine in every request that names a host. */
export const LOCAL_HOST_ID = 'local';

/**
 * The link to a host. `down`: the first login failed, or reconnecting gave
 * up; `closed`: disconnected on request (the host is gone from the list).
 */
export type HostLinkState = 'connecting' | 'connected' | 'reconnecting' | 'down' | 'closed';

export interface HostInfo {
  /** 'local', or the id hosts:connect gave. */
  hostId: string;
  kind: 'local' | 'ssh';
  /** For people: "this machine" or user@box:22. */
  label: string;
  /** What was typed in hosts:connect; null for this machine. */
  destination: string | null;
  state: HostLinkState;
  /** Why the link is down or reconnecting, in words. */
  message: string | null;
}

export interface HostConnectRequest {
  /** `[user@]host[:port]`, `ssh://…` or an ssh_config alias. */
  destination: string;
  /** Like ssh -i: tried before the config's IdentityFiles. */
  identityFile?: string;
  /** Like ssh -o UserKnownHostsFile=: where host keys are checked and remembered. */
  knownHostsFile?: string;
}

/**
 * A login that succeeded, offered again by Add host (hosts:recent): what
 * hosts:connect was given, never a passphrase, password or key. One per
 * destination, its latest options.
 */
export interface RecentHost extends HostConnectRequest {
  /** When the login last succeeded, ISO 8601 (UTC). */
  lastConnectedAt: string;
}

interface PromptBase {
  promptId: string;
  hostId: string;
  /** user@box:port being logged in to. */
  destination: string;
}

/** An unknown host key, put to the person as OpenSSH's StrictHostKeyChecking=ask does. */
export interface HostKeyPrompt extends PromptBase {
  kind: 'host-key';
  /** The name and port the key would be filed under. */
  host: string;
  port: number;
  keyType: string;
  /** SHA256:… as ssh-keygen -lf prints it. */
  fingerprint: string;
  /** Where "accept and remember" writes. */
  knownHostsFile: string;
  /** Key types already filed for the host, when only other types are known. */
  otherKnownTypes: string[];
}

export interface PassphrasePrompt extends PromptBase {
  kind: 'passphrase';
  keyFile: string;
  /** 1 for the first ask; more after a wrong passphrase. */
  attempt: number;
}

export interface PasswordPrompt extends PromptBase {
  kind: 'password';
  user: string;
}

export interface KeyboardInteractivePrompt extends PromptBase {
  kind: 'keyboard-interactive';
  name: string;
  instructions: string;
  /** `echo: false` for secrets. */
  questions: Array<{ prompt: string; echo: boolean }>;
}

/** A question the backend needs answered (hosts:answer) before a login can go on. */
export type HostPrompt = HostKeyPrompt | PassphrasePrompt | PasswordPrompt | KeyboardInteractivePrompt;

export type HostKeyAnswer = 'accept-once' | 'accept-and-remember' | 'reject';

/**
 * The answer to one prompt: a decision for a host key; for the others the
 * secrets (one per question, a passphrase or password is one), or null to
 * skip. Secrets are handed to the login and never kept.
 */
export type HostAnswerRequest =
  | { promptId: string; kind: 'host-key'; decision: HostKeyAnswer }
  | { promptId: string; kind: 'secret'; values: string[] | null };

/** Which host an attach runs on, in its view and its brief. */
export interface AttachHost {
  hostId: string;
  label: string;
}
