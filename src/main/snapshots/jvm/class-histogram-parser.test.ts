import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusPath, hasCorpus } from '../../../../test/helpers/corpus';
import { GclensError } from '../../../shared/result';
import { looksLikeClassHistogram, parseClassHistogram } from './class-histogram-parser';

const text = (s: string): Buffer => Buffer.from(s, 'utf8');

/** The shape `jcmd <pid> GC.class_histogram` prints on JDK 17 (rows from the HeapGrowth fixture). */
const JCMD_17 = `Picked up JAVA_TOOL_OPTIONS: -Dfile.encoding=UTF-8
2328:
 num     #instances         #bytes  class name (module)
-------------------------------------------------------
   1:        190000       13680000  LeakedRecord
   2:        197370        6419272  [B (java.base@17.0.15)
   3:        190995        6111840  java.util.HashMap$Node (java.base@17.0.15)
   4:           258         548000  [Ljava.util.HashMap$Node; (java.base@17.0.15)
 217:             1             24  java.lang.ProcessHandleImpl$$Lambda$2/0x00007f9e58041898 (java.base@17.0.15)
Total        388624       26759136
`;

/** JDK 8's `jmap -histo`: no module column. */
const JMAP_8 = ` num     #instances         #bytes  class name
----------------------------------------------
   1:         11339        1019624  [C
   2:          2378         268592  java.lang.Class
   3:            12           1024  [[I
Total         13729        1289240
`;

describe('class histogram parser', () => {
  it('reads jcmd GC.class_histogram of JDK 9+ with its pid line, launcher noise, module column and Total', () => {
    const snapshot = parseClassHistogram(text(JCMD_17), 'h.txt');
    expect(snapshot).toMatchObject({ kind: 'class-histogram', pid: 2328, hasModuleColumn: true, hasTotalLine: true, unknownLineCount: 0 });
    expect(snapshot.totalInstances).toBe(388624);
    expect(snapshot.totalBytes).toBe(26759136);
    expect(snapshot.classes).toHaveLength(5);
    expect(snapshot.classes[0]).toEqual({ name: 'LeakedRecord', readableName: 'LeakedRecord', instances: 190000, bytes: 13680000 });
    expect(snapshot.classes[1]).toEqual({ name: '[B', readableName: 'byte[]', module: 'java.base@17.0.15', instances: 197370, bytes: 6419272 });
    expect(snapshot.classes[3]?.readableName).toBe('java.util.HashMap$Node[]');
    expect(snapshot.classes[4]?.name).toBe('java.lang.ProcessHandleImpl$$Lambda$2/0x00007f9e58041898');
  });

  it('reads JDK 8 jmap -histo without the module column', () => {
    const snapshot = parseClassHistogram(text(JMAP_8), 'jmap8.txt');
    expect(snapshot).toMatchObject({ pid: null, hasModuleColumn: false, hasTotalLine: true, totalInstances: 13729, totalBytes: 1289240 });
    expect(snapshot.classes.map((c) => [c.name, c.readableName, c.module])).toEqual([
      ['[C', 'char[]', undefined],
      ['java.lang.Class', 'java.lang.Class', undefined],
      ['[[I', 'int[][]', undefined],
    ]);
  });

  it('reads CRLF line ends', () => {
    const snapshot = parseClassHistogram(text(JMAP_8.replaceAll('\n', '\r\n')), 'crlf.txt');
    expect(snapshot.classes[0]?.name).toBe('[C');
    expect(snapshot.totalBytes).toBe(1289240);
  });

  it('counts and keeps lines it does not understand', () => {
    const snapshot = parseClassHistogram(text(JMAP_8.replace('Total', 'Something odd\nTotal')), 'odd.txt');
    expect(snapshot.unknownLineCount).toBe(1);
    expect(snapshot.unknownLines).toEqual([{ lineNo: 6, text: 'Something odd' }]);
  });

  it('sums the rows when there is no Total line', () => {
    const snapshot = parseClassHistogram(text(JMAP_8.slice(0, JMAP_8.indexOf('Total'))), 'cut.txt');
    expect(snapshot).toMatchObject({ hasTotalLine: false, totalInstances: 11339 + 2378 + 12, totalBytes: 1019624 + 268592 + 1024 });
  });

  it('says where a histogram cut mid-line ends', () => {
    const cut = JMAP_8.indexOf('java.lang.Class') + 8;
    try {
      parseClassHistogram(text(JMAP_8.slice(0, cut)), 'cut.txt');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(GclensError);
      expect((err as GclensError).kind).toBe('unsupported-format');
      expect((err as GclensError).message).toBe(`cut.txt: the histogram is cut mid-line at byte ${cut} (line 4: "   2:          2378         268592  java.lan")`);
    }
  });

  it('accepts a Total line the file does not end with a newline, if it is the sum of the rows', () => {
    expect(parseClassHistogram(text(JMAP_8.trimEnd()), 'no-eol.txt').totalBytes).toBe(1289240);
    const cut = JMAP_8.trimEnd().slice(0, -3);
    expect(() => parseClassHistogram(text(cut), 'cut-total.txt')).toThrow(`cut-total.txt: the histogram is cut mid-line at byte ${cut.length} (line 6: "Total         13729        1289")`);
  });

  it('rejects text that is not a histogram, quoting its start', () => {
    expect(() => parseClassHistogram(text('2328:\ncom.sun.tools.attach.AttachNotSupportedException: Unable to open socket file\n'), 'err.txt')).toThrow(
      /err\.txt is not a class histogram.*starts with "com\.sun\.tools\.attach\.AttachNotSupportedException/,
    );
    expect(() => parseClassHistogram(text(''), 'empty.txt')).toThrow(/empty\.txt is not a class histogram/);
  });

  it('sniffs the header', () => {
    expect(looksLikeClassHistogram(JCMD_17)).toBe(true);
    expect(looksLikeClassHistogram(JMAP_8)).toBe(true);
    expect(looksLikeClassHistogram('Native Memory Tracking:\n')).toBe(false);
  });
});

describe.skipIf(!hasCorpus)('class histogram parser on the shared corpus', () => {
  it('reads the JDK 21 jcmd fragment from jstall', () => {
    const file = corpusPath('histo/jstall/jcmd-GC.class_histogram-jdk21.0.9-fragment.txt');
    const snapshot = parseClassHistogram(readFileSync(file), 'jdk21-fragment.txt');
    expect(snapshot).toMatchObject({ pid: 1631, hasModuleColumn: true, hasTotalLine: false, unknownLineCount: 0 });
    expect(snapshot.classes.map((c) => [c.name, c.readableName, c.module, c.instances, c.bytes])).toEqual([
      ['[B', 'byte[]', 'java.base@21.0.9', 2438780, 332349064],
      ['[I', 'int[]', 'java.base@21.0.9', 782447, 233926064],
      ['[Ljdk.internal.vm.FillerElement;', 'jdk.internal.vm.FillerElement[]', 'java.base@21.0.9', 22611, 93029504],
      ['java.util.Hashtable$Entry', 'java.util.Hashtable$Entry', 'java.base@21.0.9', 2187014, 69984448],
    ]);
    expect(snapshot.totalInstances).toBe(5430852);
    expect(snapshot.totalBytes).toBe(729289080);
  });
});
