/** Small helpers every benchmark shares: timing, memory, and the printed table. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export interface Measurement {
  name: string;
  seconds: number;
  bytes: number;
  lines: number;
  heapUsedMb: number;
}

export async function measure(name: string, bytes: number, run: () => Promise<number>): Promise<Measurement> {
  globalThis.gc?.();
  const start = process.hrtime.bigint();
  const lines = await run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { name, seconds, bytes, lines, heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20 };
}

export function report(title: string, rows: Measurement[], baseline: Measurement): void {
  const lines = [`\n${title}`];
  for (const row of rows) {
    const mbPerSec = row.bytes / 2 ** 20 / row.seconds;
    const linesPerSec = row.lines / row.seconds;
    const ofBaseline = baseline.seconds / row.seconds;
    lines.push(
      `  ${row.name.padEnd(36)} ${mbPerSec.toFixed(1).padStart(8)} MB/s ${(linesPerSec / 1e6).toFixed(2).padStart(6)} M lines/s ` +
        `${(ofBaseline * 100).toFixed(0).padStart(4)} % of baseline  heap ${row.heapUsedMb.toFixed(0)} MB`,
    );
  }
  process.stdout.write(lines.join('\n') + '\n');
}

/** Writes `seed` over and over until the file holds at least `targetBytes`. */
export async function writeRepeated(path: string, seed: string, targetBytes: number): Promise<number> {
  const out = createWriteStream(path);
  const chunk = seed.endsWith('\n') ? seed : seed + '\n';
  let written = 0;
  while (written < targetBytes) {
    if (!out.write(chunk)) await once(out, 'drain');
    written += Buffer.byteLength(chunk);
  }
  out.end();
  await once(out, 'finish');
  return written;
}
