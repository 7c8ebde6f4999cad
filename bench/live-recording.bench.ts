/**
 * A live attach over a simulated day: 10 GC events a second for 24 h
 * (864,000 events), each second's gctrace appended to the session, parsed,
 * recorded, added to the live chart series and turned into one update, as
 * an Attach does. Prints the cost of an update and the backend's memory as
 * the day goes on, next to a baseline measured in the same run: the bare
 * parse of the same lines. The analysis window's cost is sampled each hour.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'vitest';
import type { ParsedRecord } from '../src/shared/gc-event';
import { LiveAnalysis } from '../src/main/attach/live-analysis';
import { LiveSeries } from '../src/main/attach/live-series';
import { GctraceParser } from '../src/main/parsers/gctrace-parser';
import { SessionWriter } from '../src/main/session';

const EVENTS_PER_SEC = 10;
const SIMULATED_SEC = Number(process.env.GCLENS_BENCH_HOURS ?? 24) * 3600;

/** One second of a leaking service's gctrace. */
function secondOfTrace(second: number): string {
  let text = '';
  for (let i = 0; i < EVENTS_PER_SEC; i++) {
    const id = second * EVENTS_PER_SEC + i + 1;
    const live = 40 + Math.floor(id / 5000);
    text += `gc ${id} @${(second + i / EVENTS_PER_SEC).toFixed(3)}s 3%: 0.021+1.4+0.030 ms clock, 0.08+0.2/1.1/0.9+0.12 ms cpu, ${live * 2}->${live * 2 + 2}->${live} MB, ${live * 2} MB goal, 1 MB stacks, 0 MB globals, 8 P\n`;
  }
  return text;
}

function parse(parser: GctraceParser, text: string, firstLine: number): number {
  let line = firstLine;
  for (const row of text.split('\n')) if (row !== '') parser.line(row, line++);
  return line;
}

test('a simulated 24 h live recording at 10 GC events/s', async () => {
  // Baseline: parsing the day's lines and nothing else.
  let sink = 0;
  const baselineParser = new GctraceParser('base', () => sink++);
  const baselineStart = process.hrtime.bigint();
  for (let s = 0, line = 1; s < SIMULATED_SEC; s++) line = parse(baselineParser, secondOfTrace(s), line);
  const baselineSec = Number(process.hrtime.bigint() - baselineStart) / 1e9;

  const dir = mkdtempSync(join(tmpdir(), 'gclens-bench-live-'));
  let simulatedMs = 0;
  const writer = await SessionWriter.create(join(dir, 'session'), {
    target: { host: 'local', pid: 1, user: 'bench', command: 'bench', runtime: 'go', version: 'go1.26', processStartedAt: null },
  });
  const trace = await writer.addArtifact('gctrace', 'stderr', '', 'bench', { growing: true });
  const series = new LiveSeries();
  const analysis = new LiveAnalysis(() => simulatedMs);
  const records: ParsedRecord[] = [];
  const parser = new GctraceParser(trace.path, (r) => records.push(r));
  const rows: string[] = [];
  const pending: Promise<unknown>[] = [];
  const updateNs: number[] = [];
  const start = process.hrtime.bigint();
  let line = 1;
  for (let s = 0; s < SIMULATED_SEC; s++) {
    simulatedMs = s * 1000;
    const t0 = process.hrtime.bigint();
    const text = secondOfTrace(s);
    // As the collectors do: appends are not awaited one by one (the writer keeps their order).
    pending.push(writer.appendToArtifact(trace.id, text));
    records.length = 0;
    line = parse(parser, text, line);
    for (const record of records) if (record.type === 'gc') series.addEvent(record);
    analysis.add(records);
    pending.push(writer.appendEvents([...records], { artifact: trace.id }));
    series.delta();
    updateNs.push(Number(process.hrtime.bigint() - t0));
    // Real time gives the writer a second per update; the simulation lets it catch up every 100.
    if (pending.length >= 200) await Promise.all(pending.splice(0));
    if ((s + 1) % 3600 === 0) {
      globalThis.gc?.();
      const a0 = process.hrtime.bigint();
      analysis.maybeRun({ force: true });
      const analysisMs = Number(process.hrtime.bigint() - a0) / 1e6;
      const recent = updateNs.slice(-3600).sort((a, b) => a - b);
      const mem = process.memoryUsage();
      rows.push(
        `  ${String((s + 1) / 3600).padStart(3)} h  ${((s + 1) * EVENTS_PER_SEC).toLocaleString('en').padStart(9)} events  ` +
          `update p50 ${(recent[1800]! / 1e6).toFixed(2)} ms p99 ${(recent[3564]! / 1e6).toFixed(2)} ms  ` +
          `analysis ${analysisMs.toFixed(0)} ms  heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MB  rss ${(mem.rss / 2 ** 20).toFixed(0)} MB`,
      );
    }
  }
  await Promise.all(pending);
  const totalSec = Number(process.hrtime.bigint() - start) / 1e9;
  await writer.close();
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(
    [
      `\nlive recording, ${SIMULATED_SEC / 3600} simulated hours, ${(SIMULATED_SEC * EVENTS_PER_SEC).toLocaleString('en')} events (${sink} parsed in the baseline)`,
      `  baseline: bare gctrace parse of the same lines   ${((baselineSec / SIMULATED_SEC) * 1e3).toFixed(3)} ms per simulated second`,
      `  recording: append, parse, record, chart, update   ${((totalSec / SIMULATED_SEC) * 1e3).toFixed(3)} ms per simulated second (${(baselineSec / totalSec * 100).toFixed(0)} % of it is the parse)`,
      ...rows,
    ].join('\n') + '\n',
  );
});
