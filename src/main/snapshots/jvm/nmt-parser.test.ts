import { describe, expect, it } from 'vitest';
import { looksLikeNmt, parseNmt } from './nmt-parser';

const text = (s: string): Buffer => Buffer.from(s, 'utf8');
const KB = 1024;

/** `jcmd <pid> VM.native_memory summary` on JDK 17, shortened (from the HeapGrowth fixture). */
const SUMMARY_17 = `2328:

Native Memory Tracking:

(Omitting categories weighting less than 1KB)

Total: reserved=1714191KB, committed=124219KB
       malloc: 9783KB #7157
       mmap:   reserved=1704408KB, committed=114436KB

-                 Java Heap (reserved=262144KB, committed=58368KB)
                            (mmap: reserved=262144KB, committed=58368KB) 
 
-                     Class (reserved=1048677KB, committed=229KB)
                            (classes #679)
                            (  instance classes #574, array classes #105)
                            (malloc=101KB #1027) (at peak) 
                            (mmap: reserved=1048576KB, committed=128KB) 
                            (  Metadata:   )
                            (    reserved=65536KB, committed=448KB)
 
-                    Thread (reserved=21559KB, committed=919KB)
                            (thread #21)
                            (stack: reserved=21504KB, committed=864KB)
                            (malloc=32KB #130) (peak=39KB #128) 
                            (arena=23KB #40) (peak=83KB #34)
 
`;

/** `summary.diff` on JDK 17: amounts with signed changes. */
const DIFF_17 = `2328:

Native Memory Tracking:

(Omitting categories weighting less than 1KB)

Total: reserved=1711438KB -2751KB, committed=121470KB -2747KB

-                 Java Heap (reserved=262144KB, committed=58368KB)
                            (mmap: reserved=262144KB, committed=58368KB)
 
-                    Thread (reserved=21559KB, committed=923KB +4KB)
                            (thread #21)
                            (stack: reserved=21504KB, committed=868KB +4KB)
                            (malloc=32KB #130)
 
-    Native Memory Tracking (reserved=122KB, committed=122KB)
                            (malloc=12KB +1KB #193 +21)
                            (tracking overhead=110KB -1KB)
 
-               Arena Chunk (reserved=176KB -2751KB, committed=176KB -2751KB)
                            (malloc=176KB -2751KB)
`;

/** JDK 25's summary and diff lines: tags, peaks and `readonly=`. */
const SUMMARY_25 = `13311:

Native Memory Tracking:

Total: reserved=1706745KB, committed=127465KB
       malloc: 8989KB #8341, peak=16097KB #8473
       mmap:   reserved=1697756KB, committed=118476KB

-                 Java Heap (reserved=262144KB, committed=61440KB)
                            (mmap: reserved=262144KB, committed=61440KB, peak=262144KB)

-    Native Memory Tracking (reserved=153KB, committed=153KB)
                            (malloc=7KB tag=Native Memory Tracking #100) (peak=7KB #101)

-        Shared class space (reserved=16384KB, committed=13908KB, readonly=0KB)
                            (mmap: reserved=16384KB, committed=13908KB, peak=14116KB)
`;

describe('NMT parser', () => {
  it('reads a JDK 17 summary in bytes, with malloc, mmap, stack and arena', () => {
    const nmt = parseNmt(text(SUMMARY_17), 'nmt.txt');
    expect(nmt).toMatchObject({ kind: 'nmt', pid: 2328, isDiff: false, unknownLineCount: 0 });
    expect(nmt.total).toEqual({ reservedBytes: 1714191 * KB, committedBytes: 124219 * KB });
    expect(nmt.categories.map((c) => c.name)).toEqual(['Java Heap', 'Class', 'Thread']);
    expect(nmt.categories[0]).toEqual({
      name: 'Java Heap',
      reservedBytes: 262144 * KB,
      committedBytes: 58368 * KB,
      mmap: { reservedBytes: 262144 * KB, committedBytes: 58368 * KB },
      details: [],
    });
    expect(nmt.categories[1]).toMatchObject({ mallocBytes: 101 * KB, mallocCount: 1027, mmap: { committedBytes: 128 * KB } });
    expect(nmt.categories[1]?.details).toEqual([
      '(classes #679)',
      '(  instance classes #574, array classes #105)',
      '(  Metadata:   )',
      '(    reserved=65536KB, committed=448KB)',
    ]);
    expect(nmt.categories[2]).toMatchObject({
      stack: { reservedBytes: 21504 * KB, committedBytes: 864 * KB },
      mallocBytes: 32 * KB,
      mallocCount: 130,
      arenaBytes: 23 * KB,
      details: ['(thread #21)'],
    });
  });

  it('reads summary.diff with its signed changes', () => {
    const nmt = parseNmt(text(DIFF_17), 'diff.txt');
    expect(nmt.isDiff).toBe(true);
    expect(nmt.total).toEqual({ reservedBytes: 1711438 * KB, reservedDeltaBytes: -2751 * KB, committedBytes: 121470 * KB, committedDeltaBytes: -2747 * KB });
    const [heap, thread, tracking, arena] = nmt.categories;
    expect(heap?.committedDeltaBytes).toBeUndefined();
    expect(thread).toMatchObject({ committedBytes: 923 * KB, committedDeltaBytes: 4 * KB, stack: { committedBytes: 868 * KB, committedDeltaBytes: 4 * KB } });
    expect(tracking).toMatchObject({ mallocBytes: 12 * KB, mallocDeltaBytes: KB, mallocCount: 193, details: ['(tracking overhead=110KB -1KB)'] });
    expect(arena).toMatchObject({ reservedDeltaBytes: -2751 * KB, committedDeltaBytes: -2751 * KB, mallocBytes: 176 * KB, mallocDeltaBytes: -2751 * KB });
  });

  it('reads JDK 25 lines with tags, peaks and extra fields', () => {
    const nmt = parseNmt(text(SUMMARY_25), 'nmt25.txt');
    expect(nmt.unknownLineCount).toBe(0);
    expect(nmt.categories.map((c) => [c.name, c.committedBytes, c.mmap?.committedBytes, c.mallocCount])).toEqual([
      ['Java Heap', 61440 * KB, 61440 * KB, undefined],
      ['Native Memory Tracking', 153 * KB, undefined, 100],
      ['Shared class space', 13908 * KB, 13908 * KB, undefined],
    ]);
  });

  it('turns every scale into bytes', () => {
    const nmt = parseNmt(text('Total: reserved=1671MB, committed=119MB\n-  Java Heap (reserved=1GB, committed=512B)\n'), 'mb.txt');
    expect(nmt.total).toEqual({ reservedBytes: 1671 * 1024 ** 2, committedBytes: 119 * 1024 ** 2 });
    expect(nmt.categories[0]).toMatchObject({ reservedBytes: 1024 ** 3, committedBytes: 512 });
  });

  it('explains an NMT that is switched off', () => {
    expect(() => parseNmt(text('4242:\nNative memory tracking is not enabled\n'), 'off.txt')).toThrow(
      'off.txt: the JVM says "Native memory tracking is not enabled"; start it with -XX:NativeMemoryTracking=summary to read NMT',
    );
  });

  it('says where a summary cut mid-line ends', () => {
    const cut = SUMMARY_17.indexOf('committed=58368KB)') + 12;
    expect(() => parseNmt(text(SUMMARY_17.slice(0, cut)), 'cut.txt')).toThrow(`cut.txt: the NMT summary is cut mid-line at byte ${cut} (line 11)`);
  });

  it('rejects text without a Total line', () => {
    expect(() => parseNmt(text('hello\n'), 'x.txt')).toThrow('x.txt is not an NMT summary: found no `Total: reserved=…, committed=…` line; it starts with "hello"');
  });

  it('counts stray lines', () => {
    const nmt = parseNmt(text(SUMMARY_17.replace('-                    Thread', 'stray text\n-                    Thread')), 'stray.txt');
    expect(nmt.unknownLineCount).toBe(1);
    expect(nmt.unknownLines[0]?.text).toBe('stray text');
  });

  it('sniffs', () => {
    expect(looksLikeNmt(SUMMARY_17)).toBe(true);
    expect(looksLikeNmt(DIFF_17)).toBe(true);
    expect(looksLikeNmt(' num     #instances         #bytes  class name\n')).toBe(false);
  });
});
