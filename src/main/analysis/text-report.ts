/**
 * The readable form of an analysis, as `gclens analyze` prints it: the
 * verdict first (what the on-call engineer needs), then the findings with
 * their evidence, then the metrics. A missing metric prints as "-".
 */
import type { AnalysisResult, Evidence, Finding, Metrics, PauseStats, RateSummary } from '../../shared/analysis';
import { formatBytes, formatBytesPerSec, formatDuration, formatMs, formatPercent, formatRate, plural } from './format';

const LABEL_WIDTH = 18;

export function formatTextReport(result: AnalysisResult): string {
  const out: string[] = [];
  out.push(`Verdict: ${result.verdict.toUpperCase()}${result.verdict === 'inconclusive' ? '' : ` (confidence ${result.confidence.toFixed(2)})`}`);
  out.push(result.summary, '');
  out.push(result.findings.length === 0 ? 'Findings: none' : `Findings (${result.findings.length}):`);
  for (const f of result.findings) out.push(...findingLines(f));
  out.push('', 'Metrics:', ...metricLines(result.metrics));
  if (result.notes.length > 0) out.push('', 'Notes:', ...result.notes.map((n) => `  ${n}`));
  return out.join('\n') + '\n';
}

function findingLines(f: Finding): string[] {
  return [`  [${f.severity}] ${f.rule} (confidence ${f.confidence.toFixed(2)})`, `    ${f.title}`, ...f.evidence.map((e) => `      ${evidenceLine(e)}`)];
}

function evidenceLine(e: Evidence): string {
  const where: string[] = [];
  if (e.lineRange && e.lineRange.from !== e.lineRange.to) where.push(`lines ${e.lineRange.from}-${e.lineRange.to}`);
  else if (e.lines && e.lines.length > 0) where.push(`${e.lines.length === 1 ? 'line' : 'lines'} ${e.lines.join(', ')}`);
  if (e.timeRange) where.push(`${e.timeRange.fromSec.toFixed(3)}-${e.timeRange.toSec.toFixed(3)} s`);
  if (e.rows && e.rows.length > 0) where.push(`rows ${e.rows.join(' | ')}`);
  return `${e.artifact}${where.length > 0 ? ` (${where.join('; ')})` : ''}: ${e.what}`;
}

function row(label: string, value: string): string {
  return `  ${label.padEnd(LABEL_WIDTH)} ${value}`;
}

function pauseLine(s: PauseStats): string {
  return `p50 ${formatMs(s.p50Ms)}, p90 ${formatMs(s.p90Ms)}, p99 ${formatMs(s.p99Ms)}, p99.9 ${formatMs(s.p999Ms)}, max ${formatMs(s.maxMs)} (${plural(s.count, 'pause')}, ${formatMs(s.totalMs)} in all)`;
}

function rateLine(r: RateSummary | null): string {
  return r ? `${formatBytesPerSec(r.meanBytesPerSec)} mean, ${formatBytesPerSec(r.medianBytesPerSec)} median (${plural(r.intervals, 'interval')})` : '-';
}

const orDash = <T>(v: T | null, f: (v: T) => string): string => (v === null ? '-' : f(v));

function metricLines(m: Metrics): string[] {
  const lines = [
    row('collections', `${m.events}${m.runtime ? ` (${m.runtime}: ${m.collectors.join(', ')})` : ''}, ${plural(m.runs, 'run')} in the input, clock: ${m.clock}`),
    row('window', m.window ? `${m.window.fromSec.toFixed(3)}-${m.window.toSec.toFixed(3)} s (${formatDuration(m.spanSec!)})` : '-'),
    row('GC overhead', `${orDash(m.gcOverheadPercent, formatPercent)} of wall time; safepoints ${orDash(m.safepointOverheadPercent, formatPercent)}; GC CPU ${orDash(m.gcCpuPercent, formatPercent)}`),
    row('pauses', m.pauses ? pauseLine(m.pauses) : '-'),
    ...Object.entries(m.pausesByKind).map(([kind, s]) => row(`  ${kind}`, pauseLine(s))),
    row('MMU', m.mmu.length > 0 ? m.mmu.map((p) => `${p.windowMs < 1000 ? `${p.windowMs} ms` : `${p.windowMs / 1000} s`} ${p.utilisation === null ? '-' : p.utilisation.toFixed(3)}`).join(', ') : '-'),
    row('allocation rate', rateLine(m.allocationRate)),
    row('promotion rate', rateLine(m.promotionRate)),
  ];
  const t = m.floorTrend;
  lines.push(
    row(
      'floor trend',
      t
        ? `${t.shape}: ${formatBytes(t.observedStartBytes)} -> ${formatBytes(t.observedEndBytes)} at ${formatRate(t.slopeBytesPerSec)} (recent ${formatRate(t.recentSlopeBytesPerSec)}), ` +
            `R² ${t.r2 === null ? '-' : t.r2.toFixed(2)}, ρ ${t.spearman === null ? '-' : t.spearman.toFixed(2)}, ${t.collections} collections, ${t.points} fitted (${t.source}), ${t.window.fromSec.toFixed(1)}-${t.window.toSec.toFixed(1)} s`
        : '-',
    ),
    row('footprint', `max committed ${orDash(m.maxCommittedBytes, formatBytes)}, peak heap ${orDash(m.peakHeapBytes, formatBytes)}`),
    row('limit', m.limit ? `${formatBytes(m.limit.bytes)} (${m.limit.source}); time to limit ${orDash(m.timeToLimitSec, formatDuration)}` : '-'),
  );
  return lines;
}
