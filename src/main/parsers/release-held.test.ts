/**
 * GcLogParser.releaseHeld: a live tail that goes quiet gets the collections
 * held back for a line that may amend them, and the lines that come after
 * are neither lost nor counted twice.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusPath, hasCorpus } from '../../../test/helpers/corpus';
import type { GcEvent, ParsedRecord } from '../../shared/gc-event';
import type { GcLogParser, RecordHandler } from './gc-log-parser';
import { JvmLegacyParser } from './jvm-legacy';
import { JvmUnifiedParser } from './jvm-unified/jvm-unified-parser';

type Make = (onRecord: RecordHandler) => GcLogParser;

/** Feeds `lines`, releasing after the first `quietAfter` of them; answers the records, with the count seen at the release. */
function feed(make: Make, lines: string[], quietAfter: number): { records: ParsedRecord[]; atRelease: GcEvent[] } {
  const records: ParsedRecord[] = [];
  const parser = make((r) => records.push(r));
  lines.slice(0, quietAfter).forEach((l, i) => parser.line(l, i + 1));
  parser.releaseHeld?.();
  const atRelease = records.filter((r): r is GcEvent => r.type === 'gc');
  lines.slice(quietAfter).forEach((l, i) => parser.line(l, quietAfter + i + 1));
  parser.end();
  return { records, atRelease };
}

const events = (records: ParsedRecord[]): GcEvent[] => records.filter((r): r is GcEvent => r.type === 'gc');
const unified: Make = (onRecord) => new JvmUnifiedParser('gc.log', onRecord);
const legacy: Make = (onRecord) => new JvmLegacyParser('gc.log', onRecord);

describe('releaseHeld', () => {
  // A Parallel full GC alone: unified logging holds it for a young summary that may enclose it, JDK 8 for its details.
  it.each([
    {
      name: 'unified',
      make: unified,
      lines: [
        '[0.569s][info][gc] GC(1) Pause Full (Ergonomics) 51M->37M(94M) 21.046ms',
        '[0.700s][info][gc] GC(2) Pause Young (Allocation Failure) 60M->40M(94M) 3.500ms',
      ],
      released: { id: 1, kind: 'full', pauseMs: 21.046, heapBeforeBytes: 51 * 2 ** 20, heapAfterBytes: 37 * 2 ** 20 },
    },
    {
      name: 'legacy',
      make: legacy,
      lines: [
        '0.269: [Full GC (Ergonomics) [PSYoungGen: 4096K->0K(55296K)] [ParOldGen: 93741K->67372K(174592K)] 97837K->67372K(229888K), [Metaspace: 3202K->3202K(1056768K)], 0.6862093 secs]',
        ' [Times: user=2.60 sys=0.02, real=0.69 secs] ',
        '1.872: [Full GC (Ergonomics) [PSYoungGen: 4096K->0K(103936K)] [ParOldGen: 169794K->149708K(341504K)] 173890K->149708K(445440K), [Metaspace: 3202K->3202K(1056768K)], 1.3724621 secs]',
      ],
      released: { kind: 'full', pauseMs: 686.2093, heapBeforeBytes: 97837 * 1024 },
    },
  ])('emits a $name Parallel full GC held for a next line, once', ({ make, lines, released }) => {
    const { records, atRelease } = feed(make, lines, 1);
    expect(atRelease).toEqual([expect.objectContaining(released)]);
    expect(records).toEqual(feed(make, lines, lines.length).records);
  });

  it('absorbs the young summary that would have enclosed a released Serial full GC', () => {
    // A young collection that turned into a full one (JDK 11 Serial): one event either way.
    const lines = [
      '[5.643s][info][gc,start     ] GC(3) Pause Young (Allocation Failure)',
      '[5.643s][info][gc,start     ] GC(4) Pause Full (Allocation Failure)',
      '[5.789s][info][gc             ] GC(4) Pause Full (Allocation Failure) 215M->132M(247M) 146.153ms',
      '[5.789s][info][gc             ] GC(3) Pause Young (Allocation Failure) 215M->132M(247M) 146.211ms',
      '[6.000s][info][gc             ] GC(5) Pause Young (Allocation Failure) 140M->132M(247M) 2.000ms',
    ];
    const whole = events(feed(unified, lines, lines.length).records);
    const { records, atRelease } = feed(unified, lines, 3);
    expect(atRelease).toEqual([expect.objectContaining({ id: 4, kind: 'full', pauseMs: 146.153 })]);
    const released = events(records);
    expect(released.map((e) => [e.id, e.kind])).toEqual(whole.map((e) => [e.id, e.kind]));
    // The rule: the released full keeps its own pause, the enclosing one's extra 0.058 ms is not added.
    expect(released[0]!.pauseMs).toBe(146.153);
    expect(whole[0]!.pauseMs).toBe(146.211);
  });

  it.skipIf(!hasCorpus)('releasing after every line of real logs gives the same collections as reading them whole', () => {
    for (const [name, make] of [
      ['jvm/jifa/11GenerationalGCInterleave.log', unified],
      ['jvm/jifa/17ParallelGCParser.log', unified],
      ['jvm/jifa/11SerialGCParser.log', unified],
      ['jvm/jifa/8ParallelGCParser.log', legacy],
      ['jvm/jifa/8G1GCParser.log', legacy],
    ] as const) {
      const lines = readFileSync(corpusPath(name), 'utf8').split('\n');
      const records: ParsedRecord[] = [];
      const parser = make((r) => records.push(r));
      lines.forEach((l, i) => {
        parser.line(l, i + 1);
        parser.releaseHeld?.();
      });
      parser.end();
      const whole = events(feed(make, lines, lines.length).records);
      const key = (e: GcEvent) => [e.id, e.kind, e.startSec];
      expect(events(records).map(key), name).toEqual(whole.map(key));
    }
  });
});
