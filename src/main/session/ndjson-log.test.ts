import { open, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NdjsonLog, readNdjsonTail } from './ndjson-log';
import { tempDir } from './test-support';

async function tailOf(content: string) {
  const path = join(tempDir('tail'), 'log.ndjson');
  await writeFile(path, content);
  const fh = await open(path, 'r');
  try {
    return await readNdjsonTail(fh);
  } finally {
    await fh.close();
  }
}

const line = (seq: number, pad = 0): string => JSON.stringify({ seq, pad: 'x'.repeat(pad) }) + '\n';

describe('readNdjsonTail', () => {
  it('finds the last committed line and what follows it', async () => {
    expect(await tailOf('')).toEqual({ committedBytes: 0, tornBytes: 0, lastSeq: 0 });
    expect(await tailOf(line(1) + line(2))).toEqual({ committedBytes: (line(1) + line(2)).length, tornBytes: 0, lastSeq: 2 });
    expect(await tailOf(line(1) + '{"seq":2,"pa')).toEqual({ committedBytes: line(1).length, tornBytes: 12, lastSeq: 1 });
    expect(await tailOf('{"seq":1')).toEqual({ committedBytes: 0, tornBytes: 8, lastSeq: 0 });
  });

  it('steps back over lines that do not decode, and over lines longer than its read window', async () => {
    expect((await tailOf(line(1) + line(2) + '\0\0\0\0\n' + '\0\0')).lastSeq).toBe(2);
    const long = line(1, 100_000) + line(2, 150_000) + '{"seq":3,"pad":"' + 'y'.repeat(70_000);
    expect(await tailOf(long)).toEqual({ committedBytes: line(1, 100_000).length + line(2, 150_000).length, tornBytes: 70_016, lastSeq: 2 });
    expect((await tailOf(line(1, 100_000) + 'garbage that is not json\n')).lastSeq).toBe(1);
  });
});

describe('NdjsonLog', () => {
  it('numbers lines, makes them durable within flushMs, and goes on numbering after a reopen', async () => {
    const path = join(tempDir('log'), 'events.ndjson');
    const errors: Error[] = [];
    const { log } = await NdjsonLog.open(path, { flushMs: 20, batchRecords: 1000, batchBytes: 1 << 20 }, (e) => errors.push(e));
    const durable = log.append([{ a: 1 }, { a: 2 }]);
    expect(log.lastSequence).toBe(2);
    expect(log.durableSequence).toBe(0); // batched: not yet written
    await durable; // the timer flushed it
    expect(log.durableSequence).toBe(2);
    await log.close();

    await writeFile(path, (await readFile(path, 'utf8')) + '{"seq":3,"a"'); // torn
    const reopened = await NdjsonLog.open(path, { flushMs: 0, batchRecords: 1, batchBytes: 0 }, (e) => errors.push(e));
    expect(reopened.tornBytes).toBe(12);
    await reopened.log.append([{ a: 3 }]);
    await reopened.log.close();
    expect(await readFile(path, 'utf8')).toBe('{"seq":1,"a":1}\n{"seq":2,"a":2}\n{"seq":3,"a":3}\n');
    expect(errors).toEqual([]);
  });

  it('drops lines a checkpoint folded in, keeping later ones, and numbers on', async () => {
    const path = join(tempDir('drop'), 'journal.ndjson');
    const { log } = await NdjsonLog.open(path, { flushMs: 0, batchRecords: 1, batchBytes: 0 }, () => undefined, 7);
    await log.append([{ a: 1 }]);
    expect(log.lastSequence).toBe(8);
    await log.append([{ a: 2 }]);
    await log.dropThrough(8); // seq 9 was written after the checkpoint: it stays
    expect(await readFile(path, 'utf8')).toBe('{"seq":9,"a":2}\n');
    expect(log.appendedChars).toBe(16);
    await log.dropThrough(9);
    expect(await readFile(path, 'utf8')).toBe('');
    await log.append([{ a: 3 }]);
    await log.close();
    expect(await readFile(path, 'utf8')).toBe('{"seq":10,"a":3}\n');
  });
});
