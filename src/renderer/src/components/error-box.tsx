import type { ErrorInfo } from '../../../shared/result';

export function ErrorBox({ error, onDismiss }: { error: ErrorInfo; onDismiss: () => void }) {
  return (
    <div className="error-box" role="alert" data-testid="error" data-kind={error.kind}>
      <span className="error-box__message">{error.message}</span>
      <button type="button" className="button button--quiet" onClick={onDismiss} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}
