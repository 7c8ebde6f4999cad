import type { SessionSummary } from '../../../shared/contract';
import { snapshotOriginText } from '../format/snapshot-origin';
import { formatBytes } from '../format/units';

/** Picks one side of a comparison from any library session's snapshot artifacts, grouped by session. */
export function SessionSnapshotPicker({
  sessions,
  testId,
  disabled,
  onPick,
}: {
  sessions: readonly SessionSummary[];
  testId: string;
  disabled: boolean;
  onPick: (sessionId: string, artifactId: string, name: string) => void;
}) {
  const withSnapshots = sessions.filter((session) => session.snapshots.length > 0);
  if (withSnapshots.length === 0) return null;
  return (
    <label className="snapshot-slot__from-session">
      <span>or from a session:</span>
      <select
        data-testid={testId}
        disabled={disabled}
        value=""
        onChange={(event) => {
          const [sessionId, artifactId] = event.target.value.split('|');
          const option = event.target.selectedOptions[0];
          if (sessionId && artifactId) onPick(sessionId, artifactId, option?.text ?? artifactId);
        }}
      >
        <option value="">choose a snapshot…</option>
        {withSnapshots.map((session) => (
          <optgroup key={session.sessionId} label={snapshotOriginText(session)}>
            {session.snapshots.map((snapshot) => (
              <option key={snapshot.artifactId} value={`${session.sessionId}|${snapshot.artifactId}`}>
                {snapshot.path} ({snapshot.kind}, {formatBytes(snapshot.bytes)}, {new Date(snapshot.capturedAt).toLocaleTimeString('en-GB')})
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}
