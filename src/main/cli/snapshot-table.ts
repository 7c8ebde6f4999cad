/** The human view of snapshot rows, shared by `gclens diff` and `gclens snapshot`. */
import type { DiffRow } from '../../shared/snapshot';
import type { CliIo } from './cli-io';

const KIB = 1024;

/** Values in the snapshot's own unit, readable: bytes as KiB/MiB/GiB, nanoseconds as ms/s. */
export function formatValue(value: number, unit: string): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  if (unit === 'bytes') {
    if (abs >= KIB ** 3) return `${sign}${(abs / KIB ** 3).toFixed(2)}GiB`;
    if (abs >= KIB ** 2) return `${sign}${(abs / KIB ** 2).toFixed(2)}MiB`;
    if (abs >= KIB) return `${sign}${(abs / KIB).toFixed(1)}KiB`;
    return `${sign}${abs}B`;
  }
  if (unit === 'nanoseconds') return abs >= 1e9 ? `${sign}${(abs / 1e9).toFixed(2)}s` : `${sign}${(abs / 1e6).toFixed(2)}ms`;
  return `${sign}${Number.isInteger(abs) ? abs : abs.toFixed(2)}`;
}

function percent(delta: number, base: number): string {
  if (base === 0) return delta === 0 ? '0%' : 'new';
  return `${delta >= 0 ? '+' : ''}${((delta / base) * 100).toFixed(1)}%`;
}

/** Rows with base, new and delta columns (the key last: it may be long). */
export function writeDiffTable(io: CliIo, rows: DiffRow[], unit: string): void {
  io.stdout.write(['base'.padStart(12), 'new'.padStart(12), 'delta'.padStart(12), 'delta %'.padStart(9), '  key'].join(' ') + '\n');
  for (const row of rows) {
    io.stdout.write(
      [
        formatValue(row.base, unit).padStart(12),
        formatValue(row.new, unit).padStart(12),
        `${row.delta > 0 ? '+' : ''}${formatValue(row.delta, unit)}`.padStart(12),
        percent(row.delta, row.base).padStart(9),
        `  ${row.key}`,
      ].join(' ') + '\n',
    );
  }
}

/** One snapshot's largest rows: the value and its share of the total. */
export function writeTopTable(io: CliIo, rows: DiffRow[], unit: string, total: number): void {
  io.stdout.write(['value'.padStart(12), 'share'.padStart(7), '  key'].join(' ') + '\n');
  for (const row of rows) {
    const share = total > 0 ? `${((row.new / total) * 100).toFixed(1)}%` : '-';
    io.stdout.write([formatValue(row.new, unit).padStart(12), share.padStart(7), `  ${row.key}`].join(' ') + '\n');
  }
}
