/**
 * Sums the findings up: leak, no leak or inconclusive, with one sentence.
 * The floor trend decides for the heap; a goroutine leak is a leak whatever
 * the heap does (a few hundred bytes a goroutine hide in a big heap's noise);
 * with snapshot diffs, the culprit is named in the same sentence.
 */
import type { Finding, Severity, Verdict } from '../../shared/analysis';
import { formatBytes } from './format';
import type { LeakAssessment } from './rules/leak-rule';

const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/** The findings the verdict itself rests on lead among equals. */
const LEAK_RULES = new Set(['memory-leak', 'goroutine-leak', 'leak-localised']);

/** Most severe first, the leak's own findings first among equals, then most confident, then by rule name: a stable order for reports and tests. */
export function sortFindings(findings: Finding[]): Finding[] {
  const leakFirst = (f: Finding) => (LEAK_RULES.has(f.rule) ? 0 : 1);
  return [...findings].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || leakFirst(a) - leakFirst(b) || b.confidence - a.confidence || a.rule.localeCompare(b.rule),
  );
}

function clause(title: string): string {
  const trimmed = title.replace(/\.$/, '');
  return trimmed.charAt(0).toLowerCase() + trimmed.slice(1);
}

export function decideVerdict(leak: LeakAssessment, findings: Finding[]): Verdict {
  const goroutines = sortFindings(findings.filter((f) => f.rule === 'goroutine-leak' && f.severity !== 'info'));
  const culprit = sortFindings(findings.filter((f) => f.rule === 'leak-localised' && f.severity === 'critical'))[0];
  const culpritRow = culprit?.evidence[0]?.rows?.[0];
  const named = culprit && culpritRow ? `; ${culpritRow} grew ${formatBytes(culprit.metrics['topDeltaBytes'] as number)} between the snapshots` : '';
  if (goroutines.length > 0) {
    const g = goroutines[0]!;
    const heap = leak.verdict === 'leak' ? `, and ${clause(leak.summary.replace(/^Leak: /, ''))}` : '';
    return { verdict: 'leak', confidence: Math.max(g.confidence, leak.verdict === 'leak' ? leak.confidence : 0), summary: `Leak: ${clause(g.title)}${heap}.` };
  }
  if (leak.verdict === 'leak' && named) return { ...leak, summary: `${leak.summary.replace(/\.$/, '')}${named}.` };
  return { verdict: leak.verdict, confidence: leak.confidence, summary: leak.summary };
}
