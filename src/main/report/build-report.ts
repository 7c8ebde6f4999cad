/**
 * `gclens report`'s pipeline: resolve the inputs (a session or files) into
 * a bundle manifest, redact if asked, read the listed artifacts through the
 * engines, derive the model and render it. What comes out is everything an
 * evidence bundle holds: the page, the manifest, and the raw files.
 */
import { GclensError } from '../../shared/result';
import type { Runtime } from '../../shared/gc-event';
import { readAnalysisInputs, type AnalysisInputs } from '../core/analysis-inputs';
import { omittedEntry, resolveSources, type ReportInput, type ReportSources } from './report-sources';
import type { BundleManifest } from './bundle-manifest';
import { redactSources } from './redact-sources';
import type { RedactionHit } from './redactor';
import { deriveReportModel, type ReportModel, type ReportOptions } from './report-model';
import { renderReport } from './report-html';

export interface BuildReportOptions {
  limitBytes?: number | null;
  pauseTargetMs?: number | null;
  redact?: boolean;
  /** The one time a report states: when it was generated. */
  now?: () => Date;
}

export interface BuiltReport {
  html: string;
  model: ReportModel;
  manifest: BundleManifest;
  /** Each listed artifact's bytes on disk, by its manifest path. */
  files: Map<string, string>;
  /** What redaction replaced (empty without --redact). */
  hits: RedactionHit[];
  /** Removes temporary redacted copies; call once the bundle is written. */
  cleanup(): Promise<void>;
}

/**
 * Reads the artifacts a bundle manifest lists, in its order, under their
 * manifest paths: report and verify both read through here. `skipUnreadable`:
 * a session's artifact that cannot be read is moved to `bundle.omitted`
 * (the manifest is changed) instead of failing the report.
 */
export async function readReportInputs(manifest: BundleManifest, files: Map<string, string>, skipUnreadable: boolean): Promise<AnalysisInputs> {
  const inputs = await readAnalysisInputs(
    manifest.artifacts.map((a) => ({ path: files.get(a.path)!, name: a.path })),
    { skipUnreadable },
  );
  if (inputs.skipped.length > 0) {
    const skipped = new Map(inputs.skipped.map((s) => [s.name, s.reason]));
    for (const entry of manifest.artifacts.filter((a) => skipped.has(a.path))) {
      manifest.bundle.omitted.push(omittedEntry(entry, `could not be read: ${skipped.get(entry.path)}`));
      files.delete(entry.path);
    }
    manifest.artifacts = manifest.artifacts.filter((a) => !skipped.has(a.path));
  }
  return inputs;
}

/** For files, what reading them told: each one's kind, and the runtime. */
function describeFiles(manifest: BundleManifest, inputs: AnalysisInputs): void {
  const kinds = new Map(inputs.used.map((u) => [u.name, u.kind]));
  for (const entry of manifest.artifacts) entry.kind = kinds.get(entry.path) ?? entry.kind;
  const gc = inputs.records.find((r) => r.type === 'gc');
  const runtime: Runtime | null = gc?.type === 'gc' ? gc.runtime : (inputs.snapshots[0]?.family ?? null);
  manifest.target.runtime = runtime;
}

export async function buildReport(inputs: ReportInput[], options: BuildReportOptions = {}): Promise<BuiltReport> {
  let sources: ReportSources = await resolveSources(inputs);
  let hits: RedactionHit[] = [];
  let cleanup = async (): Promise<void> => undefined;
  if (options.redact) {
    const redacted = await redactSources(sources);
    sources = redacted;
    hits = redacted.hits;
    cleanup = redacted.cleanup;
  }
  try {
    const manifest = sources.manifest;
    const files = new Map(sources.files);
    const inputs = await readReportInputs(manifest, files, manifest.bundle.origin === 'session');
    if (manifest.bundle.origin === 'files') describeFiles(manifest, inputs);
    if (manifest.artifacts.length === 0) throw new GclensError('unsupported-format', 'nothing to report on: no GC log or snapshot could be read from the inputs');
    const reportOptions: ReportOptions = { limitBytes: options.limitBytes ?? null, pauseTargetMs: options.pauseTargetMs ?? null };
    const model = await deriveReportModel(manifest, files, inputs, reportOptions);
    const html = renderReport(model, (options.now?.() ?? new Date()).toISOString());
    return { html, model, manifest, files, hits, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
