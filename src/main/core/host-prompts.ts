/**
 * The questions an SSH login puts to the person (an unknown host key, a key
 * passphrase, a password, keyboard-interactive), turned into `hosts:prompt`
 * events and answered through `hosts:answer`; `hosts:prompts` lists the open
 * ones again for a window that was reloaded. A question nobody answers in
 * PROMPT_TIMEOUT_MS is taken as "no", so a login never hangs on a closed
 * window. Secrets pass straight through to the login: never kept, never logged.
 */
import { randomBytes } from 'node:crypto';
import type { HostAnswerRequest, HostKeyAnswer, HostPrompt } from '../../shared/hosts-contract';
import { GclensError } from '../../shared/result';
import type { UnknownHostKeyPrompt } from '../ssh/host-key-check';
import type { AuthPrompts } from '../ssh/ssh-auth';

const PROMPT_TIMEOUT_MS = 5 * 60_000;

/** A prompt without its id and host: what the caller fills in. */
type PromptBody = HostPrompt extends infer P ? (P extends HostPrompt ? Omit<P, 'promptId' | 'hostId'> : never) : never;

interface Pending {
  /** As it was put: kept so a reloaded window can ask it again (it holds no secret). */
  prompt: HostPrompt;
  settle: (answer: HostAnswerRequest | null) => void;
}

export class HostPrompts {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly emit: (prompt: HostPrompt) => void) {}

  /** The callbacks an SSH login takes, asking on behalf of `hostId` (`label`: user@box:port). */
  forHost(hostId: string, label: string): { unknownHostKey: UnknownHostKeyPrompt; prompts: AuthPrompts } {
    const secret = async (body: PromptBody): Promise<string[] | null> => {
      const answer = await this.ask(hostId, body);
      return answer?.kind === 'secret' ? answer.values : null;
    };
    return {
      unknownHostKey: async (info) => {
        const answer = await this.ask(hostId, {
          kind: 'host-key',
          destination: label,
          host: info.host,
          port: info.port,
          keyType: info.keyType,
          fingerprint: info.fingerprint,
          knownHostsFile: info.knownHostsFile,
          otherKnownTypes: info.otherKnownTypes,
        });
        const decision: HostKeyAnswer = answer?.kind === 'host-key' ? answer.decision : 'reject';
        return decision;
      },
      prompts: {
        passphrase: async ({ keyFile, attempt, destination }) => (await secret({ kind: 'passphrase', destination, keyFile, attempt }))?.[0] ?? null,
        password: async ({ destination, user }) => (await secret({ kind: 'password', destination, user }))?.[0] ?? null,
        keyboardInteractive: ({ destination, name, instructions, prompts }) =>
          secret({ kind: 'keyboard-interactive', destination, name, instructions, questions: prompts }),
      },
    };
  }

  answer(request: HostAnswerRequest): void {
    const pending = this.pending.get(request.promptId);
    if (!pending) throw new GclensError('not-found', 'that question was answered already, or its login ended');
    const { kind } = pending.prompt;
    if ((kind === 'host-key') !== (request.kind === 'host-key')) {
      throw new GclensError('invalid-argument', `a ${kind} question takes ${kind === 'host-key' ? 'a decision' : 'values'}`);
    }
    pending.settle(request);
  }

  /** The questions still waiting, oldest first. */
  open(): HostPrompt[] {
    return [...this.pending.values()].map((pending) => pending.prompt);
  }

  /** Answers "no" to every open question of `hostId` (its login was abandoned). */
  cancelHost(hostId: string): void {
    for (const pending of [...this.pending.values()]) if (pending.prompt.hostId === hostId) pending.settle(null);
  }

  private ask(hostId: string, body: PromptBody): Promise<HostAnswerRequest | null> {
    const promptId = randomBytes(12).toString('base64url');
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle(null), PROMPT_TIMEOUT_MS);
      const settle = (answer: HostAnswerRequest | null) => {
        clearTimeout(timer);
        this.pending.delete(promptId);
        resolve(answer);
      };
      const prompt = { ...body, promptId, hostId } as HostPrompt;
      this.pending.set(promptId, { prompt, settle });
      this.emit(prompt);
    });
  }
}
