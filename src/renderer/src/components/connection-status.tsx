import type { TransportKind } from '../transport/connection';

export type ConnectionState =
  | { status: 'connecting' }
  | { status: 'connected'; transport: TransportKind }
  | { status: 'lost'; transport: TransportKind }
  | { status: 'failed'; message: string };

const LABELS: Record<TransportKind, string> = { electron: 'Electron', serve: 'serve' };

function describe(state: ConnectionState): string {
  switch (state.status) {
    case 'connecting':
      return 'connecting…';
    case 'connected':
      return LABELS[state.transport];
    case 'lost':
      return `${LABELS[state.transport]} · disconnected`;
    case 'failed':
      return 'not connected';
  }
}

export function ConnectionStatus({ state }: { state: ConnectionState }) {
  const transport = state.status === 'connected' || state.status === 'lost' ? state.transport : undefined;
  return (
    <span
      className={`connection-status connection-status--${state.status}`}
      data-testid="connection-status"
      data-status={state.status}
      data-transport={transport}
      title={state.status === 'connected' ? `connected over ${LABELS[state.transport]}` : undefined}
    >
      <span className="connection-status__dot" aria-hidden="true" />
      {describe(state)}
    </span>
  );
}
