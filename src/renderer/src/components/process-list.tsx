import type { AttachOptions } from '../../../shared/contract';
import type { ProcessInfo } from '../../../shared/process-info';
import { REFRESH_MS, useProcessList } from '../state/use-process-list';
import type { Connection } from '../transport/connection';
import { ProcessRow } from './process-row';
import './process-list.css';

/** The Go and JVM processes of the backend's host, refreshed while on screen, each with its Attach button. */
export function ProcessList({
  connection,
  onAttach,
}: {
  connection: Connection | null;
  onAttach: (process: ProcessInfo, options: AttachOptions) => void;
}) {
  const { processes, error, refreshedAt } = useProcessList(connection);
  return (
    <section className="process-list" data-testid="process-list" data-count={processes?.length ?? ''}>
      <header className="process-list__header">
        <h1 className="process-list__title">Go and JVM processes</h1>
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
        <p className="process-list__empty">No Go or JVM process is running where gclens can see it.</p>
      )}
      {processes !== null && processes.length > 0 && (
        <ul className="process-list__rows">
          {processes.map((process) => (
            <ProcessRow key={`${process.pid}@${process.startedAt}`} process={process} onAttach={onAttach} />
          ))}
        </ul>
      )}
    </section>
  );
}
