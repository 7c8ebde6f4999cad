import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { Evidence } from '../../shared/analysis';
import { excerptLines, MAX_CITED, MAX_LINE_CHARS, readExcerpts } from './excerpts';

const dir = mkdtempSync(join(tmpdir(), 'gclens-excerpts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const text = Array.from({ length: 40 }, (_, i) => (i === 20 ? 'x'.repeat(1000) : `line ${i + 1}`)).join('\r\n') + '\r\n';
writeFileSync(join(dir, 'plain.log'), text);
writeFileSync(join(dir, 'packed.log.gz'), gzipSync(text));

describe('excerpts', () => {
  it('quotes each cited line with two lines either side, numbered as the parser numbers them, gzip or not', async () => {
    const evidence: Evidence = { artifact: 'raw/a', lines: [1, 10, 12], what: '' };
    for (const file of ['plain.log', 'packed.log.gz']) {
      const excerpts = await readExcerpts(new Map([['raw/a', join(dir, file)]]), new Map([['raw/a', excerptLines(evidence)]]));
      const excerpt = excerpts.get('raw/a')!.pick(evidence)!;
      expect(excerpt.blocks.map((b) => b.map((l) => `${l.no}${l.cited ? '*' : ''}:${l.text}`))).toEqual([
        ['1*:line 1', '2:line 2', '3:line 3'],
        ['8:line 8', '9:line 9', '10*:line 10', '11:line 11', '12*:line 12', '13:line 13', '14:line 14'],
      ]);
      expect(excerpt).toMatchObject({ shownCited: 3, totalCited: 3, span: false });
    }
  });

  it('is bounded: the first MAX_CITED lines of a long list, a span by its ends, long lines cut', async () => {
    const many: Evidence = { artifact: 'raw/a', lines: Array.from({ length: 20 }, (_, i) => i + 1), what: '' };
    expect(new Set(excerptLines(many)).size).toBe(MAX_CITED + 2);
    const span: Evidence = { artifact: 'raw/a', lineRange: { from: 19, to: 40 }, lines: [19, 40], what: '' };
    const excerpts = await readExcerpts(new Map([['raw/a', join(dir, 'plain.log')]]), new Map([['raw/a', excerptLines(span)]]));
    const excerpt = excerpts.get('raw/a')!.pick(span)!;
    expect(excerpt).toMatchObject({ shownCited: 2, totalCited: 22, span: true });
    const long = excerpt.blocks[0]!.find((l) => l.no === 21)!;
    expect(long.text).toHaveLength(MAX_LINE_CHARS + 1);
    expect(long.text.endsWith('…')).toBe(true);
    expect(excerpt.blocks[1]!.map((l) => l.no)).toEqual([38, 39, 40]); // past the end there is nothing to quote
  });
});
