/**
 * Streams an HPROF dump (`.hprof`, or gzipped) from disk through the
 * histogram pass. The file is never held: chunks go to the builder as they
 * are read, and the builder keeps only per-class records.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { GclensError } from '../../../shared/result';
import { HprofHistogramBuilder } from './hprof-histogram';
import type { LayoutOptions } from './hprof-shallow-size';
import type { HprofSnapshot } from './jvm-snapshot';
import { isGzip, type ProgressHandler } from './snapshot-file';

/** Large reads: the pass is cheap per byte, so fewer, bigger chunks go faster. */
const CHUNK_BYTES = 4 * 2 ** 20;
/** Progress at most this often, in bytes read, so a fast pass is not slowed by its own events. */
const PROGRESS_EVERY_BYTES = 32 * 2 ** 20;

export interface HprofReadOptions extends LayoutOptions {
  onProgress?: ProgressHandler;
}

export async function readHprofHistogram(path: string, name: string, options: HprofReadOptions = {}): Promise<HprofSnapshot> {
  const totalBytes = (await stat(path)).size;
  const gzipped = await startsWithGzip(path);
  const builder = new HprofHistogramBuilder(name, options);

  let bytesRead = 0;
  let reported = 0;
  const raw = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  raw.on('data', (chunk) => {
    bytesRead += chunk.length;
    if (options.onProgress && bytesRead - reported >= PROGRESS_EVERY_BYTES) {
      reported = bytesRead;
      options.onProgress({ name, bytesRead, totalBytes });
    }
  });
  const stream = gzipped ? raw.pipe(createGunzip({ chunkSize: 1 << 20 })) : raw;
  raw.on('error', (err) => stream.destroy(err));
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) builder.push(chunk);
  } catch (err) {
    raw.destroy();
    if (err instanceof GclensError) throw err;
    const code = (err as { code?: string }).code;
    if (gzipped && code?.startsWith('Z_')) {
      throw new GclensError(
        'unsupported-format',
        `${name}: corrupt gzip data after ${bytesRead} compressed bytes (${builder.bytesReceived} of the dump) (${(err as Error).message})`,
      );
    }
    throw err;
  }
  // zlib reports a gzip stream cut short as "unexpected end of file" above; a plain file cut short is the builder's to say.
  options.onProgress?.({ name, bytesRead: totalBytes, totalBytes });
  return builder.finish();
}

async function startsWithGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return isGzip(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}
