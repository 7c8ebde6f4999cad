import type { HostConnectRequest, RecentHost } from '../../../shared/contract';

/** The file's name, for a chip; the whole path is in its title. */
const fileName = (path: string): string => path.split(/[\\/]/).pop() || path;

function details(host: RecentHost): string {
  return [
    `Connect to ${host.destination} again`,
    host.identityFile && `Key file: ${host.identityFile}`,
    host.knownHostsFile && `known_hosts: ${host.knownHostsFile}`,
    `Last connected: ${new Date(host.lastConnectedAt).toLocaleString()}`,
  ]
    .filter(Boolean)
    .join('\n');
}

/** What hosts:connect is sent again: the recent host without its time. */
export function connectRequestOf({ destination, identityFile, knownHostsFile }: RecentHost): HostConnectRequest {
  return { destination, ...(identityFile ? { identityFile } : {}), ...(knownHostsFile ? { knownHostsFile } : {}) };
}

/** The SSH logins that succeeded lately: one click logs in again with the same options, × forgets one. */
export function RecentHosts({ recent, disabled, onPick, onForget }: { recent: RecentHost[]; disabled: boolean; onPick: (host: RecentHost) => void; onForget: (destination: string) => void }) {
  if (recent.length === 0) return null;
  return (
    <div className="recent-hosts" data-testid="recent-hosts">
      <span className="recent-hosts__title">Recent</span>
      <ul className="recent-hosts__list">
        {recent.map((host) => (
          <li key={host.destination} className="host-chip">
            <button
              type="button"
              className="host-chip__pick"
              data-testid="recent-host"
              data-destination={host.destination}
              title={details(host)}
              disabled={disabled}
              onClick={() => onPick(host)}
            >
              {host.destination}
              {host.identityFile && <span className="recent-hosts__key">{fileName(host.identityFile)}</span>}
            </button>
            <button
              type="button"
              className="host-chip__remove"
              aria-label={`Forget ${host.destination}`}
              title="Forget this host"
              data-testid="forget-recent-host"
              onClick={() => onForget(host.destination)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
