import { useState } from 'react';
import type { AttachOptions } from '../../../shared/contract';
import type { ProcessInfo } from '../../../shared/process-info';
import { formatBytes, formatSeconds } from '../format/units';
import { mayEnableGcLog, offersOf } from '../state/process-offers';

const DEFAULT_PPROF_INTERVAL_SEC = 30;

/** One Go or JVM process: who runs it, what it is, what gclens can read from it, and Attach. */
export function ProcessRow({ process, onAttach }: { process: ProcessInfo; onAttach: (process: ProcessInfo, options: AttachOptions) => void }) {
  const [enableGcLog, setEnableGcLog] = useState(false);
  const [pprofIntervalSec, setPprofIntervalSec] = useState(DEFAULT_PPROF_INTERVAL_SEC);
  const offers = offersOf(process);
  const hasPprof = process.runtime === 'go' && process.offers.pprof !== null;
  const canSwitchLog = mayEnableGcLog(process);

  const attach = (): void => {
    const options: AttachOptions = {};
    if (canSwitchLog && enableGcLog) options.enableJvmGcLog = true;
    if (hasPprof && pprofIntervalSec !== DEFAULT_PPROF_INTERVAL_SEC) options.pprofIntervalSec = pprofIntervalSec;
    onAttach(process, options);
  };

  return (
    <li className="card-list__item" data-testid="process-row" data-pid={process.pid} data-runtime={process.runtime}>
      <div className="process-row__main">
        <span className="process-row__pid">{process.pid}</span>
        <span className={`process-row__runtime process-row__runtime--${process.runtime}`}>
          {process.runtime === 'go' ? 'Go' : 'JVM'} {process.version?.replace(/^go/, '') ?? '(version unknown)'}
        </span>
        <span className="process-row__command" title={process.command} data-testid="process-command">
          {process.command}
        </span>
      </div>
      <div className="process-row__facts">
        <span>user {process.user}</span>
        <span>up {formatSeconds(process.uptimeSec)}</span>
        <span>RSS {formatBytes(process.rssBytes)}</span>
        {process.container && <span className="process-row__badge">container</span>}
      </div>
      <ul className="process-row__offers" data-testid="process-offers">
        {offers.map((offer) => (
          <li
            key={offer.source}
            className={offer.available ? 'process-row__offer' : 'process-row__offer process-row__offer--missing'}
            data-source={offer.source}
            data-available={offer.available}
          >
            {offer.text}
          </li>
        ))}
      </ul>
      {process.notes.length > 0 && (
        <ul className="process-row__notes">
          {process.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <div className="process-row__actions">
        {canSwitchLog && (
          <label className="process-row__option">
            <input type="checkbox" data-testid="attach-enable-gc-log" checked={enableGcLog} onChange={(event) => setEnableGcLog(event.target.checked)} />
            switch a GC log on for this attach
          </label>
        )}
        {hasPprof && (
          <label className="process-row__option">
            pprof every
            <input
              type="number"
              className="process-row__interval"
              data-testid="attach-pprof-interval"
              min={1}
              max={3600}
              value={pprofIntervalSec}
              onChange={(event) => setPprofIntervalSec(Math.max(1, Math.round(Number(event.target.value) || DEFAULT_PPROF_INTERVAL_SEC)))}
            />
            s
          </label>
        )}
        <button type="button" className="button button--primary" data-testid="attach-button" onClick={attach}>
          Attach
        </button>
      </div>
    </li>
  );
}
