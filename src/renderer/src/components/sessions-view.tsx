import { useMemo, useState } from 'react';
import { filterSessions } from '../state/session-filter';
import type { SessionLibraryState } from '../state/use-session-library';
import type { TransportKind } from '../transport/connection';
import { ErrorBox } from './error-box';
import { SessionImport } from './session-import';
import { SessionRow } from './session-row';
import './sessions-view.css';

/** The session library: every recorded session in the sessions dir, searchable, to open, import or delete. */
export function SessionsView({
  state,
  transport,
  usable,
  onOpen,
}: {
  state: SessionLibraryState;
  transport: TransportKind;
  usable: boolean;
  onOpen: (sessionId: string) => void;
}) {
  const [query, setQuery] = useState('');
  const { library } = state;
  const shown = useMemo(() => filterSessions(library?.sessions ?? [], query), [library, query]);
  return (
    <section className="sessions-view" data-testid="sessions-view" data-count={library?.sessions.length ?? ''}>
      <header className="sessions-view__header">
        <h1 className="sessions-view__title">Recorded sessions</h1>
        {library && (
          <span className="sessions-view__dir" title="Set GCLENS_SESSIONS_DIR to keep them elsewhere" data-testid="sessions-dir">
            in {library.dir}
          </span>
        )}
      </header>
      <div className="toolbar">
        <input
          className="sessions-view__search"
          type="search"
          placeholder="Filter by command, host, pid, runtime…"
          aria-label="Filter sessions"
          data-testid="sessions-filter"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <button type="button" className="button" onClick={state.refresh} disabled={!usable}>
          Refresh
        </button>
        <SessionImport
          transport={transport}
          disabled={!usable || state.busy}
          onBundle={state.importFile}
          onFolder={state.importPath}
        />
      </div>
      {state.error && <ErrorBox error={state.error} onDismiss={state.dismissError} />}
      {library !== null && library.sessions.length === 0 && (
        <p className="card-list__empty">No sessions yet: attach to a process in the Processes tab, and its recording lands here.</p>
      )}
      {library !== null && library.sessions.length > 0 && shown.length === 0 && (
        <p className="card-list__empty">No session matches “{query}”.</p>
      )}
      <ul className="card-list">
        {shown.map((session) => (
          <SessionRow
            key={session.sessionId}
            session={session}
            disabled={!usable || state.busy}
            onOpen={() => onOpen(session.sessionId)}
            onDelete={() => state.remove(session.sessionId)}
          />
        ))}
      </ul>
      {library !== null && library.unreadable.length > 0 && (
        <details className="sessions-view__unreadable">
          <summary>{library.unreadable.length} folder(s) could not be read as sessions</summary>
          <ul>
            {library.unreadable.map((entry) => (
              <li key={entry.folderName}>
                <code>{entry.folderName}</code>: {entry.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
