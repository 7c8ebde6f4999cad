import type { ReportExportState } from '../state/use-report-export';
import type { TransportKind } from '../transport/connection';
import { formatBytes } from '../format/units';
import { ErrorBox } from './error-box';
import { RedactionPreview } from './redaction-preview';
import './export-panel.css';

/**
 * Export what is open as evidence: the HTML report, the evidence bundle, and
 * a PDF (Electron prints it; in a browser the report opens in a tab to print).
 */
export function ExportPanel({ state, transport, what }: { state: ReportExportState; transport: TransportKind; what: string }) {
  const { last } = state;
  return (
    <section className="export-panel" data-testid="export-panel" aria-label="Export a report">
      <div className="export-panel__row">
        <span className="export-panel__title">Export {what}</span>
        <label className="export-panel__redact">
          <input type="checkbox" data-testid="export-redact" checked={state.redact} onChange={(event) => state.setRedact(event.target.checked)} />
          Redact host names, IPs, users and secrets
        </label>
        {state.redact && (
          <button type="button" className="link-button" data-testid="export-preview" disabled={state.busy} onClick={state.loadPreview}>
            Preview what is removed
          </button>
        )}
        <span className="export-panel__buttons">
          <button type="button" className="button" data-testid="export-html" disabled={state.busy} onClick={() => state.exportAs('html')}>
            HTML report
          </button>
          <button type="button" className="button" data-testid="export-bundle" disabled={state.busy} onClick={() => state.exportAs('bundle')}>
            Evidence bundle (.tar.gz)
          </button>
          {transport === 'electron' && (
            <button type="button" className="button" data-testid="export-pdf" disabled={state.busy} onClick={state.savePdf}>
              PDF
            </button>
          )}
        </span>
      </div>
      {state.redact && state.preview && <RedactionPreview preview={state.preview} />}
      {state.error && <ErrorBox error={state.error} onDismiss={state.dismissError} />}
      {last && (
        <p className="export-panel__done" data-testid="export-done">
          {last.savedTo ? `Saved ${last.savedTo}` : `Exported ${last.report.fileName}`} ({formatBytes(last.report.bytes)}, verdict {last.report.verdict}
          {last.report.redacted ? ', redacted' : ''}).{' '}
          {last.printUrl && (
            <a href={last.printUrl} target="_blank" rel="noreferrer" data-testid="export-print-link">
              Open report for printing
            </a>
          )}
        </p>
      )}
    </section>
  );
}
