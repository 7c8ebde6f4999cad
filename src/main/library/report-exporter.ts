/**
 * report:* — the app's side of `gclens report`: the same buildReport and
 * writeBundle over a library session or over files the UI opened, with the
 * redactor's dry run as a preview. What is built waits in the ExportStore
 * for the browser to download it or the Electron shell to save it.
 */
import { writeFile } from 'node:fs/promises';
import type { ExportedReport, ExportReportRequest, RedactionPreview, ReportSubject, SavedExport, SaveExportRequest } from '../../shared/library-contract';
import { GclensError } from '../../shared/result';
import type { OpenedInputs } from '../core/file-lines';
import { buildReport } from '../report/build-report';
import { writeBundle } from '../report/bundle';
import { redactSources } from '../report/redact-sources';
import { resolveSources, type ReportInput } from '../report/report-sources';
import { safeExportName, type ExportStore, type StoredExport } from './export-store';
import type { SessionLibrary } from './session-library';

/** The Electron shell's save dialog and PDF printing; serve mode has none (the browser downloads). */
export interface ExportSaver {
  /** Asks where to save and copies the export there; null when the user cancels. */
  save(stored: StoredExport): Promise<string | null>;
  /** Prints an HTML export to PDF and asks where to save it; null when the user cancels. */
  savePdf(stored: StoredExport): Promise<string | null>;
}

export interface ReportExporterDeps {
  library: SessionLibrary;
  opened: OpenedInputs;
  store: ExportStore;
  saver?: ExportSaver;
}

export class ReportExporter {
  constructor(private readonly deps: ReportExporterDeps) {}

  async preview(subject: ReportSubject): Promise<RedactionPreview> {
    const redacted = await redactSources(await resolveSources((await this.inputs(subject)).inputs));
    try {
      const items = redacted.hits
        .filter((hit) => hit.places.size > 0)
        .map((hit) => ({
          category: hit.category,
          value: hit.value,
          replacement: hit.replacement,
          places: [...hit.places].map(([place, n]) => (place.startsWith('raw/') ? `${place} (${n} line${n === 1 ? '' : 's'})` : place)),
        }));
      const kept = new Set(redacted.manifest.bundle.redaction?.keptBinary ?? []);
      return { items, keptBinary: redacted.manifest.artifacts.filter((a) => kept.has(a.id)).map((a) => a.path) };
    } finally {
      await redacted.cleanup();
    }
  }

  async export({ subject, format, redact }: ExportReportRequest): Promise<ExportedReport> {
    const { inputs, stem } = await this.inputs(subject);
    const built = await buildReport(inputs, { redact });
    try {
      const { exportId, path } = await this.deps.store.reserve(format);
      if (format === 'html') await writeFile(path, built.html, { flag: 'wx', mode: 0o600 });
      else await writeBundle(path, built);
      const fileName = safeExportName(redact ? `${stem}-redacted` : stem, format);
      const stored = await this.deps.store.keep(exportId, path, fileName, format);
      return { exportId, fileName, bytes: stored.bytes, format, verdict: built.model.data.analysis.verdict, redacted: redact };
    } finally {
      await built.cleanup();
    }
  }

  async save({ exportId, as }: SaveExportRequest): Promise<SavedExport> {
    const { saver, store } = this.deps;
    if (!saver) throw new GclensError('invalid-argument', 'in serve mode the browser downloads the export: use its download link');
    const stored = store.get(exportId);
    if (as === 'pdf' && stored.format !== 'html') throw new GclensError('invalid-argument', 'only an HTML report prints to PDF');
    return { path: as === 'pdf' ? await saver.savePdf(stored) : await saver.save(stored) };
  }

  /**
   * What buildReport reads, and a file name stem that names nothing a
   * redaction would hide. Opened files keep their names: an upload's is the
   * one the user gave, not the id it is stored under.
   */
  private async inputs(subject: ReportSubject): Promise<{ inputs: ReportInput[]; stem: string }> {
    if (subject.kind === 'files') {
      return { inputs: this.deps.opened.inputsOf(subject.fileId), stem: `gclens-report-${new Date().toISOString().slice(0, 10)}` };
    }
    const reader = await this.deps.library.find(subject.sessionId);
    const { target, capture } = reader.manifest;
    const stem = ['gclens-report', capture.startedAt.slice(0, 19), target.runtime, target.pid].filter((part) => part !== null).join('-');
    return { inputs: [reader.dir], stem };
  }
}
