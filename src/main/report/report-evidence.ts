/**
 * Where the numbers come from: the top rows of each snapshot diff, every
 * piece of evidence (artifact, hash, lines, and the raw lines themselves),
 * and the list of artifacts with their SHA-256.
 */
import type { DiffRow } from '../../shared/snapshot';
import type { AnalysisDiff } from '../analysis/rules/rule-context';
import { CONTEXT } from './excerpts';
import { html, type SafeHtml } from './html';
import { evidenceWhere } from './report-findings';
import { TOP_DIFF_ROWS, type EvidenceItem, type ReportModel } from './report-model';
import { derivedText, formatBytes, formatMs, num, plainNumber } from './report-numbers';

/** A diff value in the diff's unit. */
function diffValue(unit: string, value: number): string {
  if (unit === 'bytes') return formatBytes(value);
  if (unit === 'nanoseconds') return formatMs(value / 1e6);
  return plainNumber(value);
}

const signed = (unit: string, value: number) => `${value > 0 ? '+' : ''}${diffValue(unit, value)}`;

function diffRows(prefix: string, diff: AnalysisDiff, rows: DiffRow[], anchor: string | null): SafeHtml {
  const counts = rows.some((r) => r.deltaCount !== undefined);
  const cell = (id: string, text: string, exact: number | undefined) => html`<td class="num">${num(id, text, anchor, String(exact))}</td>`;
  return html`<table class="diff-rows"><thead><tr><th>${diff.by}</th><th>base</th><th>new</th><th>change</th>${counts ? html`<th>instances</th>` : ''}</tr></thead><tbody>${rows.map(
    (r, i) =>
      html`<tr><td class="key">${derivedText(`${prefix}.row${i + 1}.key`, r.key)}${r.state ? html` <span class="where">[${r.state}]</span>` : ''}</td>${cell(`${prefix}.row${i + 1}.base`, diffValue(diff.unit, r.base), r.base)}${cell(`${prefix}.row${i + 1}.new`, diffValue(diff.unit, r.new), r.new)}${cell(`${prefix}.row${i + 1}.delta`, signed(diff.unit, r.delta), r.delta)}${counts ? cell(`${prefix}.row${i + 1}.deltaCount`, r.deltaCount === undefined ? '' : signed('count', r.deltaCount), r.deltaCount) : ''}</tr>`,
  )}</tbody></table>`;
}

export function renderDiffs(model: ReportModel): SafeHtml {
  if (model.diffs.length === 0) return html``;
  const sections = model.diffs.map((d, i) => {
    const anchor = model.metricEvidence.diffs[i] ?? null;
    const id = `diff${i + 1}`;
    return html`<div class="diff" id="${id}" data-testid="diff">
<h3>${d.kind} by ${d.by}, ${d.sample} (${d.unit})</h3>
<p>${d.artifacts?.base ?? 'base'} → ${d.artifacts?.new ?? 'new'}: total ${num(`${id}.baseTotal`, diffValue(d.unit, d.baseTotal), anchor, String(d.baseTotal))} → ${num(`${id}.newTotal`, diffValue(d.unit, d.newTotal), anchor, String(d.newTotal))} (${num(`${id}.change`, signed(d.unit, d.newTotal - d.baseTotal), anchor, String(d.newTotal - d.baseTotal))}). Rows by growth, largest first${d.rows.length > TOP_DIFF_ROWS ? ` (the first ${TOP_DIFF_ROWS} of ${plainNumber(d.rows.length)})` : ''}:</p>
${diffRows(id, d, d.rows.slice(0, TOP_DIFF_ROWS), anchor)}
</div>`;
  });
  return html`<section id="diffs"><h2>What grew between the snapshots</h2>${sections}</section>`;
}

function excerptBlock(item: EvidenceItem): SafeHtml {
  const excerpt = item.excerpt;
  if (!excerpt) return html``;
  const blocks = excerpt.blocks.map(
    (block, i) =>
      html`${i > 0 ? html`<span class="gap">⋮</span>\n` : ''}${block.map(
        (line) => html`<span class="${line.cited ? 'line cited' : 'line'}"><span class="ln">${line.no}</span>${line.text}</span>\n`,
      )}`,
  );
  const more = excerpt.span
    ? ` (the span covers ${plainNumber(excerpt.totalCited)} lines: its first and last are quoted)`
    : excerpt.totalCited > excerpt.shownCited
      ? ` (${excerpt.shownCited} quoted of ${plainNumber(excerpt.totalCited)} lines cited)`
      : '';
  return html`<p class="excerpt-note">Raw lines, cited ones marked, ${CONTEXT} lines of context around each${more}:</p><pre class="excerpt">${blocks}</pre>`;
}

function rowsBlock(item: EvidenceItem): SafeHtml {
  const diff = item.diff;
  const keys = item.evidence.rows;
  if (!diff || !keys || keys.length === 0) return html``;
  const wanted = new Set(keys);
  const rows = diff.rows.filter((r) => wanted.has(r.key));
  return html`<p class="excerpt-note">The rows cited, from the diff of ${diff.artifacts?.base ?? 'base'} and ${diff.artifacts?.new ?? 'new'}:</p>${diffRows(item.anchor, diff, rows, null)}`;
}

function renderEvidenceItem(item: EvidenceItem): SafeHtml {
  const a = item.artifact;
  const where = evidenceWhere(item.evidence);
  const artifact = a
    ? html`<a href="#art-${a.id}">${a.path}</a> <span class="where">(${a.kind}, ${plainNumber(a.bytes)} bytes, sha256 <code class="hash">${a.sha256}</code>)</span>`
    : html`${item.evidence.artifact} <span class="where">(not an artifact of this report)</span>`;
  return html`<div class="evidence" id="${item.anchor}" data-testid="evidence">
<h3>${item.citedBy}: ${item.evidence.what}</h3>
<p>${artifact}${where ? html`<br>${where}` : ''}</p>
${excerptBlock(item)}${rowsBlock(item)}
</div>`;
}

export function renderEvidence(model: ReportModel): SafeHtml {
  return html`<section id="evidence"><h2>Evidence</h2>
<p>Each number above links here: the artifact it was computed from (with its SHA-256, as listed under Artifacts), the lines or rows, and the raw text.</p>
${model.evidence.map(renderEvidenceItem)}
</section>`;
}

export function renderArtifacts(model: ReportModel): SafeHtml {
  const m = model.manifest;
  const redacted = new Map((m.bundle.redaction?.artifacts ?? []).map((r) => [r.id, r]));
  const rows = m.artifacts.map((a) => {
    const r = redacted.get(a.id);
    return html`<tr id="art-${a.id}"><td>${a.id}</td><td><code>${a.path}</code></td><td>${a.kind}</td><td class="source">${a.source}</td><td class="num">${plainNumber(a.bytes)}</td><td><code class="hash">${a.sha256}</code>${r ? html`<br><span class="where">redacted copy of ${plainNumber(r.originalBytes)} bytes, sha256 <code class="hash">${r.originalSha256}</code></span>` : ''}</td><td>${a.capturedAt}</td></tr>`;
  });
  const omitted = m.bundle.omitted.map(
    (o) => html`<li><code>${o.path}</code> (${o.kind}, ${plainNumber(o.bytes)} bytes, sha256 <code class="hash">${o.sha256}</code>): ${o.reason}</li>`,
  );
  return html`<section id="artifacts"><h2>Artifacts</h2>
<p>The raw files this report was computed from, exactly as an evidence bundle holds them.</p>
<table class="artifacts" data-testid="artifacts"><thead><tr><th>id</th><th>file</th><th>kind</th><th>source</th><th>bytes</th><th>sha256</th><th>captured</th></tr></thead><tbody>${rows}</tbody></table>
${omitted.length > 0 ? html`<p>Artifacts of the session this report did not read (not in a bundle):</p><ul>${omitted}</ul>` : ''}
</section>`;
}
