/** The parse benchmarks' baseline, in its own module so the bundled run (bundled-parse.ts) measures the same code. */
import { createReadStream } from 'node:fs';

/** The baseline: stream the file and decode every line, doing nothing with it. */
export async function bareLineSplit(path: string): Promise<number> {
  let lines = 0;
  let carry = '';
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let start = 0;
    let nl = chunk.indexOf(10);
    while (nl !== -1) {
      const line = chunk.toString('utf8', start, nl);
      if (line.length >= 0) lines++;
      start = nl + 1;
      nl = chunk.indexOf(10, start);
    }
    carry = chunk.toString('utf8', start);
  }
  return lines + (carry ? 1 : 0);
}
