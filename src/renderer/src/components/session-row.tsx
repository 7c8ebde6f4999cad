import { useState } from 'react';
import type { SessionSummary } from '../../../shared/contract';
import { formatBytes, formatCount, formatDateTime, plural } from '../format/units';

const STATUS_TEXT: Record<SessionSummary['status'], string> = {
  complete: 'ended cleanly',
  'cut-off': 'cut off',
  recording: 'recording',
};

function when(iso: string | null): string {
  return iso === null ? '…' : formatDateTime(iso);
}

/** One recorded session: what was watched, when, how much, and how it ended; Open, and Delete behind a confirmation. */
export function SessionRow({
  session,
  disabled,
  onOpen,
  onDelete,
}: {
  session: SessionSummary;
  disabled: boolean;
  onOpen: () => void;
  onDelete: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const runtime = [session.runtime ?? 'unknown runtime', session.version].filter(Boolean).join(' ');
  return (
    <li className="card-list__item" data-testid="session-row" data-session-id={session.sessionId} data-status={session.status}>
      <div className="session-row__main">
        <span className="session-row__command" title={session.command ?? ''} data-testid="session-command">
          {session.command ?? '(no command recorded)'}
        </span>
        <span className={`session-row__status session-row__status--${session.status}`} data-testid="session-status">
          {STATUS_TEXT[session.status]}
        </span>
        {session.fromBundle && <span className="session-row__badge">from a bundle</span>}
      </div>
      <div className="session-row__meta">
        <span>{session.host}</span>
        <span>{session.pid === null ? 'no pid' : `pid ${session.pid}`}</span>
        <span>{runtime}</span>
        <span>
          {when(session.startedAt)} → {when(session.endedAt)}
        </span>
        <span>{formatBytes(session.sizeBytes)}</span>
        <span>{plural(session.artifactCount, 'artifact', 'artifacts')}</span>
        <span>{formatCount(session.eventRecords)} events</span>
        <span>{plural(session.snapshots.length, 'snapshot', 'snapshots')}</span>
      </div>
      <div className="session-row__actions">
        {confirming ? (
          <>
            <span className="session-row__confirm">Delete this session folder for good?</span>
            <button type="button" className="button button--danger" data-testid="session-delete-confirm" onClick={onDelete} disabled={disabled}>
              Delete
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <>
            <button type="button" className="button button--primary" data-testid="session-open" onClick={onOpen} disabled={disabled}>
              Open
            </button>
            <button
              type="button"
              className="button"
              data-testid="session-delete"
              onClick={() => setConfirming(true)}
              disabled={disabled || session.status === 'recording'}
              title={session.status === 'recording' ? 'Detach first' : undefined}
            >
              Delete…
            </button>
          </>
        )}
      </div>
    </li>
  );
}
