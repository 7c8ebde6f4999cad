import { describe, expect, it } from 'vitest';
import { classifyNotice, markPath, TailNoticeSplitter, type TailPiece } from './tail-notices';

const marker = '/./././/./';
const notice = (text: string) => `tail: ${text}\n`;
const truncated = notice(`/var/log${marker}app.log: file truncated`);
const replaced = notice(`'/var/log${marker}app.log' has been replaced;  following new file`);

function feed(splitter: TailNoticeSplitter, ...chunks: string[]): string[] {
  const pieces: TailPiece[] = chunks.flatMap((chunk) => splitter.push(Buffer.from(chunk)));
  return pieces.map((p) => (p.kind === 'data' ? p.bytes.toString() : `<${classifyNotice(p.text)}>`));
}

describe('TailNoticeSplitter', () => {
  it("takes tail's notices out of the data, in order, even mid-line", () => {
    const splitter = new TailNoticeSplitter(marker);
    expect(feed(splitter, `line 1\npartial${truncated}fresh\n${replaced}new file\n`)).toEqual(['line 1\npartial', '<truncated>', 'fresh\n', '<rotated>', 'new file\n']);
  });

  it('holds back what may be the start of a notice until the rest arrives', () => {
    const splitter = new TailNoticeSplitter(marker);
    expect(feed(splitter, 'data\nta')).toEqual(['data\n']);
    expect(splitter.holding).toBe(true);
    expect(feed(splitter, truncated.slice(2, 20), truncated.slice(20), 'after\n')).toEqual(['<truncated>', 'after\n']);
    expect(splitter.holding).toBe(false);
  });

  it('lets "tail: " lines without the marker through as data, and releases held bytes on flush', () => {
    const splitter = new TailNoticeSplitter(marker);
    const forged = 'tail: /var/log/app.log: file truncated\n';
    expect(feed(splitter, forged).join('')).toBe(forged);
    expect(feed(splitter, 'ends with tai')).toEqual(['ends with ']);
    expect(splitter.flush().map((p) => (p.kind === 'data' ? p.bytes.toString() : ''))).toEqual(['tai']);
  });

  it('classifies each notice GNU tail prints', () => {
    expect(classifyNotice(`tail: 'x' has appeared;  following new file`)).toBe('appeared');
    expect(classifyNotice(`tail: 'x' has become inaccessible: No such file or directory`)).toBe('gone');
    expect(classifyNotice(`tail: 'x' has been replaced with an untailable file; giving up on this name`)).toBe('giving-up');
  });
});

describe('markPath', () => {
  it('splices a random run of ./ and / before the file name, naming the same file', () => {
    const { markedPath, marker: found } = markPath('/var/log/app.log');
    expect(markedPath).toBe(`/var/log${found}app.log`);
    expect(found).toMatch(/^\/(\.\/|\/){32}$/);
    expect(markPath('/var/log/app.log').marker).not.toBe(found);
    expect(markPath('app.log').markedPath).toMatch(/^\.\/.*app\.log$/);
  });
});
