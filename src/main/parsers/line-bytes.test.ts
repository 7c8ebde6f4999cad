/**
 * Parsers that take lines from their bytes (lineBytes) must do exactly what
 * line() does with the decoded text. Every corpus file (and copies of it
 * mutated, cut short, or without its header) and some shapes typed here go
 * through each such parser both ways; records and counts must be equal.
 * Lines sit at their real offsets in one buffer, as the reader hands them over.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParsedRecord } from '../../shared/gc-event';
import { CORPUS_DIR, hasCorpus } from '../../../test/helpers/corpus';
import { createParser, type KnownFormat } from './gc-log-formats';

const FORMATS: KnownFormat[] = ['go-gctrace', 'jvm-unified'];

function corpusFiles(): string[] {
  if (!hasCorpus) return [];
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!name.endsWith('.gz') && !name.endsWith('.md') && statSync(path).size < 2_000_000) files.push(path);
    }
  };
  walk(join(CORPUS_DIR, 'go-gctrace'));
  walk(join(CORPUS_DIR, 'jvm'));
  return files;
}

interface Outcome {
  records: ParsedRecord[];
  recognised: Readonly<Record<string, number>>;
  fromBytes: number;
}

/** Feeds every line of `bytes`, from its bytes when the parser takes it so, else decoded. */
function run(format: KnownFormat, bytes: Buffer, viaBytes: boolean): Outcome {
  const records: ParsedRecord[] = [];
  const parser = createParser(format, 'f', (r) => records.push(r));
  let fromBytes = 0;
  let start = 0;
  let lineNo = 0;
  while (start < bytes.length) {
    const nl = bytes.indexOf(10, start);
    const stop = nl === -1 ? bytes.length : nl;
    const end = stop > start && bytes[stop - 1] === 13 ? stop - 1 : stop;
    lineNo++;
    if (viaBytes && parser.lineBytes?.(bytes, start, end, lineNo)) fromBytes++;
    else parser.line(bytes.toString('utf8', start, end), lineNo);
    start = stop + 1;
  }
  parser.end();
  return { records, recognised: { ...parser.recognised }, fromBytes };
}

/** xorshift32, fixed seed: every run mutates alike. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const NOISE = [']', '[', ' ', '-', '.', ',', 's', '0', '9', 'é', '€', '\u0000', '\r', '\ufffd', 'gc ', 'GC(7) ', '[gc]', '->'];

/** A copy with some lines cut, spliced, or given odd characters (multi-byte, brackets, digits). */
function mutated(text: string, seed: number): Buffer {
  const rnd = random(seed);
  const lines = text.split('\n').map((line) => {
    if (rnd() > 0.3) return line;
    const at = Math.floor(rnd() * (line.length + 1));
    switch (Math.floor(rnd() * 4)) {
      case 0:
        return line.slice(0, at);
      case 1:
        return line.slice(0, at) + NOISE[Math.floor(rnd() * NOISE.length)] + line.slice(at);
      case 2:
        return line.slice(0, at) + line.slice(at + 1 + Math.floor(rnd() * 3));
      default:
        return line.replace(/\d+/, '9'.repeat(1 + Math.floor(rnd() * 20)));
    }
  });
  // Some raw bytes that are not UTF-8 at all.
  return Buffer.concat([Buffer.from(lines.join('\n')), Buffer.from([0x0a, 0x5b, 0xc3, 0x5d, 0x5b, 0x67, 0x63, 0x5d, 0x20, 0xe2, 0x82])]);
}

/** The first half of the lines, then detail lines only counted: the log ends inside whatever was open. */
function cutShort(text: string): Buffer {
  const lines = text.split('\n');
  const head = lines.slice(0, Math.floor(lines.length / 2));
  return Buffer.from([...head, '[9999.5s][info][gc,stats] Last', '[9999.6s][info][gc,init] Version: 17', '[1.0s][info][gc,cpu] GC(0) User=0.01s'].join('\n'));
}

/** Shapes the corpus has few of: decimal commas, durations in odd units or cut short, blanks after them. */
const BUILT_IN = [
  '[0,010s][info][gc] Using G1',
  '[1,000s][info][gc,start] GC(0) Pause Young (Normal) (G1 Evacuation Pause)',
  '[1,001s][info][gc,heap] GC(0) Eden regions: 3->0(4)',
  '[1,002s][debug][gc,phases] GC(0)   Pre Evacuate Collection Set: 0,1ms',
  '[1,003s][info][gc,metaspace] GC(0) Metaspace: 14539K->14539K(1062912K)',
  '[1,003s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->4M(256M) 3,456ms',
  '[1,5s][info][gc,start] GC(2) Pause Full (System.gc())',
  '[1,6s][info][gc] GC(2) Pause Full (System.gc()) 20M->10M(256M) 100,0ms',
  '[1,7s][info][gc] GC(3) Pause Young (Concurrent Start) (G1 Humongous Allocation) 24M->4M(256M) 3ms',
  '[1,8s][info][gc,start] GC(4) Pause Remark',
  '[1,9s][info][gc] GC(4) Pause Remark 20M->20M(256M) 1.5ms',
  '[2,000s][info][gc] GC(1) Concurrent Cycle',
  '[2,000s][info][gc,marking] GC(1) Concurrent Mark From Roots',
  '[2,100s][info][gc,marking] GC(1) Concurrent Mark From Roots 99,5ms',
  '[2,100s][info][gc,marking] GC(1) Concurrent Mark (2,000s, 2,100s) 100,1ms',
  '[2,3s][info][gc,marking] GC(1) Concurrent Preclean ,5ms',
  '[2,3s][info][gc,marking] GC(1) Concurrent Preclean 5.ms',
  '[2,3s][info][gc,marking] GC(1) Concurrent Preclean 5us\t ',
  '[2,3s][info][gc,marking] GC(1) Concurrent Preclean 7s',
  '[2,3s][info][gc,marking] GC(1) Concurrent Preclean 7sx',
  '[2,3s][info][gc,marking] GC(1) Concurrent Preclean 7m',
  '[2,3s][info][gc,marking] GC(1) Concurrent Preclean 7ns)',
  '[2,3s][info][gc,marking] GC(1) Concurrent ',
  '[2,4s][info][gc] GC(1) Concurrent Cycle 200,0ms ',
].join('\n');

describe('lineBytes agrees with line()', () => {
  const files = corpusFiles();

  it('on shapes typed here, and mutated copies of them', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const bytes = seed === 1 ? Buffer.from(BUILT_IN) : mutated(BUILT_IN, seed);
      for (const format of FORMATS) {
        const decoded = run(format, bytes, false);
        const raw = run(format, bytes, true);
        expect(raw.records, `${format}, seed ${seed}`).toEqual(decoded.records);
        expect(raw.recognised, `${format}, seed ${seed}`).toEqual(decoded.recognised);
      }
    }
  });

  it.runIf(hasCorpus)('on every corpus file, and mutated copies of it', () => {
    const taken: Record<string, number> = {};
    for (const [i, file] of files.entries()) {
      const original = readFileSync(file);
      const text = original.toString('utf8');
      // Without its `Using …` header a log leaves the collector to other lines (`Initializing The Z Garbage Collector`).
      const headerless = Buffer.from(text.replace(/^.*\] Using .*$/gm, ''));
      for (const bytes of [original, mutated(text, i + 1), cutShort(text), headerless]) {
        for (const format of FORMATS) {
          const decoded = run(format, bytes, false);
          const raw = run(format, bytes, true);
          expect(raw.records, `${format} on ${file}`).toEqual(decoded.records);
          expect(raw.recognised, `${format} on ${file}`).toEqual(decoded.recognised);
          taken[format] = (taken[format] ?? 0) + raw.fromBytes;
        }
      }
    }
    // The byte paths did take lines: the test compares something.
    for (const format of FORMATS) expect(taken[format]).toBeGreaterThan(1000);
  });
});
