import type { Metrics } from '../../../shared/analysis';
import { metricRows } from '../format/analysis-values';
import './metrics-table.css';

/** The run's key numbers; one the data cannot give reads "—", never 0. */
export function MetricsTable({ metrics, notes }: { metrics: Metrics; notes: string[] }) {
  return (
    <section className="metrics-table" aria-label="Metrics">
      <h2 className="metrics-table__title">Metrics</h2>
      <dl className="metrics-table__grid" data-testid="metrics">
        {metricRows(metrics).map((row) => (
          <div key={row.key} className="metrics-table__cell" data-testid="metric" data-metric={row.key} data-value={row.value ?? ''}>
            <dt className="metrics-table__label">{row.label}</dt>
            <dd className="metrics-table__value">{row.text}</dd>
          </div>
        ))}
      </dl>
      {notes.length > 0 && (
        <ul className="metrics-table__notes" data-testid="analysis-notes">
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
