/**
 * Real JVMs: GcLeak runs under every collector JDK 17 offers, leaking and
 * healthy, with `-Xlog:gc*,safepoint`, and the parser's events are compared
 * with an independent count of the raw log lines (plain regexes here, not
 * the parser). Generational ZGC runs too when a JDK 21+ is installed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { GcEvent, ParsedRecord } from '../src/shared/gc-event';
import { readGcLog } from '../src/main/core/gc-log-reader';
import { collectorSupport, compileGcLeak, findJava, runGcLeak, type GcLeakMode, type GcLeakRun, type JvmCollector } from './helpers/jvm-fixture';

interface Case {
  name: string;
  collector: JvmCollector;
  mode: GcLeakMode;
  /** The collector name the events must carry. */
  expected: string;
  decorators?: string;
  java?: string;
}

const COLLECTORS: Array<[JvmCollector, string]> = [
  ['G1', 'G1'],
  ['Parallel', 'Parallel'],
  ['Serial', 'Serial'],
  ['Z', 'ZGC'],
  ['Shenandoah', 'Shenandoah'],
];

const shenandoah = await collectorSupport('Shenandoah');
const java21 = await findJava(21);

const CASES: Case[] = [
  ...COLLECTORS.flatMap(([collector, expected]) => (['leak', 'healthy'] as const).map((mode) => ({ name: `${collector} ${mode}`, collector, mode, expected }))),
  { name: 'G1 leak, time,uptimemillis,pid,tid,level,tags', collector: 'G1', mode: 'leak', expected: 'G1', decorators: 'time,uptimemillis,pid,tid,level,tags' },
  ...(java21 ? (['leak', 'healthy'] as const).map((mode): Case => ({ name: `generational Z ${mode} (${java21})`, collector: 'Z', mode, expected: 'ZGC-generational', java: java21 })) : []),
];

function runnable(c: Case): boolean {
  return c.collector !== 'Shenandoah' || shenandoah.ok;
}

interface Outcome {
  run: GcLeakRun;
  records: ParsedRecord[];
  events: GcEvent[];
}

const outcomes = new Map<string, Promise<Outcome>>();

beforeAll(async () => {
  await compileGcLeak();
  // Start every run now; the helper lets two JVMs run at a time.
  for (const c of CASES.filter(runnable)) {
    const pending = runGcLeak({ collector: c.collector, mode: c.mode, decorators: c.decorators, java: c.java }).then(async (run) => {
      const records: ParsedRecord[] = [];
      const outcome = await readGcLog({ path: run.logPath, name: c.name }, { onRecord: (r) => records.push(r) });
      expect(outcome.format).toBe('jvm-unified');
      return { run, records, events: records.filter((r): r is GcEvent => r.type === 'gc') };
    });
    pending.catch(() => {});
    outcomes.set(c.name, pending);
  }
});

/**
 * Events and total pause counted straight from the log text. Stop-the-world
 * collectors: one per `GC(n) Pause … Nms` summary line (a young summary of
 * id n-1 right after a full summary of id n is the young collection that
 * became that full one: one event, the young's pause). ZGC and Shenandoah:
 * one per id with a pause, a collection line or a timed concurrent phase;
 * the pause is the sum of the `Pause … Nms` lines.
 */
function countRaw(log: string, cycles: boolean): { ids: number[]; pauseMs: number } {
  const ids: number[] = [];
  let pauseMs = 0;
  if (cycles) {
    const seen = new Set<number>();
    for (const line of log.split('\n')) {
      const m = /GC\((\d+)\) (?:[yYO]: )?(.*)$/.exec(line);
      if (!m) continue;
      const body = m[2]!;
      const duration = /\s(\d+\.\d+)ms$/.exec(body);
      if (body.startsWith('Pause ') && duration) {
        seen.add(Number(m[1]));
        pauseMs += Number(duration[1]);
      } else if (/^(?:Garbage|Minor|Major) Collection \(/.test(body) || (body.startsWith('Concurrent ') && duration)) {
        seen.add(Number(m[1]));
      }
    }
    return { ids: [...seen].sort((a, b) => a - b), pauseMs };
  }
  let last: { id: number; full: boolean; ms: number } | null = null;
  for (const line of log.split('\n')) {
    const m = /GC\((\d+)\) Pause (Young|Full|Remark|Cleanup|Mixed|Initial Mark)\b.* (\d+\.\d+)ms$/.exec(line);
    if (!m) continue;
    const id = Number(m[1]);
    const ms = Number(m[3]);
    if (m[2] === 'Young' && last?.full && last.id === id + 1) {
      pauseMs += ms - last.ms;
      last = null;
      continue;
    }
    ids.push(id);
    pauseMs += ms;
    last = { id, full: m[2] === 'Full', ms };
  }
  return { ids: ids.sort((a, b) => a - b), pauseMs };
}

describe('real JVM GC logs (GcLeak)', () => {
  it('has Shenandoah on this JDK 17, or says why not', () => {
    // Debian's and most OpenJDK builds include Shenandoah; Oracle's do not.
    if (!shenandoah.ok) console.warn(`Shenandoah runs skipped: ${shenandoah.why}`);
    expect(typeof shenandoah.ok).toBe('boolean');
  });

  for (const c of CASES) {
    const skip = !runnable(c);
    it.skipIf(skip)(`${c.name}${skip ? ` (skipped: ${shenandoah.why})` : ''}: event ids and total pause match the raw lines`, async () => {
      const { run, records, events } = await outcomes.get(c.name)!;
      const cycles = c.collector === 'Z' || c.collector === 'Shenandoah';
      const raw = countRaw(run.log, cycles);
      expect(raw.ids.length).toBeGreaterThan(3);
      expect(events.map((e) => e.id!).sort((a, b) => a - b)).toEqual(raw.ids);
      expect(events.reduce((sum, e) => sum + e.pauseMs, 0)).toBeCloseTo(raw.pauseMs, 6);
      expect(new Set(events.map((e) => e.collector))).toEqual(new Set([c.expected]));
      expect(records.filter((r) => r.type === 'unknown')).toEqual([]);
      expect(records.filter((r) => r.type === 'run-start')).toEqual([]);
      expect(records.filter((r) => r.type === 'safepoint').length).toBeGreaterThan(0);
      for (const e of events) {
        expect(e.startSec).not.toBeNull();
        // A cycle cancelled, aborted or cut off by the JVM's exit may end before any line gives its heap.
        if (!/incomplete|cancelled|aborted/.test(e.cause ?? '')) expect(e.heapBeforeBytes, `GC(${e.id}) heap before`).not.toBeNull();
      }
      if (c.decorators?.includes('time')) {
        for (const e of events) expect(e.wallTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
      }
    });
  }

  it('shows the leak: the old generation after collections grows under G1 leak, not under G1 healthy', async () => {
    const oldAfter = async (name: string): Promise<number[]> =>
      (await outcomes.get(name)!).events.filter((e) => e.kind === 'young' && e.generations?.old).map((e) => e.generations!.old!.afterBytes!);
    const leak = await oldAfter('G1 leak');
    const healthy = await oldAfter('G1 healthy');
    const late = (xs: number[]) => Math.max(...xs.slice(Math.floor(xs.length / 2)));
    expect(late(leak)).toBeGreaterThan(late(healthy));
  });
});
