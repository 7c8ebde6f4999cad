/**
 * How verify says what differs between a report and the report its
 * artifacts give: the embedded analysis compared value by value, and the
 * page's numbers (`data-n` elements) compared by name, each difference
 * named the way a reader finds it on the page ("finding F1 (memory-leak),
 * slopeBytesPerSec").
 */
import type { AnalysisResult } from '../../shared/analysis';
import { unescapeHtml } from './html';

type Path = Array<string | number>;

export interface ValueDifference {
  path: Path;
  stated: unknown;
  derived: unknown;
}

/** Every leaf where two JSON values differ (after a JSON round trip, as the report stores them). */
export function jsonDifferences(stated: unknown, derived: unknown, path: Path = [], out: ValueDifference[] = []): ValueDifference[] {
  if (Object.is(stated, derived)) return out;
  const bothArrays = Array.isArray(stated) && Array.isArray(derived);
  const bothObjects = !bothArrays && isObject(stated) && isObject(derived);
  if (bothArrays) {
    const a = stated as unknown[];
    const b = derived as unknown[];
    for (let i = 0; i < Math.max(a.length, b.length); i++) jsonDifferences(a[i], b[i], [...path, i], out);
  } else if (bothObjects) {
    const a = stated as Record<string, unknown>;
    const b = derived as Record<string, unknown>;
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])]) jsonDifferences(a[key], b[key], [...path, key], out);
  } else {
    out.push({ path, stated, derived });
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

const show = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));

/** "finding F2 (leak-localised), metrics.topDeltaBytes" for a path into an AnalysisResult. */
export function describeAnalysisPath(path: Path, findings: AnalysisResult['findings']): string {
  const [head, ...rest] = path;
  if (head === 'findings' && typeof rest[0] === 'number') {
    const f = findings[rest[0]];
    return `finding F${rest[0] + 1}${f ? ` (${f.rule})` : ''}${rest.length > 1 ? `, ${rest.slice(1).join('.')}` : ''}`;
  }
  if (head === 'metrics') return `metrics table, ${rest.join('.')}`;
  if (head === 'verdict' || head === 'confidence' || head === 'summary') return `verdict, ${head}`;
  return path.join('.');
}

export function describeValueDifference(d: ValueDifference, findings: AnalysisResult['findings']): string {
  return `${describeAnalysisPath(d.path, findings)}: the report's data says ${show(d.stated)}, the artifacts give ${show(d.derived)}`;
}

/** The page name of a `data-n` id: `f1.memory-leak.slopeBytesPerSec` -> "finding F1 (memory-leak), slopeBytesPerSec". */
export function describeNumber(id: string): string {
  const finding = /^f(\d+)\.([a-z0-9-]+)\.(.+)$/.exec(id);
  if (finding) return `finding F${finding[1]} (${finding[2]}), ${finding[3]}`;
  if (id.startsWith('metrics.')) return `metrics table, ${id.slice('metrics.'.length)}`;
  if (id.startsWith('verdict.')) return `verdict, ${id.slice('verdict.'.length)}`;
  const diff = /^diff(\d+)\.(.+)$/.exec(id);
  if (diff) return `snapshot diff ${diff[1]}, ${diff[2]}`;
  const evidence = /^ev-(.+?)\.(.+)$/.exec(id);
  if (evidence) return `evidence ${evidence[1]}, ${evidence[2]}`;
  if (id.startsWith('notes.')) return `note ${id.slice('notes.'.length)}`;
  return id;
}

const NAMED = /<(a|span)\b[^>]*?\bdata-n="([^"]*)"[^>]*>([^<]*)<\/\1>/g;

/** Every named value on a page, by name, as shown (text unescaped). */
export function namedValues(page: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of page.matchAll(NAMED)) out.set(unescapeHtml(m[2]!), unescapeHtml(m[3]!));
  return out;
}

/** The stated page with each named element replaced by the derived page's element of that name (to find edits elsewhere). */
export function withDerivedValues(stated: string, derived: string): string {
  const elements = new Map<string, string>();
  for (const m of derived.matchAll(NAMED)) elements.set(m[2]!, m[0]);
  return stated.replace(NAMED, (element, _tag: string, id: string) => elements.get(id) ?? element);
}

export function numberDifferences(stated: string, derived: string): string[] {
  const a = namedValues(stated);
  const b = namedValues(derived);
  const out: string[] = [];
  for (const [id, text] of b) {
    const shown = a.get(id);
    if (shown === undefined) out.push(`${describeNumber(id)}: missing from the report, the artifacts give "${text}"`);
    else if (shown !== text) out.push(`${describeNumber(id)}: the report shows "${shown}", the artifacts give "${text}"`);
  }
  for (const [id, text] of a) if (!b.has(id)) out.push(`${describeNumber(id)}: the report shows "${text}", which the artifacts do not give`);
  return out;
}

/** The first line where two texts differ, shown both ways, or null when they are the same. */
export function firstLineDifference(stated: string, derived: string): string | null {
  if (stated === derived) return null;
  const a = stated.split('\n');
  const b = derived.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const clip = (s: string | undefined) => (s === undefined ? '(end of file)' : s.length > 200 ? `${s.slice(0, 200)}…` : s);
  return `line ${i + 1}: the report has ${JSON.stringify(clip(a[i]))}, the artifacts give ${JSON.stringify(clip(b[i]))}`;
}
