/**
 * The Sessions tab's search: every word typed must appear in some field of
 * the session (target, host, pid, runtime, version, folder, status).
 */
import type { SessionSummary } from '../../../shared/library-contract';

function haystack(session: SessionSummary): string {
  return [session.command, session.host, session.pid, session.runtime, session.version, session.folderName, session.status, session.startedAt]
    .filter((part) => part !== null)
    .join(' ')
    .toLowerCase();
}

export function filterSessions(sessions: readonly SessionSummary[], query: string): SessionSummary[] {
  const words = query.toLowerCase().split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) return [...sessions];
  return sessions.filter((session) => {
    const text = haystack(session);
    return words.every((word) => text.includes(word));
  });
}
