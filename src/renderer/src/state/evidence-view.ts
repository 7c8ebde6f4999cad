/**
 * What clicking an evidence item does, as pure functions: the time range to
 * mark on the charts, and the files:lines requests that fetch its raw lines
 * (a list of scattered lines in as few requests as fit, a long span page by
 * page).
 */
import type { Evidence, Metrics } from '../../../shared/analysis';
import type { GcSummary } from '../../../shared/contract';
import { MAX_LINES_PER_REQUEST } from '../../../shared/file-lines';

export interface Highlight {
  fromSec: number;
  toSec: number;
}

/**
 * The chart x range of an evidence item: only when the charts and the
 * analysis share a clock (process uptime). A log without uptime is charted
 * by cycle position but analysed on wall time: marking that would point at
 * the wrong cycles.
 */
export function highlightOf(evidence: Evidence | null, clock: Metrics['clock'], xAxis: GcSummary['xAxis']): Highlight | null {
  const range = evidence?.timeRange;
  if (!range || clock !== 'uptime' || xAxis !== 'uptime-seconds') return null;
  if (!Number.isFinite(range.fromSec) || !Number.isFinite(range.toSec) || range.toSec < range.fromSec) return null;
  return { fromSec: range.fromSec, toSec: range.toSec };
}

/** A range too thin to see (one collection of a long log) is widened to `minFraction` of the chart, around its middle. */
export function visibleRange(highlight: Highlight, domain: [number, number], minFraction = 0.006): Highlight {
  const minWidth = Math.max((domain[1] - domain[0]) * minFraction, 1e-6);
  if (highlight.toSec - highlight.fromSec >= minWidth) return highlight;
  const mid = (highlight.fromSec + highlight.toSec) / 2;
  return { fromSec: mid - minWidth / 2, toSec: mid + minWidth / 2 };
}

/** data-highlight's value: "from-to" in seconds, three decimals. */
export function highlightAttr(highlight: Highlight | null): string | undefined {
  return highlight ? `${highlight.fromSec.toFixed(3)}-${highlight.toSec.toFixed(3)}` : undefined;
}

export interface LineRequest {
  fromLine: number;
  toLine: number;
}

export interface LinePlan {
  requests: LineRequest[];
  /** Only these lines of the answers are shown (a list); null shows every line fetched (a span). */
  keep: number[] | null;
  /** Lines of the span left for the next page; 0 when this page ends it. */
  remaining: number;
}

/**
 * The requests for one page of an evidence item's lines. A `lineRange` is a
 * span read page by page; a list of `lines` is grouped into runs no request
 * spans more than MAX_LINES_PER_REQUEST of.
 */
export function linePlan(evidence: Evidence, page = 0, perRequest = MAX_LINES_PER_REQUEST): LinePlan {
  if (evidence.lineRange) {
    const { from, to } = evidence.lineRange;
    const fromLine = from + page * perRequest;
    if (fromLine > to) return { requests: [], keep: null, remaining: 0 };
    const toLine = Math.min(to, fromLine + perRequest - 1);
    return { requests: [{ fromLine, toLine }], keep: null, remaining: to - toLine };
  }
  const lines = [...new Set(evidence.lines ?? [])].filter((n) => Number.isInteger(n) && n > 0).sort((a, b) => a - b);
  const requests: LineRequest[] = [];
  for (const line of lines) {
    const last = requests[requests.length - 1];
    if (last && line - last.fromLine < perRequest) last.toLine = line;
    else requests.push({ fromLine: line, toLine: line });
  }
  return { requests, keep: lines, remaining: 0 };
}
