/**
 * Runs `go tool pprof -top` and reads its table: the oracle our diff is held
 * to in tests and benchmarks. The flags make its numbers exact and complete:
 * values in the sample's own unit (no KB/MB rounding), no node or edge
 * dropped for being small, no cap on the node count.
 */
import { execFile } from 'node:child_process';
import type { DiffRow } from '../../../shared/snapshot';

export interface PprofTopRow {
  name: string;
  flat: number;
  cum: number;
}

export interface PprofTopOptions {
  /** The profile, or the new one of a diff. */
  profile: string;
  /** `-diff_base`: the base of a diff. */
  base?: string;
  /** `-sample_index`. */
  sample?: string;
  /** The sample's unit (bytes, count, nanoseconds): printed in it, values are exact integers. */
  unit: string;
  timeoutMs?: number;
  /** Working directory (pprof writes nothing there; a clean one keeps it from finding stray binaries). */
  cwd?: string;
}

export function goToolPprofArgs(options: PprofTopOptions): string[] {
  const args = ['tool', 'pprof', '-top', '-nodecount=100000', '-nodefraction=0', '-edgefraction=0', `-unit=${options.unit}`];
  if (options.sample) args.push(`-sample_index=${options.sample}`);
  if (options.base) args.push('-diff_base', options.base);
  args.push(options.profile);
  return args;
}

/** `87244800B`, `-512`, `0` → the number; pprof prints values with "%.2f" and trims ".00". */
function parseValue(text: string, line: string): number {
  const m = /^(-?\d+(?:\.\d+)?)[A-Za-zμ*]*$/.exec(text);
  if (!m) throw new Error(`go tool pprof: cannot read the value ${JSON.stringify(text)} in ${JSON.stringify(line)}`);
  return Number(m[1]);
}

/** The rows of a `-top` table (report.printText: flat, flat%, sum%, cum, cum%, name and an inline mark). */
export function parsePprofTop(stdout: string): PprofTopRow[] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => /^\s*flat\s+flat%\s+sum%\s+cum\s+cum%\s*$/.test(l));
  if (start < 0) throw new Error(`go tool pprof printed no -top table:\n${stdout.slice(0, 2000)}`);
  const rows: PprofTopRow[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') continue;
    const m = /^\s*(\S+)\s+\S+%\s+\S+%\s+(\S+)\s+\S+%\s{2}(.*)$/.exec(line);
    if (!m) throw new Error(`go tool pprof: cannot read the -top row ${JSON.stringify(line)}`);
    const name = (m[3] as string).replace(/ \((?:partial-)?inline\)$/, '');
    rows.push({ name, flat: parseValue(m[1] as string, line), cum: parseValue(m[2] as string, line) });
  }
  return rows;
}

/** Runs the installed Go toolchain's pprof, offline, and answers its -top rows. */
export function goToolPprofTop(options: PprofTopOptions): Promise<{ rows: PprofTopRow[]; stdout: string }> {
  const env = { ...process.env, GOTOOLCHAIN: 'local', GOPROXY: 'off', GOFLAGS: '' };
  const args = goToolPprofArgs(options);
  return new Promise((resolve, reject) => {
    execFile('go', args, { env, cwd: options.cwd, timeout: options.timeoutMs ?? 120_000, maxBuffer: 256 << 20 }, (err, stdout, stderr) => {
      if (err) {
        reject(new Error(`go ${args.join(' ')} failed: ${err.message}\n${stderr}`));
        return;
      }
      try {
        resolve({ rows: parsePprofTop(stdout), stdout });
      } catch (parseErr) {
        reject(parseErr as Error);
      }
    });
  });
}

/**
 * Where our function rows and pprof's disagree, one line each; empty when
 * they match. pprof lists every function with a non-zero flat or cum; we
 * may list more, whose deltas must then both be zero.
 */
export function comparePprofTop(ours: readonly DiffRow[], theirs: readonly PprofTopRow[]): string[] {
  const problems: string[] = [];
  const byKey = new Map(ours.map((row) => [row.key, row]));
  const seen = new Set<string>();
  for (const row of theirs) {
    seen.add(row.name);
    const mine = byKey.get(row.name);
    if (!mine) problems.push(`${row.name}: pprof has flat ${row.flat} cum ${row.cum}, we have no row`);
    else if (mine.delta !== row.flat || mine.cumDelta !== row.cum) {
      problems.push(`${row.name}: pprof has flat ${row.flat} cum ${row.cum}, we have ${mine.delta} and ${mine.cumDelta}`);
    }
  }
  for (const row of ours) {
    if (!seen.has(row.key) && (row.delta !== 0 || (row.cumDelta ?? 0) !== 0)) {
      problems.push(`${row.key}: we have flat ${row.delta} cum ${row.cumDelta}, pprof has no row`);
    }
  }
  return problems;
}
