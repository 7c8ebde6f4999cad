/**
 * The verdict, the findings in plain words with their numbers, and the
 * metrics table. Every number is a `num` (linked to its evidence, named for
 * verify); every sentence the analysis wrote is a `derivedText`.
 */
import type { Evidence, Finding, Metrics, PauseStats, RateSummary } from '../../shared/analysis';
import { html, type SafeHtml } from './html';
import type { MetricEvidence, ReportModel } from './report-model';
import { derivedText, exactValue, formatBytes, formatDuration, formatMetric, formatMs, formatPercent, MISSING, num, plainNumber } from './report-numbers';

const VERDICT_WORDS = { leak: 'Leak', 'no-leak': 'No leak', inconclusive: 'Inconclusive' } as const;

export function renderVerdict(model: ReportModel): SafeHtml {
  const a = model.data.analysis;
  const confidence = a.verdict === 'inconclusive' ? null : num('verdict.confidence', a.confidence.toFixed(2), model.metricEvidence.run, String(a.confidence));
  return html`<section id="verdict" class="verdict verdict-${a.verdict}" data-testid="verdict">
<h2>Verdict: ${derivedText('verdict.verdict', VERDICT_WORDS[a.verdict])}${confidence ? html` <small>(confidence ${confidence})</small>` : ''}</h2>
<p class="summary">${derivedText('verdict.summary', a.summary)}</p>
</section>`;
}

export function evidenceWhere(e: Evidence): string {
  const where: string[] = [];
  if (e.lineRange && e.lineRange.from !== e.lineRange.to) where.push(`lines ${e.lineRange.from}–${e.lineRange.to}`);
  else if (e.lines && e.lines.length > 0) where.push(`${e.lines.length === 1 ? 'line' : 'lines'} ${e.lines.join(', ')}`);
  if (e.timeRange) where.push(`${e.timeRange.fromSec.toFixed(3)}–${e.timeRange.toSec.toFixed(3)} s`);
  if (e.rows && e.rows.length > 0) where.push(`${e.rows.length} row${e.rows.length === 1 ? '' : 's'}`);
  return where.join('; ');
}

function renderFinding(f: Finding, index: number, anchors: string[]): SafeHtml {
  const n = index + 1;
  const id = `f${n}.${f.rule}`;
  const first = anchors[0] ?? null;
  // Strings (`by`, `sample`, `source`) are facts about the data, not numbers: shown, compared by verify, not linked.
  const rows = Object.entries(f.metrics).map(
    ([name, value]) =>
      html`<li><span class="k">${name}</span>${typeof value === 'string' ? derivedText(`${id}.${name}`, value) : num(`${id}.${name}`, formatMetric(name, value), first, exactValue(value))}</li>`,
  );
  const evidence = f.evidence.map((e, i) => {
    const where = evidenceWhere(e);
    return html`<li><a href="#${anchors[i]!}">${e.artifact}</a>${where ? html` <span class="where">(${where})</span>` : ''}: ${e.what}</li>`;
  });
  return html`<article class="finding sev-${f.severity}" id="f${n}" data-testid="finding">
<h3><span class="badge">${f.severity}</span> F${n} <code>${f.rule}</code> <small>confidence ${num(`${id}.confidence`, f.confidence.toFixed(2), first, String(f.confidence))}</small></h3>
<p class="finding-title">${derivedText(`${id}.title`, f.title)}</p>
${rows.length > 0 ? html`<ul class="finding-metrics">${rows}</ul>` : ''}
<ul class="evidence-list">${evidence}</ul>
</article>`;
}

export function renderFindings(model: ReportModel): SafeHtml {
  const findings = model.data.analysis.findings;
  return html`<section id="findings"><h2>Findings</h2>
${findings.length === 0 ? html`<p>No finding: nothing in the data crossed a rule's threshold.</p>` : findings.map((f, i) => renderFinding(f, i, model.findingEvidence[i] ?? []))}
</section>`;
}

type Row = [label: string, value: SafeHtml | string];

function pauseRow(label: string, key: string, s: PauseStats | null, ev: MetricEvidence): Row {
  if (!s) return [label, MISSING];
  const p = (name: keyof PauseStats, text: string, anchor = ev.run) => html`${name === 'count' || name === 'totalMs' ? '' : `${name.replace(/Ms$/, '').replace('p999', 'p99.9')} `}${num(`metrics.${key}.${name}`, text, anchor, String(s[name]))}`;
  return [
    label,
    html`${p('p50Ms', formatMs(s.p50Ms))} · ${p('p90Ms', formatMs(s.p90Ms))} · ${p('p99Ms', formatMs(s.p99Ms))} · ${p('p999Ms', formatMs(s.p999Ms))} · ${p('maxMs', formatMs(s.maxMs), ev.maxPause)} · ${p('count', plainNumber(s.count))} pauses, ${p('totalMs', formatMs(s.totalMs))} in all`,
  ];
}

function rateRow(label: string, key: string, r: RateSummary | null, ev: MetricEvidence): Row {
  if (!r) return [label, MISSING];
  const v = (name: keyof RateSummary, text: string) => num(`metrics.${key}.${name}`, text, ev.run, String(r[name]));
  return [label, html`${v('meanBytesPerSec', formatMetric('meanBytesPerSec', r.meanBytesPerSec))} mean, ${v('medianBytesPerSec', formatMetric('medianBytesPerSec', r.medianBytesPerSec))} median, over ${v('intervals', plainNumber(r.intervals))} intervals`];
}

function metricRows(m: Metrics, ev: MetricEvidence): Row[] {
  const v = (key: string, text: string, value: unknown, anchor = ev.run) => num(`metrics.${key}`, text, anchor, String(value));
  const orDash = <T>(value: T | null, f: (x: T) => SafeHtml): SafeHtml | string => (value === null ? MISSING : f(value));
  const rows: Row[] = [
    ['collections', html`${v('events', plainNumber(m.events), m.events)} (${m.runtime ?? 'runtime unknown'}${m.collectors.length > 0 ? `: ${m.collectors.join(', ')}` : ''}); ${v('runs', plainNumber(m.runs), m.runs)} run(s) in the input; clock: ${m.clock}`],
    ['window', orDash(m.window, (w) => html`${v('window.fromSec', `${w.fromSec.toFixed(3)} s`, w.fromSec)} to ${v('window.toSec', `${w.toSec.toFixed(3)} s`, w.toSec)} (${v('spanSec', formatDuration(m.spanSec ?? 0), m.spanSec)})`)],
    ['GC pause overhead', orDash(m.gcOverheadPercent, (x) => html`${v('gcOverheadPercent', formatPercent(x), x)} of wall time`)],
    ['safepoint overhead', orDash(m.safepointOverheadPercent, (x) => v('safepointOverheadPercent', formatPercent(x), x))],
    ['GC CPU (Go P%)', orDash(m.gcCpuPercent, (x) => v('gcCpuPercent', formatPercent(x), x))],
    pauseRow('pauses', 'pauses', m.pauses, ev),
    ...Object.entries(m.pausesByKind).map(([kind, s]) => pauseRow(`pauses: ${kind}`, `pausesByKind.${kind}`, s, ev)),
    ['MMU', m.mmu.length === 0 ? MISSING : html`${m.mmu.map((p, i) => html`${i > 0 ? ' · ' : ''}${p.windowMs < 1000 ? `${p.windowMs} ms` : `${p.windowMs / 1000} s`}: ${v(`mmu.${p.windowMs}`, p.utilisation === null ? MISSING : p.utilisation.toFixed(3), p.utilisation)}`)}`],
    rateRow('allocation rate', 'allocationRate', m.allocationRate, ev),
    rateRow('promotion rate', 'promotionRate', m.promotionRate, ev),
  ];
  const t = m.floorTrend;
  rows.push([
    'floor trend',
    t === null
      ? MISSING
      : html`${v('floorTrend.shape', t.shape, t.shape)} (${t.source}): ${v('floorTrend.observedStartBytes', formatBytes(t.observedStartBytes), t.observedStartBytes)} → ${v('floorTrend.observedEndBytes', formatBytes(t.observedEndBytes), t.observedEndBytes)} at ${v('floorTrend.slopeBytesPerSec', formatMetric('slopeBytesPerSec', t.slopeBytesPerSec), t.slopeBytesPerSec)} (recent ${v('floorTrend.recentSlopeBytesPerSec', formatMetric('recentSlopeBytesPerSec', t.recentSlopeBytesPerSec), t.recentSlopeBytesPerSec)}); R² ${v('floorTrend.r2', t.r2 === null ? MISSING : t.r2.toFixed(3), t.r2)}, Spearman ρ ${v('floorTrend.spearman', t.spearman === null ? MISSING : t.spearman.toFixed(3), t.spearman)}; ${v('floorTrend.collections', plainNumber(t.collections), t.collections)} collections, ${v('floorTrend.points', plainNumber(t.points), t.points)} fitted`,
  ]);
  rows.push(['max committed heap', orDash(m.maxCommittedBytes, (x) => v('maxCommittedBytes', formatBytes(x), x, ev.maxCommitted))]);
  rows.push(['peak heap', orDash(m.peakHeapBytes, (x) => v('peakHeapBytes', formatBytes(x), x, ev.peakHeap))]);
  rows.push(['limit', orDash(m.limit, (l) => html`${v('limit.bytes', formatBytes(l.bytes), l.bytes)} (${l.source === 'given' ? 'given with --limit' : 'the largest committed heap seen'})`)]);
  rows.push(['time to limit', orDash(m.timeToLimitSec, (x) => v('timeToLimitSec', formatDuration(x), x))]);
  return rows;
}

export function renderMetrics(model: ReportModel): SafeHtml {
  const rows = metricRows(model.data.analysis.metrics, model.metricEvidence);
  return html`<section id="metrics"><h2>Metrics</h2>
<table class="metrics" data-testid="metrics"><tbody>${rows.map(([label, value]) => html`<tr><th>${label}</th><td>${value}</td></tr>`)}</tbody></table>
</section>`;
}
