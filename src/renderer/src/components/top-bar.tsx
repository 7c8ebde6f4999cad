import { ConnectionStatus, type ConnectionState } from './connection-status';

export function TopBar({ connection, version }: { connection: ConnectionState; version: string | null }) {
  return (
    <header className="top-bar">
      <span className="top-bar__name">gclens</span>
      {version && <span className="top-bar__version">{version}</span>}
      <span className="top-bar__spacer" />
      <ConnectionStatus state={connection} />
    </header>
  );
}
