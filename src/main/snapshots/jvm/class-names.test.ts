import { describe, expect, it } from 'vitest';
import { binaryNameFromInternal, readableClassName } from './class-names';

describe('class names', () => {
  it('spells array descriptors as Java source does', () => {
    expect(readableClassName('[B')).toBe('byte[]');
    expect(readableClassName('[Z')).toBe('boolean[]');
    expect(readableClassName('[[J')).toBe('long[][]');
    expect(readableClassName('[Ljava.lang.Object;')).toBe('java.lang.Object[]');
    expect(readableClassName('[[Ljava.util.HashMap$Node;')).toBe('java.util.HashMap$Node[][]');
  });

  it('leaves other names, and descriptors that are not well formed, as they are', () => {
    expect(readableClassName('java.lang.String')).toBe('java.lang.String');
    expect(readableClassName('[Q')).toBe('[Q');
    expect(readableClassName('[L;')).toBe('[L;');
    expect(readableClassName('[')).toBe('[');
  });

  it("turns HPROF's internal names into the histogram's", () => {
    expect(binaryNameFromInternal('java/util/HashMap$Node')).toBe('java.util.HashMap$Node');
    expect(binaryNameFromInternal('[Ljava/lang/Object;')).toBe('[Ljava.lang.Object;');
    expect(binaryNameFromInternal('java/lang/ProcessHandleImpl$$Lambda$2+0x00007f9e58041898')).toBe(
      'java.lang.ProcessHandleImpl$$Lambda$2/0x00007f9e58041898',
    );
    expect(binaryNameFromInternal('[LFoo$$Lambda$1+0x0000000800c01234;')).toBe('[LFoo$$Lambda$1/0x0000000800c01234;');
  });
});
