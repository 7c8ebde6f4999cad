import { useState } from 'react';
import type { HostInfo } from '../../../shared/contract';
import type { Hosts } from '../state/use-hosts';
import { HostAddForm } from './host-add-form';
import './hosts.css';

const STATE_TEXT: Record<HostInfo['state'], string> = {
  connecting: 'connecting',
  connected: 'connected',
  reconnecting: 'reconnecting',
  down: 'down',
  closed: 'closed',
};

/** Which host the Processes tab lists: this machine or an SSH host, each with its link state; and Add host. */
export function HostPicker({ hosts }: { hosts: Hosts }) {
  const [adding, setAdding] = useState(false);
  const { selected } = hosts;
  // A host connected now (or trying to be) is not offered again: picking it would log in a second time.
  const live = new Set(hosts.hosts.filter((host) => host.state !== 'down').map((host) => host.destination));
  const recent = hosts.recent.filter((host) => !live.has(host.destination));
  return (
    <div className="host-picker" data-testid="host-picker">
      <div className="host-picker__hosts" role="radiogroup" aria-label="Host">
        {hosts.hosts.map((host) => (
          <span key={host.hostId} className={host.hostId === selected.hostId ? 'host-chip host-chip--selected' : 'host-chip'}>
            <button
              type="button"
              role="radio"
              aria-checked={host.hostId === selected.hostId}
              className="host-chip__pick"
              data-testid="host-option"
              data-host-id={host.hostId}
              data-state={host.state}
              title={host.message ?? host.label}
              onClick={() => hosts.select(host.hostId)}
            >
              {host.kind === 'local' ? 'This machine' : host.label}
              {host.kind === 'ssh' && <span className={`host-chip__badge host-chip__badge--${host.state}`}>{STATE_TEXT[host.state]}</span>}
            </button>
            {host.kind === 'ssh' && (
              <button
                type="button"
                className="host-chip__remove"
                aria-label={`Disconnect ${host.label}`}
                title="Disconnect (ends its attaches)"
                data-testid="disconnect-host"
                onClick={() => void hosts.disconnect(host.hostId)}
              >
                ×
              </button>
            )}
          </span>
        ))}
        <button type="button" className="button host-picker__add" data-testid="add-host-button" aria-expanded={adding} onClick={() => setAdding((open) => !open)}>
          {adding ? 'Cancel' : 'Add host…'}
        </button>
      </div>
      {selected.message && (
        <p className="host-picker__message" data-testid="host-message">
          {selected.label}: {selected.message}
        </p>
      )}
      {adding && <HostAddForm connect={hosts.connect} onConnected={() => setAdding(false)} recent={recent} forget={hosts.forget} />}
    </div>
  );
}
