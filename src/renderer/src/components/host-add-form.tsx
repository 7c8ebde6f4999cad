import { useState, type FormEvent } from 'react';
import type { HostConnectRequest, HostInfo, RecentHost } from '../../../shared/contract';
import type { ErrorInfo, Result } from '../../../shared/result';
import { connectRequestOf, RecentHosts } from './recent-hosts';

interface HostAddFormProps {
  connect: (request: HostConnectRequest) => Promise<Result<HostInfo>>;
  onConnected: () => void;
  /** Recent hosts to offer (those not connected now). */
  recent: RecentHost[];
  forget: (destination: string) => void;
}

/** Destination, and optionally a key file and a known_hosts file (like ssh -i and -o UserKnownHostsFile=), on the backend's machine; or a recent host. */
export function HostAddForm({ connect, onConnected, recent, forget }: HostAddFormProps) {
  const [destination, setDestination] = useState('');
  const [identityFile, setIdentityFile] = useState('');
  const [knownHostsFile, setKnownHostsFile] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);

  const login = (request: HostConnectRequest): void => {
    setBusy(true);
    setError(null);
    void connect(request).then((result) => {
      setBusy(false);
      if (result.ok) onConnected();
      else setError(result.error);
    });
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const request: HostConnectRequest = { destination: destination.trim() };
    if (identityFile.trim()) request.identityFile = identityFile.trim();
    if (knownHostsFile.trim()) request.knownHostsFile = knownHostsFile.trim();
    login(request);
  };

  // The fields show what is being tried, so a failed login can be corrected and sent again.
  const pickRecent = (host: RecentHost): void => {
    setDestination(host.destination);
    setIdentityFile(host.identityFile ?? '');
    setKnownHostsFile(host.knownHostsFile ?? '');
    login(connectRequestOf(host));
  };

  return (
    <form className="host-form" data-testid="add-host-form" onSubmit={submit}>
      <RecentHosts recent={recent} disabled={busy} onPick={pickRecent} onForget={forget} />
      <label className="host-form__field">
        <span>Destination</span>
        <input
          data-testid="host-destination"
          required
          maxLength={255}
          placeholder="user@box:22 or an ssh_config alias"
          value={destination}
          onChange={(event) => setDestination(event.target.value)}
          autoFocus
        />
      </label>
      <label className="host-form__field">
        <span>Key file (optional)</span>
        <input data-testid="host-identity-file" maxLength={4096} placeholder="~/.ssh/id_ed25519" value={identityFile} onChange={(event) => setIdentityFile(event.target.value)} />
      </label>
      <label className="host-form__field">
        <span>known_hosts (optional)</span>
        <input data-testid="host-known-hosts" maxLength={4096} placeholder="~/.ssh/known_hosts" value={knownHostsFile} onChange={(event) => setKnownHostsFile(event.target.value)} />
      </label>
      <button type="submit" className="button button--primary" data-testid="host-connect" disabled={busy || destination.trim() === ''}>
        {busy ? 'Connecting…' : 'Connect'}
      </button>
      {error && (
        <p className="host-form__error" role="alert" data-testid="host-connect-error">
          {error.message}
        </p>
      )}
    </form>
  );
}
