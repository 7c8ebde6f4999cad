/**
 * The HTML report: one self-contained file that opens offline in any
 * browser and needs no script to be read. It loads nothing (a strict CSP
 * says so to the browser as well), holds no <script>, draws its charts as
 * inline SVG, and carries its machine-readable data as escaped JSON in a
 * <pre> any reader can open. A pure function of the model and one
 * generation time: the same model renders the same bytes, which is what
 * lets `gclens verify` re-render a report from its bundle and compare.
 */
import type { SessionManifest } from '../../shared/session-manifest';
import { byteUnit, renderChart } from './chart-svg';
import { html, trustedHtml, unescapeHtml, type SafeHtml } from './html';
import { renderArtifacts, renderDiffs, renderEvidence } from './report-evidence';
import { renderFindings, renderMetrics, renderVerdict } from './report-findings';
import type { ReportModel } from './report-model';
import { derivedText, formatBytes, formatMs } from './report-numbers';
import { REPORT_CSS } from './report-style';

export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
export const DATA_ELEMENT_ID = 'gclens-data';
export const GENERATED_ELEMENT_ID = 'gclens-generated';

/** What the report is about, in its title: the command line, else the process, else the files. */
function title(manifest: SessionManifest): string {
  const t = manifest.target;
  const first = manifest.artifacts[0];
  const files = first ? `${first.source.split(/[\\/]/).pop()}${manifest.artifacts.length > 1 ? ` and ${manifest.artifacts.length - 1} more` : ''}` : null;
  const what = t.command ?? (t.pid !== null ? `pid ${t.pid} on ${t.host}` : files);
  return what ? `gclens report: ${what}` : 'gclens report';
}

function renderTarget(model: ReportModel): SafeHtml {
  const m = model.manifest;
  const t = m.target;
  const o = model.data.options;
  const r = m.bundle.redaction;
  const rows: Array<[string, string | SafeHtml | null]> = [
    ['made from', m.bundle.origin === 'session' ? `session ${m.sessionId} (recorded by gclens ${m.gclensVersion})` : `${m.artifacts.length} file(s) named on the command line`],
    ['host', t.host],
    ['process', t.pid === null ? null : `pid ${t.pid}${t.user ? `, user ${t.user}` : ''}`],
    ['user', t.pid === null ? t.user : null],
    ['command line', t.command],
    ['runtime', t.runtime === null ? null : `${t.runtime === 'go' ? 'Go' : 'JVM'}${t.version ? ` ${t.version}` : ''}`],
    ['process started', t.processStartedAt ? `${t.processStartedAt} (target's clock)` : null],
    ['capture', `${m.capture.startedAt} to ${m.capture.endedAt ?? 'no recorded end (the recording did not close)'}${m.capture.resumedAt.length > 0 ? `, resumed ${m.capture.resumedAt.join(', ')}` : ''}`],
    ['clock offset', m.clockOffsetMs === null ? null : `${m.clockOffsetMs} ms (target minus this machine)`],
    ['recoveries', m.recoveries.length === 0 ? null : m.recoveries.map((x) => `${x.at}: ${x.tornEventBytes} torn event bytes cut, ${x.artifacts.length} artifact(s) re-hashed`).join('; ')],
    ['options', `limit ${o.limitBytes === null ? 'not given' : formatBytes(o.limitBytes)}; pause target ${o.pauseTargetMs === null ? 'default' : formatMs(o.pauseTargetMs)}`],
    [
      'redaction',
      r === null
        ? 'none'
        : `${r.categories.length === 0 ? 'nothing found to redact' : `${r.categories.join(', ')} values replaced`} in ${r.fields.length} field(s) and ${r.artifacts.length} text artifact(s)${r.keptBinary.length > 0 ? `; ${r.keptBinary.length} binary artifact(s) kept as they were` : ''}`,
    ],
  ];
  const shown = rows.filter(([, v]) => v !== null && v !== '');
  return html`<section id="target"><h2>Target and capture</h2>
<table class="meta" data-testid="target"><tbody>${shown.map(([k, v]) => html`<tr><th>${k}</th><td>${k === 'command line' ? html`<code>${v}</code>` : v}</td></tr>`)}</tbody></table>
</section>`;
}

function renderCharts(model: ReportModel): SafeHtml {
  const c = model.charts;
  if (c.cycles === 0) return html`<section id="charts"><h2>Heap and pauses</h2><p>No collection to chart.</p></section>`;
  const maxBytes = Math.max(0, ...c.heap.lines.flatMap((l) => l.values.filter((v): v is number => v !== null)));
  const unit = byteUnit(maxBytes);
  const colors: Record<string, { color: string; dashed?: boolean }> = {
    heapCommittedBytes: { color: '#8a93a3', dashed: true },
    heapBeforeBytes: { color: '#f4a261' },
    heapAfterBytes: { color: '#2a6fdb' },
    liveBytes: { color: '#c1121f' },
  };
  const heap = renderChart({
    id: 'chart-heap',
    title: 'Heap per collection',
    x: c.heap.x,
    xLabel: c.xLabel,
    yLabel: `heap (${unit.label})`,
    yDivisor: unit.divisor,
    lines: c.heap.lines.map((l) => ({ label: l.label, values: l.values, ...colors[l.key]! })),
    bands: c.bands,
  });
  const pauses = renderChart({
    id: 'chart-pauses',
    title: 'Stop-the-world pause per collection',
    x: c.pauses.x,
    xLabel: c.xLabel,
    yLabel: 'pause (ms)',
    yDivisor: 1,
    lines: [{ label: 'pause', values: c.pauses.ms, color: '#6a4c93' }],
    stems: true,
    bands: c.bands,
  });
  const drawn = Math.max(c.heap.x.length, c.pauses.x.length);
  const note = drawn < c.cycles ? ` ${drawn} of ${c.cycles} points drawn (LTTB for the heap, min/max buckets for pauses, so no spike is lost).` : '';
  return html`<section id="charts"><h2>Heap and pauses</h2>
<p class="chart-note">${c.cycles} collections of the run analysed.${note} Shaded bands: the time each finding (F1, F2…) covers.</p>
${heap}
${pauses}
</section>`;
}

function renderNotes(model: ReportModel): SafeHtml {
  const notes = model.data.analysis.notes;
  if (notes.length === 0) return html``;
  return html`<section id="notes"><h2>Notes</h2><ul class="notes">${notes.map((n, i) => html`<li>${derivedText(`notes.${i + 1}`, n)}</li>`)}</ul></section>`;
}

/** JSON.stringify leaves DEL as it is, which escapeHtml would show as U+FFFD: escaped in the JSON instead, it reads back exactly. */
function dataJson(model: ReportModel): string {
  return JSON.stringify(model.data, null, 1).replace(/\u007f/g, '\\u007f');
}

/** The machine-readable result: JSON, escaped like any other text, in an element a reader opens without script. */
function renderData(model: ReportModel): SafeHtml {
  return html`<section id="data"><h2>Data</h2>
<details class="data"><summary>The analysis as JSON (what <code>gclens verify</code> re-derives)</summary>
<pre id="${DATA_ELEMENT_ID}">${dataJson(model)}</pre>
</details>
</section>`;
}

export function renderReport(model: ReportModel, generatedAt: string): string {
  const m = model.manifest;
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title(m)}</title>
<style>${trustedHtml(REPORT_CSS)}</style>
</head>
<body>
<main>
<header>
<h1>${title(m)}</h1>
<p class="generated">Generated <time id="${GENERATED_ELEMENT_ID}">${generatedAt}</time> by gclens ${model.data.gclensVersion}. Every number links to the raw lines it was computed from; <code>gclens verify</code> re-derives them from an evidence bundle.</p>
</header>
<nav><a href="#verdict">Verdict</a><a href="#findings">Findings</a><a href="#charts">Charts</a>${model.diffs.length > 0 ? html`<a href="#diffs">Snapshot diffs</a>` : ''}<a href="#metrics">Metrics</a><a href="#target">Target</a><a href="#evidence">Evidence</a><a href="#artifacts">Artifacts</a><a href="#data">Data</a></nav>
${renderVerdict(model)}
${renderFindings(model)}
${renderCharts(model)}
${renderDiffs(model)}
${renderMetrics(model)}
${renderNotes(model)}
${renderTarget(model)}
${renderEvidence(model)}
${renderArtifacts(model)}
${renderData(model)}
</main>
</body>
</html>
`;
  return page.value;
}

/** The generation time a report states, or null (verify re-renders with it). */
export function generatedAtOf(report: string): string | null {
  const m = new RegExp(`<time id="${GENERATED_ELEMENT_ID}">([^<]*)</time>`).exec(report);
  return m ? unescapeHtml(m[1]!) : null;
}

/** The embedded data's JSON text, or null. */
export function dataTextOf(report: string): string | null {
  const m = new RegExp(`<pre id="${DATA_ELEMENT_ID}">([^<]*)</pre>`).exec(report);
  return m ? unescapeHtml(m[1]!) : null;
}

