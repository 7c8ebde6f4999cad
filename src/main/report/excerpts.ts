/**
 * The raw lines a report quotes: for each line a finding cites, that line
 * and a few around it, read from the artifact exactly as the parser
 * numbered it (same line splitting, gzip undone), all of an artifact's
 * lines in one pass (core/file-lines reads one range for the app). Bounded: at most
 * MAX_CITED cited lines per evidence item, CONTEXT lines either side, and
 * each line cut at MAX_LINE_CHARS.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Evidence } from '../../shared/analysis';
import { startsWithGzipMagic } from '../core/gc-log-reader';
import { LineSplitter } from '../parsers/line-splitter';

export const MAX_CITED = 8;
export const CONTEXT = 2;
export const MAX_LINE_CHARS = 400;

export interface ExcerptLine {
  no: number;
  text: string;
  cited: boolean;
}

export interface Excerpt {
  /** Runs of consecutive lines; a gap between runs is shown as such. */
  blocks: ExcerptLine[][];
  /** Cited lines quoted, of how many the evidence names. */
  shownCited: number;
  totalCited: number;
  /** The evidence is a span of lines (its first and last are quoted), not a list. */
  span: boolean;
}

/** The cited lines an evidence item gets quoted: the first MAX_CITED of its lines (a span: its first and last). */
function citedLines(evidence: Evidence): number[] {
  return (evidence.lines ?? []).slice(0, MAX_CITED);
}

/** Every line to read for one evidence item: the cited ones and their context. */
export function excerptLines(evidence: Evidence): number[] {
  return citedLines(evidence).flatMap((line) => Array.from({ length: 2 * CONTEXT + 1 }, (_, i) => line - CONTEXT + i).filter((n) => n >= 1));
}

export class ArtifactLines {
  constructor(private readonly lines: ReadonlyMap<number, string>) {}

  pick(evidence: Evidence): Excerpt | null {
    const cited = citedLines(evidence);
    if (cited.length === 0) return null;
    const citedSet = new Set(cited);
    const numbers = [...new Set(excerptLines(evidence))].filter((n) => this.lines.has(n)).sort((a, b) => a - b);
    const blocks: ExcerptLine[][] = [];
    for (const no of numbers) {
      const line = { no, text: this.lines.get(no)!, cited: citedSet.has(no) };
      const last = blocks[blocks.length - 1];
      if (last && last[last.length - 1]!.no === no - 1) last.push(line);
      else blocks.push([line]);
    }
    const span = evidence.lineRange !== undefined && evidence.lineRange.from !== evidence.lineRange.to;
    const totalCited = span ? evidence.lineRange!.to - evidence.lineRange!.from + 1 : (evidence.lines?.length ?? 0);
    return { blocks, shownCited: cited.length, totalCited, span };
  }
}

async function readLines(path: string, wanted: ReadonlySet<number>): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  const last = Math.max(...wanted);
  const splitter = new LineSplitter((text, no) => {
    if (wanted.has(no)) found.set(no, text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS)}…` : text);
  });
  const raw = createReadStream(path);
  const stream = (await startsWithGzipMagic(path)) ? raw.pipe(createGunzip()) : raw;
  raw.on('error', (err) => stream.destroy(err));
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    splitter.push(chunk);
    if (splitter.lines > last) break;
  }
  raw.destroy();
  splitter.end();
  return found;
}

/** Per artifact path, the wanted lines read from its file (`files`: path on disk by artifact path). */
export async function readExcerpts(files: ReadonlyMap<string, string>, wanted: ReadonlyMap<string, number[]>): Promise<Map<string, ArtifactLines>> {
  const out = new Map<string, ArtifactLines>();
  for (const [artifact, lines] of [...wanted].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const path = files.get(artifact);
    if (!path || lines.length === 0) continue;
    out.set(artifact, new ArtifactLines(await readLines(path, new Set(lines))));
  }
  return out;
}
