/**
 * Report export from the app: the redaction preview, then report:export,
 * then delivery by transport: serve mode downloads over GET /export/ID (the
 * token in the link), Electron asks report:save for its save dialog (or
 * prints to PDF). The subject changes when another log or session opens.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ExportedReport, ExportFormat, RedactionPreview, ReportSubject } from '../../../shared/contract';
import { toErrorInfo, type ErrorInfo, type Result } from '../../../shared/result';
import type { Connection } from '../transport/connection';

export interface ReportExportState {
  redact: boolean;
  setRedact(redact: boolean): void;
  preview: RedactionPreview | null;
  loadPreview(): void;
  busy: boolean;
  error: ErrorInfo | null;
  /** The last export made, with its printable link in serve mode. */
  last: { report: ExportedReport; printUrl: string | null; savedTo: string | null } | null;
  exportAs(format: ExportFormat): void;
  /** Electron: the HTML report printed to a PDF through the save dialog. */
  savePdf(): void;
  dismissError(): void;
}

/** Clicks a link with the download attribute, so the browser saves rather than navigates. */
function download(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noreferrer';
  document.body.append(link);
  link.click();
  link.remove();
}

export function useReportExport(connection: Connection | null, subject: ReportSubject | null): ReportExportState {
  const [redact, setRedact] = useState(false);
  const [preview, setPreview] = useState<RedactionPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [last, setLast] = useState<ReportExportState['last']>(null);
  const key = subject ? JSON.stringify(subject) : null;

  useEffect(() => {
    setPreview(null);
    setLast(null);
    setError(null);
  }, [key]);

  const act = useCallback(async <T,>(ask: () => Promise<Result<T>>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    try {
      const result = await ask();
      if (result.ok) return result.value;
      setError(result.error);
    } catch (err) {
      setError(toErrorInfo(err));
    } finally {
      setBusy(false);
    }
    return null;
  }, []);

  const loadPreview = useCallback(() => {
    if (!connection || !subject) return;
    void act(() => connection.api.previewRedaction({ subject })).then((value) => value && setPreview(value));
  }, [connection, subject, act]);

  const exportAs = useCallback(
    (format: ExportFormat) => {
      if (!connection || !subject) return;
      void act(() => connection.api.exportReport({ subject, format, redact })).then(async (report) => {
        if (!report) return;
        const url = connection.exportUrl(report.exportId, 'attachment');
        if (url) download(url, report.fileName);
        const saved = url ? null : await act(() => connection.api.saveExport({ exportId: report.exportId, as: 'file' }));
        setLast({ report, printUrl: format === 'html' ? connection.exportUrl(report.exportId, 'inline') : null, savedTo: saved?.path ?? null });
      });
    },
    [connection, subject, redact, act],
  );

  const savePdf = useCallback(() => {
    if (!connection || !subject) return;
    void act(() => connection.api.exportReport({ subject, format: 'html', redact })).then(async (report) => {
      if (!report) return;
      const saved = await act(() => connection.api.saveExport({ exportId: report.exportId, as: 'pdf' }));
      setLast({ report, printUrl: null, savedTo: saved?.path ?? null });
    });
  }, [connection, subject, redact, act]);

  return { redact, setRedact, preview, loadPreview, busy, error, last, exportAs, savePdf, dismissError: () => setError(null) };
}
