import type { AttachCounts, CollectorState } from '../../../shared/contract';
import { formatCount } from '../format/units';

const COUNT_NAMES: [keyof AttachCounts, string][] = [
  ['events', 'GC events'],
  ['records', 'records'],
  ['jstatSamples', 'jstat samples'],
  ['snapshots', 'snapshots'],
  ['artifacts', 'artifacts'],
  ['unknownLines', 'lines not understood'],
];

/** What each collector reads (or why it does not), what was recorded, and what the engineer should know. */
export function LiveSources({ collectors, counts, notes }: { collectors: CollectorState[]; counts: AttachCounts; notes: string[] }) {
  return (
    <section className="live-sources">
      <ul className="live-sources__collectors" data-testid="live-collectors">
        {collectors.map((collector) => (
          <li key={collector.name} className={`live-sources__collector live-sources__collector--${collector.state}`} data-name={collector.name} data-state={collector.state}>
            <span className="live-sources__name">{collector.name}</span> <span className="live-sources__state">{collector.state}</span>{' '}
            <span className="live-sources__detail" title={collector.detail}>
              {collector.detail}
            </span>
          </li>
        ))}
        {collectors.length === 0 && <li className="live-sources__collector">No collector has reported yet.</li>}
      </ul>
      <dl className="live-sources__counts" data-testid="live-counts" data-events={counts.events} data-snapshots={counts.snapshots}>
        {COUNT_NAMES.map(([key, name]) => (
          <div key={key} className="live-sources__count">
            <dt>{name}</dt>
            <dd>{formatCount(counts[key])}</dd>
          </div>
        ))}
      </dl>
      {notes.length > 0 && (
        <ul className="live-sources__notes" data-testid="live-notes">
          {notes.map((note, index) => (
            <li key={`${index}:${note}`}>{note}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
