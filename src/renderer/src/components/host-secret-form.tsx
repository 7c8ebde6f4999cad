import { useState, type FormEvent } from 'react';
import type { KeyboardInteractivePrompt, PassphrasePrompt, PasswordPrompt } from '../../../shared/contract';

type SecretPrompt = PassphrasePrompt | PasswordPrompt | KeyboardInteractivePrompt;

/** What to ask for each kind of secret: a title, a line of context, and the fields. */
function questionsOf(prompt: SecretPrompt): { title: string; detail: string; questions: Array<{ prompt: string; echo: boolean }> } {
  switch (prompt.kind) {
    case 'passphrase':
      return {
        title: 'Key passphrase',
        detail: `${prompt.attempt > 1 ? 'Wrong passphrase. ' : ''}The key ${prompt.keyFile} is encrypted (for ${prompt.destination}).`,
        questions: [{ prompt: 'Passphrase', echo: false }],
      };
    case 'password':
      return { title: 'Password', detail: `Password for ${prompt.user} at ${prompt.destination}.`, questions: [{ prompt: 'Password', echo: false }] };
    case 'keyboard-interactive':
      return { title: prompt.name || 'Login', detail: prompt.instructions || `${prompt.destination} asks:`, questions: prompt.questions };
  }
}

/** Secrets typed here go to the login once and are not kept: the fields are cleared with the dialog. */
export function HostSecretForm({ prompt, reply }: { prompt: SecretPrompt; reply: (values: string[] | null) => void }) {
  const { title, detail, questions } = questionsOf(prompt);
  const [values, setValues] = useState<string[]>(() => questions.map(() => ''));
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    reply(values);
  };
  return (
    <form onSubmit={submit}>
      <h2 className="host-dialog__title" id="host-dialog-title">
        {title}
      </h2>
      <p>{detail}</p>
      {questions.map((question, index) => (
        <label key={index} className="host-form__field host-dialog__field">
          <span>{question.prompt}</span>
          <input
            type={question.echo ? 'text' : 'password'}
            autoComplete="off"
            data-testid="host-secret"
            autoFocus={index === 0}
            value={values[index] ?? ''}
            onChange={(event) => setValues((previous) => previous.map((v, i) => (i === index ? event.target.value : v)))}
          />
        </label>
      ))}
      <div className="host-dialog__actions">
        <button type="button" className="button" data-testid="host-secret-cancel" onClick={() => reply(null)}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" data-testid="host-secret-ok">
          OK
        </button>
      </div>
    </form>
  );
}
