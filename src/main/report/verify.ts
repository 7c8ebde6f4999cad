/**
 * `gclens verify BUNDLE`: does the report in an evidence bundle follow from
 * the raw artifacts beside it? Three checks, each naming what differs:
 *
 * 1. every artifact the manifest lists is in the bundle and hashes to its
 *    recorded size and SHA-256, and nothing unlisted rides along;
 * 2. the engines re-run on those artifacts (with the options the report
 *    states) give the analysis the report embeds: verdict, every finding's
 *    metrics, the metrics table;
 * 3. the report re-rendered from that analysis is the report in the
 *    bundle: every number on the page by name, then every other byte
 *    (apart from nothing: the generation time is taken from the report).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_FILE, RAW_DIR } from '../../shared/session-manifest';
import { GclensError } from '../../shared/result';
import { APP_VERSION } from '../core/version';
import { hashFile } from '../session/hash-file';
import { openBundle } from './bundle';
import { parseBundleManifest, REPORT_FILE, type BundleManifest } from './bundle-manifest';
import { readReportInputs } from './build-report';
import { describeValueDifference, firstLineDifference, jsonDifferences, numberDifferences, withDerivedValues } from './report-compare';
import { dataTextOf, generatedAtOf, renderReport } from './report-html';
import { deriveReportModel, REPORT_DATA_FORMAT, REPORT_DATA_VERSION, type ReportData } from './report-model';

/** More differences than this are counted, not listed. */
const MAX_LISTED = 40;

export interface VerifyOutcome {
  ok: boolean;
  /** Each difference in words, the artifacts first. */
  problems: string[];
  artifacts: number;
  /** Named values on the page (numbers, titles, sentences) compared. */
  values: number;
  findings: number;
}

export async function verifyBundle(path: string): Promise<VerifyOutcome> {
  const bundle = await openBundle(path);
  try {
    return await verifyFolder(bundle.dir, bundle.entries);
  } finally {
    await bundle.cleanup();
  }
}

async function verifyFolder(dir: string, entries: string[]): Promise<VerifyOutcome> {
  for (const required of [MANIFEST_FILE, REPORT_FILE]) {
    if (!entries.includes(required)) throw new GclensError('unsupported-format', `the bundle holds no ${required}: it is not a gclens evidence bundle`);
  }
  const manifest = parseBundleManifest(await readFile(join(dir, MANIFEST_FILE), 'utf8'));
  const report = await readFile(join(dir, REPORT_FILE), 'utf8');
  const problems = await checkArtifacts(dir, manifest);
  const outcome = (extra: string[], values = 0, findings = 0): VerifyOutcome => {
    const all = [...problems, ...extra];
    const listed = all.length > MAX_LISTED ? [...all.slice(0, MAX_LISTED), `…and ${all.length - MAX_LISTED} more differences`] : all;
    return { ok: all.length === 0, problems: listed, artifacts: manifest.artifacts.length, values, findings };
  };

  const data = readData(report);
  if (typeof data === 'string') return outcome([data]);
  problems.push(...statedArtifacts(data, manifest));
  if (problems.length > 0) return outcome(['the numbers were not re-derived: the artifacts above are not the ones the report was made from']);

  const files = new Map(manifest.artifacts.map((a) => [a.path, join(dir, a.path)]));
  const inputs = await readReportInputs(manifest, files, false);
  const model = await deriveReportModel(manifest, files, inputs, data.options);
  const differences: string[] = [];
  if (data.gclensVersion !== APP_VERSION) {
    differences.push(`note: the report was made by gclens ${data.gclensVersion} and is verified by ${APP_VERSION}; a difference below may be a change in the engines`);
    model.data.gclensVersion = data.gclensVersion;
  }

  // JSON round trip: the report stores the analysis as JSON, where -0 is 0 and a non-finite number null.
  const derived = JSON.parse(JSON.stringify(model.data.analysis)) as ReportData['analysis'];
  differences.push(...jsonDifferences(data.analysis, derived).map((d) => describeValueDifference(d, derived.findings)));

  const rendered = renderReport(model, generatedAtOf(report) ?? '');
  differences.push(...numberDifferences(report, rendered));
  const rest = firstLineDifference(replaceData(withDerivedValues(report, rendered), rendered), rendered);
  if (rest !== null) differences.push(`the report's text differs from the one its artifacts give, at ${rest}`);
  const versionNoteOnly = differences.length === 1 && differences[0]!.startsWith('note:');
  return outcome(versionNoteOnly ? [] : differences, [...rendered.matchAll(/\bdata-n="/g)].length, derived.findings.length);
}

/** Size and SHA-256 of every listed artifact, and nothing unlisted in raw/. */
async function checkArtifacts(dir: string, manifest: BundleManifest): Promise<string[]> {
  const problems: string[] = [];
  const present = new Set((await readdir(join(dir, RAW_DIR))).map((name) => `${RAW_DIR}/${name}`));
  for (const a of manifest.artifacts) {
    if (!present.has(a.path)) {
      problems.push(`${a.path} (${a.id}): missing from the bundle`);
      continue;
    }
    present.delete(a.path);
    const { bytes, sha256 } = await hashFile(join(dir, a.path));
    if (sha256 !== a.sha256 || bytes !== a.bytes) {
      problems.push(`${a.path} (${a.id}): ${bytes} bytes with SHA-256 ${sha256}, but the manifest records ${a.bytes} bytes with SHA-256 ${a.sha256}: the artifact was altered`);
    }
  }
  for (const extra of [...present].sort()) problems.push(`${extra}: in the bundle but not in its manifest`);
  return problems;
}

/** The report's embedded data, or what is wrong with it. */
function readData(report: string): ReportData | string {
  const text = dataTextOf(report);
  if (text === null) return 'report.html holds no gclens data block: it is not a gclens report, or the block was removed';
  let data: ReportData;
  try {
    data = JSON.parse(text) as ReportData;
  } catch (err) {
    return `report.html's data block is not JSON (${(err as Error).message}): it was edited`;
  }
  if (data?.format !== REPORT_DATA_FORMAT || data.version !== REPORT_DATA_VERSION || typeof data.analysis !== 'object' || typeof data.options !== 'object') {
    return `report.html's data block is not a version ${REPORT_DATA_VERSION} ${REPORT_DATA_FORMAT} block`;
  }
  return data;
}

/** The artifacts the report says it read are the ones the manifest lists. */
function statedArtifacts(data: ReportData, manifest: BundleManifest): string[] {
  const listed = new Map(manifest.artifacts.map((a) => [a.path, a]));
  const problems: string[] = [];
  for (const stated of data.artifacts ?? []) {
    const a = listed.get(stated.path);
    if (!a) problems.push(`${stated.path}: the report was made from it, but the manifest does not list it`);
    else if (a.sha256 !== stated.sha256 || a.bytes !== stated.bytes) problems.push(`${stated.path}: the report was made from ${stated.bytes} bytes with SHA-256 ${stated.sha256}, the manifest lists ${a.bytes} bytes with ${a.sha256}`);
    listed.delete(stated.path);
  }
  for (const path of listed.keys()) problems.push(`${path}: listed in the manifest, but the report does not say it read it`);
  return problems;
}

/** The stated page with its data block swapped for the derived one (its differences are listed value by value already). */
function replaceData(stated: string, derived: string): string {
  const block = /<pre id="gclens-data">[^<]*<\/pre>/;
  const replacement = block.exec(derived)?.[0];
  return replacement === undefined ? stated : stated.replace(block, () => replacement);
}
