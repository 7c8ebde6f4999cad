/**
 * Mutation fuzzing of every registered parser: real lines, truncated,
 * spliced, with bad and huge numbers and random bytes, fed for a bounded
 * number of rounds from a fixed seed (so a failure reproduces). A parser
 * must never throw, and must end every run.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParsedRecord } from '../src/shared/gc-event';
import { createParser, knownFormats } from '../src/main/parsers/gc-log-formats';
import { CORPUS_DIR, hasCorpus } from './helpers/corpus';

/** Lines typed here so the fuzz runs even without the corpus. */
const BUILT_IN_SEEDS = [
  'gc 12 @3.456s 2%: 0.10+2.0+0.25 ms clock, 0.4+0/1.9/3.1+1.0 ms cpu, 24->25->12 MB, 48 MB goal, 1 MB stacks, 3 MB globals, 8 P (forced)',
  'gc 1 @0.009s 1%: 0.059+0.17+0.005+0.24+0.12 ms clock, 0.17+0.17+0+0/0.36/0.067+0.38 ms cpu, 5->5->3 MB, 4 MB goal, 8 P',
  'gc4(2): 755+4+10745+2 us, 0 -> 0 MB, 2361 (2608-247) objects, 52/8/0 sweeps, 1(2) handoff, 6(114) steal, 16/10/14 yields',
  '[0.123s][info][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 24M->4M(256M) 3.456ms',
  '2014-03-28T20:51:21.123+0100: 12.345: [GC (Allocation Failure) [PSYoungGen: 1024K->512K(2048K)] 4096K->3584K(8192K), 0.0012345 secs]',
];

function corpusLines(limit: number): string[] {
  if (!hasCorpus) return [];
  const lines: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!name.endsWith('.gz') && !name.endsWith('.md') && statSync(path).size < 2_000_000) {
        const text = readFileSync(path, 'latin1').split('\n');
        for (let i = 0; i < text.length; i += 97) lines.push(text[i]!);
      }
      if (lines.length >= limit) return;
    }
  };
  walk(CORPUS_DIR);
  return lines.slice(0, limit);
}

/** xorshift32: a small fixed-seed generator, so every run mutates the same way. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

function mutate(line: string, other: string, rnd: () => number): string {
  const at = Math.floor(rnd() * (line.length + 1));
  switch (Math.floor(rnd() * 8)) {
    case 0:
      return line.slice(0, at);
    case 1:
      return line.slice(0, at) + other.slice(Math.floor(rnd() * other.length));
    case 2:
      return line.replace(/\d+/, '9'.repeat(1 + Math.floor(rnd() * 400)));
    case 3:
      return line.replace(/\d+(\.\d+)?/g, () => ['-1', 'NaN', '1e309', '0x1F', '', '١٢'][Math.floor(rnd() * 6)]!);
    case 4:
      return line.slice(0, at) + String.fromCharCode(...Array.from({ length: 8 }, () => Math.floor(rnd() * 0x3000))) + line.slice(at);
    case 5:
      return line.replace(/\./g, ',');
    case 6:
      return line.slice(0, at) + '\u0000'.repeat(3) + line.slice(at);
    default:
      return (line + ' ').repeat(1 + Math.floor(rnd() * 50));
  }
}

describe('parsers under mutated input', () => {
  const seeds = [...BUILT_IN_SEEDS, ...corpusLines(4000)];

  it.each(knownFormats)('%s never throws and always ends', (format) => {
    const rnd = random(0x9c1e45);
    let records = 0;
    let unknown = 0;
    const parser = createParser(format, 'fuzz.log', (record: ParsedRecord) => {
      records++;
      if (record.type === 'unknown') {
        unknown++;
        expect(record.source.line).toBeGreaterThan(0);
      }
    });
    let lineNo = 0;
    for (let round = 0; round < 20_000; round++) {
      const line = seeds[Math.floor(rnd() * seeds.length)]!;
      const other = seeds[Math.floor(rnd() * seeds.length)]!;
      parser.line(round % 3 === 0 ? line : mutate(line, other, rnd), ++lineNo);
    }
    parser.end();
    // Mutated GC lines must show up as not understood, not vanish.
    expect(records).toBeGreaterThan(0);
    expect(unknown).toBeGreaterThan(0);
  });
});
