import { describe, expect, it } from 'vitest';
import { LineSplitter } from './line-splitter';

function split(chunks: Buffer[], maxLineBytes?: number): Array<[string, number]> {
  const lines: Array<[string, number]> = [];
  const splitter = new LineSplitter((text, no) => lines.push([text, no]), maxLineBytes);
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return lines;
}

describe('LineSplitter', () => {
  it('gives the same lines however the bytes are chunked, even mid-character', () => {
    const text = 'gc 1 @0.1s 1%: ünïcödé\r\nsecond line\n\nlast without newline';
    const whole = Buffer.from(text, 'utf8');
    const expected = [
      ['gc 1 @0.1s 1%: ünïcödé', 1],
      ['second line', 2],
      ['', 3],
      ['last without newline', 4],
    ];
    expect(split([whole])).toEqual(expected);
    for (let size = 1; size <= 7; size++) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < whole.length; i += size) chunks.push(whole.subarray(i, i + size));
      expect(split(chunks)).toEqual(expected);
    }
  });

  it('drops a CR split from its LF across chunks', () => {
    expect(split([Buffer.from('a\r'), Buffer.from('\nb')])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });

  it('cuts an overlong line and goes on at the next newline', () => {
    const long = 'x'.repeat(50);
    const lines = split([Buffer.from(long.slice(0, 20)), Buffer.from(long.slice(20) + '\nnext\n')], 16);
    expect(lines).toEqual([
      ['x'.repeat(16), 1],
      ['next', 2],
    ]);
    expect(split([Buffer.from(long + '\nok')], 16)).toEqual([
      ['x'.repeat(16), 1],
      ['ok', 2],
    ]);
  });

  it('offers each line to settle as bytes first, however the bytes are chunked', () => {
    const whole = Buffer.from('x1 ü\r\nkeep\nx2\n\nx3 last', 'utf8');
    for (let size = 1; size <= whole.length; size++) {
      const lines: Array<[string, number]> = [];
      const settled: Array<[string, number]> = [];
      const splitter = new LineSplitter((text, no) => lines.push([text, no]));
      splitter.settle = (bytes, start, end, no) => {
        // The byte at `end` is the line's terminator or past the array, never more of the line.
        expect([10, 13, undefined]).toContain(bytes[end]);
        if (bytes[start] !== 0x78) return false;
        settled.push([Buffer.from(bytes.subarray(start, end)).toString('utf8'), no]);
        return true;
      };
      for (let i = 0; i < whole.length; i += size) splitter.push(whole.subarray(i, i + size));
      splitter.end();
      expect(settled).toEqual([
        ['x1 ü', 1],
        ['x2', 3],
        ['x3 last', 5],
      ]);
      expect(lines).toEqual([
        ['keep', 2],
        ['', 4],
      ]);
      expect(splitter.lines).toBe(5);
    }
  });

  it('emits nothing for empty input', () => {
    expect(split([])).toEqual([]);
    expect(split([Buffer.alloc(0)])).toEqual([]);
  });
});
