import type { ReactNode } from 'react';
import { ConnectionStatus, type ConnectionState } from './connection-status';

export function TopBar({
  connection,
  version,
  children,
}: {
  connection: ConnectionState;
  version: string | null;
  /** Navigation beside the name (the view tabs). */
  children?: ReactNode;
}) {
  return (
    <header className="top-bar">
      <span className="top-bar__name">gclens</span>
      {version && <span className="top-bar__version">{version}</span>}
      {children}
      <span className="top-bar__spacer" />
      <ConnectionStatus state={connection} />
    </header>
  );
}
