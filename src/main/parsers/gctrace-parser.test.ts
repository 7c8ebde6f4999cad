import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GcEvent, ParsedRecord, UnknownRecord } from '../../shared/gc-event';
import { corpusPath, hasCorpus } from '../../../test/helpers/corpus';
import { GctraceParser } from './gctrace-parser';

const MIB = 1024 * 1024;

function parse(text: string): { events: GcEvent[]; unknown: UnknownRecord[]; parser: GctraceParser } {
  const records: ParsedRecord[] = [];
  const parser = new GctraceParser('test.log', (r) => records.push(r));
  text.split('\n').forEach((line, i) => parser.line(line, i + 1));
  parser.end();
  return {
    events: records.filter((r): r is GcEvent => r.type === 'gc'),
    unknown: records.filter((r): r is UnknownRecord => r.type === 'unknown'),
    parser,
  };
}

describe('GctraceParser, one line of each era', () => {
  it('reads a Go 1.18+ line: pause is the first plus the third clock time', () => {
    const [e] = parse(
      'gc 1 @0.009s 4%: 0.072+1.5+0.004 ms clock, 0.28+0.71/1.1/0.050+0.016 ms cpu, 4->4->0 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 4 P',
    ).events;
    expect(e).toMatchObject({
      runtime: 'go',
      collector: 'go',
      id: 1,
      startSec: 0.009,
      gcCpuPercent: 4,
      heapBeforeBytes: 4 * MIB,
      heapAfterBytes: 4 * MIB,
      liveBytes: 0,
      goalBytes: 4 * MIB,
      stacksBytes: 0,
      globalsBytes: 0,
      procs: 4,
      forced: false,
      source: { file: 'test.log', line: 1 },
    });
    expect(e!.pauseMs).toBeCloseTo(0.076, 12);
    expect(e!.concurrentMs).toBeCloseTo(1.5, 12);
  });

  it('marks (forced) collections', () => {
    const [e] = parse(
      'gc 12 @3.456s 2%: 0.10+2.0+0.25 ms clock, 0.4+0/1.9/3.1+1.0 ms cpu, 24->25->12 MB, 48 MB goal, 1 MB stacks, 3 MB globals, 8 P (forced)',
    ).events;
    expect(e).toMatchObject({ id: 12, forced: true, cause: 'forced', heapBeforeBytes: 24 * MIB, liveBytes: 12 * MIB, stacksBytes: MIB, globalsBytes: 3 * MIB, procs: 8 });
    expect(e!.pauseMs).toBeCloseTo(0.35, 12);
  });

  it('reads a Go 1.6–1.17 line without stacks and globals', () => {
    const [e] = parse('gc 2 @0.073s 0%: 0+4.8+0.93 ms clock, 0+0.97/4.8/0+3.7 ms cpu, 4->4->2 MB, 5 MB goal, 4 P').events;
    expect(e).toMatchObject({ id: 2, startSec: 0.073, stacksBytes: null, globalsBytes: null, goalBytes: 5 * MIB, liveBytes: 2 * MIB });
    expect(e!.pauseMs).toBeCloseTo(0.93, 12);
  });

  it('reads Go 1.5 five-phase lines: the first and last phases stop the world', () => {
    const [e] = parse('gc 1 @0.009s 1%: 0.059+0.17+0.005+0.24+0.12 ms clock, 0.17+0.17+0+0/0.36/0.067+0.38 ms cpu, 5->5->3 MB, 4 MB goal, 8 P').events;
    expect(e!.pauseMs).toBeCloseTo(0.179, 12);
    expect(e!.concurrentMs).toBeCloseTo(0.415, 12);
  });

  it('reads Go 1.3/1.4 microsecond lines and Go 1.0–1.2 millisecond lines with no clock', () => {
    const { events } = parse(
      [
        'gc4(2): 755+4+10745+2 us, 0 -> 0 MB, 2361 (2608-247) objects, 52/8/0 sweeps, 1(2) handoff, 6(114) steal, 16/10/14 yields',
        'gc4(2): 1+0+0 ms 5 -> 4 MB 40490 -> 9335 (46947-37612) objects 452 handoff',
      ].join('\n'),
    );
    expect(events[0]!.pauseMs).toBeCloseTo(11.506, 12);
    expect(events[0]).toMatchObject({ id: 4, procs: 2, startSec: null });
    expect(events[1]).toMatchObject({ pauseMs: 1, heapBeforeBytes: 5 * MIB, heapAfterBytes: 4 * MIB, startSec: null });
  });

  it('finds lines behind prefixes: timestamps, journald, Docker JSON', () => {
    const line = 'gc 7 @1.5s 3%: 0.1+2+0.2 ms clock, 0.4+1/2/3+0.8 ms cpu, 10->11->5 MB, 12 MB goal, 0 MB stacks, 0 MB globals, 2 P';
    const { events } = parse(
      [
        `2026-11-26T01:02:03.456Z ${line}`,
        `Nov 26 01:02:03 box app[123]: ${line}`,
        JSON.stringify({ log: `${line}\n`, stream: 'stderr', time: '2026-11-26T01:02:03.456Z' }),
      ].join('\n'),
    );
    expect(events.map((e) => e.id)).toEqual([7, 7, 7]);
    expect(events.every((e) => Math.abs(e.pauseMs - 0.3) < 1e-12)).toBe(true);
  });

  it('counts pacer, scavenger and GC forced lines without making events, and ignores application output', () => {
    const { events, unknown, parser } = parse(
      [
        'pacer: assist ratio=+1.232155e+000 (scan 1 MB in 70->71 MB) workers=2+0',
        'scvg0: inuse: 49, idle: 3, sys: 52, released: 0, consumed: 52 (MB)',
        'scav 0 KiB work (bg), 0 KiB work (eager), 12 KiB total, 98% util',
        'GC forced',
        'gc 3 @120.1s 0%: 0.02+1.0+0.01 ms clock, 0.1+0/0.5/1+0.04 ms cpu, 3->3->1 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 4 P',
        'INFO serving requests on :8080',
      ].join('\n'),
    );
    expect(parser.recognised).toEqual({ pacer: 1, scavenger: 2, 'forced-notice': 1 });
    expect(unknown).toEqual([]);
    expect(events).toHaveLength(1);
    expect(events[0]!.forced).toBe(true);
  });

  it('starts a new run when the GC number goes back, as when a service restarts into the same file', () => {
    const line = (n: number, t: string) => `gc ${n} @${t}s 1%: 0.1+1+0.1 ms clock, 0.1+0/1/1+0.1 ms cpu, 4->4->2 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 4 P`;
    const records: ParsedRecord[] = [];
    const parser = new GctraceParser('two-runs.log', (r) => records.push(r));
    [line(1, '0.1'), line(2, '0.5'), line(1, '0.2'), line(2, '0.9')].forEach((l, i) => parser.line(l, i + 1));
    expect(records.map((r) => (r.type === 'gc' ? `gc ${r.id}` : r.type === 'run-start' ? `run ${r.run} at ${r.source.line}` : r.type))).toEqual([
      'gc 1',
      'gc 2',
      'run 1 at 3',
      'gc 1',
      'gc 2',
    ]);
  });

  it('keeps a truncated or garbled gc line as unknown, with its line number', () => {
    const { events, unknown } = parse(['gc 9 @1.0s 1%: 0.1+0.2+0.3 ms clock, 0.1+0.1/0.1/0', 'gc 10 @1.1s 1%: 0.1..2+0.2+0.3 ms clock, 0.1+0/0/0+0 ms cpu, 1->1->1 MB, 4 MB goal, 4 P'].join('\n'));
    expect(events).toEqual([]);
    expect(unknown.map((u) => u.source.line)).toEqual([1, 2]);
  });
});

// Expected values were worked out from the raw files with grep and awk
// (count of gc lines; sum of first+third clock times, or of all phases before
// Go 1.5), not from this parser.
const corpus: Array<[string, number, number, Record<string, number>]> = [
  ['ardanlabs-gotraining/gctrace-gcpacertrace-sample.txt', 1, 0.089, { pacer: 3, scavenger: 0, 'forced-notice': 0 }],
  ['ardanlabs-gotraining/gctrace-go1.5-format.txt', 4, 0.541, { pacer: 0, scavenger: 0, 'forced-notice': 0 }],
  ['gcviewer/go1.9.txt', 635, 220.86, { pacer: 0, scavenger: 3, 'forced-notice': 0 }],
  ['gcvis/go15_stderr.log', 130, 92.827, { pacer: 0, scavenger: 0, 'forced-notice': 0 }],
  ['log2csv/testdata_go_1_0_3.log', 47, 267, { pacer: 0, scavenger: 0, 'forced-notice': 0 }],
  ['log2csv/testdata_go_1_1.log', 56, 1873, { pacer: 0, scavenger: 0, 'forced-notice': 0 }],
  ['log2csv/testdata_go_1_2.log', 64, 252, { pacer: 0, scavenger: 0, 'forced-notice': 0 }],
  ['log2csv/testdata_go_1_3.log', 57, 174.437, { pacer: 0, scavenger: 0, 'forced-notice': 0 }],
  ['log2csv/testdata_go_1_4.log', 70, 441.939, { pacer: 0, scavenger: 0, 'forced-notice': 0 }],
  ['tebeka-gctrace/map.gctrace', 95, 9.4, { pacer: 0, scavenger: 0, 'forced-notice': 0 }],
];

describe.skipIf(!hasCorpus)('GctraceParser on the shared corpus', () => {
  it.each(corpus)('%s: %i events, %f ms of pauses, nothing unknown', (file, count, pauseMs, recognised) => {
    const { events, unknown, parser } = parse(readFileSync(corpusPath('go-gctrace', file), 'utf8'));
    expect(unknown).toEqual([]);
    expect(events).toHaveLength(count);
    expect(events.reduce((sum, e) => sum + e.pauseMs, 0)).toBeCloseTo(pauseMs, 6);
    expect(parser.recognised).toEqual(recognised);
  });
});
