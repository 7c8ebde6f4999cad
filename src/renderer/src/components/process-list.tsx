import type { AttachHost, AttachOptions } from '../../../shared/contract';
import type { ProcessInfo } from '../../../shared/process-info';
import type { Hosts } from '../state/use-hosts';
import { REFRESH_MS, useProcessList } from '../state/use-process-list';
import type { Connection } from '../transport/connection';
import { HostPicker } from './host-picker';
import { ProcessRow } from './process-row';
import './process-list.css';

/** The Go and JVM processes of the chosen host, refreshed while on screen, each with its Attach button. */
export function ProcessList({
  connection,
  hosts,
  onAttach,
}: {
  connection: Connection | null;
  hosts: Hosts;
  onAttach: (process: ProcessInfo, options: AttachOptions, host: AttachHost) => void;
}) {
  const host = hosts.selected;
  const { processes, error, refreshedAt } = useProcessList(connection, host.hostId);
  const attach = (process: ProcessInfo, options: AttachOptions): void => onAttach(process, options, { hostId: host.hostId, label: host.label });
  return (
    <section className="process-list" data-testid="process-list" data-host-id={host.hostId} data-count={processes?.length ?? ''}>
      <HostPicker hosts={hosts} />
      <header className="process-list__header">
        <h1 className="process-list__title">Go and JVM processes {host.kind === 'local' ? 'on this machine' : `on ${host.label}`}</h1>
        <span className="process-list__meta">
          {refreshedAt === null ? 'looking…' : `refreshed every ${REFRESH_MS / 1000} s, last at ${new Date(refreshedAt).toLocaleTimeString('en-GB')}`}
        </span>
      </header>
      {error && (
        <p className="process-list__error" role="alert" data-testid="process-list-error">
          Listing processes failed: {error.message}
        </p>
      )}
      {processes !== null && processes.length === 0 && (
        <p className="card-list__empty">No Go or JVM process is running where gclens can see it.</p>
      )}
      {processes !== null && processes.length > 0 && (
        <ul className="card-list">
          {processes.map((process) => (
            <ProcessRow key={`${process.pid}@${process.startedAt}`} process={process} onAttach={attach} />
          ))}
        </ul>
      )}
    </section>
  );
}
