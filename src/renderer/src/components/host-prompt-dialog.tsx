import type { HostAnswerRequest, HostKeyPrompt, HostPrompt } from '../../../shared/contract';
import { HostSecretForm } from './host-secret-form';
import './hosts.css';

/** The oldest question a login waits on, as a modal: an unknown host key, or a secret to type. */
export function HostPromptDialog({ prompts, answer }: { prompts: HostPrompt[]; answer: (request: HostAnswerRequest) => void }) {
  const prompt = prompts[0];
  if (!prompt) return null;
  return (
    <div className="host-dialog__backdrop">
      <div className="host-dialog" role="dialog" aria-modal="true" aria-labelledby="host-dialog-title" data-testid="host-prompt" data-kind={prompt.kind}>
        {prompt.kind === 'host-key' ? (
          <HostKeyQuestion prompt={prompt} decide={(decision) => answer({ promptId: prompt.promptId, kind: 'host-key', decision })} />
        ) : (
          <HostSecretForm key={prompt.promptId} prompt={prompt} reply={(values) => answer({ promptId: prompt.promptId, kind: 'secret', values })} />
        )}
      </div>
    </div>
  );
}

function HostKeyQuestion({ prompt, decide }: { prompt: HostKeyPrompt; decide: (decision: 'accept-once' | 'accept-and-remember' | 'reject') => void }) {
  return (
    <>
      <h2 className="host-dialog__title" id="host-dialog-title">
        Unknown host key
      </h2>
      <p>
        The authenticity of <strong>{prompt.destination}</strong> can&apos;t be established. Check the fingerprint with the box&apos;s owner (
        <code>ssh-keygen -lf</code> on its host key) before you accept it.
      </p>
      <dl className="host-dialog__facts">
        <dt>Key type</dt>
        <dd>{prompt.keyType}</dd>
        <dt>Fingerprint</dt>
        <dd>
          <code data-testid="host-key-fingerprint">{prompt.fingerprint}</code>
        </dd>
        <dt>Remembered in</dt>
        <dd>
          <code>{prompt.knownHostsFile}</code>
        </dd>
      </dl>
      {prompt.otherKnownTypes.length > 0 && (
        <p className="host-dialog__warning">Only {prompt.otherKnownTypes.join(', ')} keys are known for this host: a new key type is unusual.</p>
      )}
      <div className="host-dialog__actions">
        <button type="button" className="button" data-testid="host-key-reject" onClick={() => decide('reject')}>
          Reject
        </button>
        <button type="button" className="button" data-testid="host-key-accept-once" onClick={() => decide('accept-once')}>
          Accept once
        </button>
        <button type="button" className="button button--primary" data-testid="host-key-remember" onClick={() => decide('accept-and-remember')}>
          Accept and remember
        </button>
      </div>
    </>
  );
}
