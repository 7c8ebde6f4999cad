/**
 * File access shared by the JVM snapshot readers: gzip detection, a peek
 * inside a gzipped head for sniffing, and whole-file reads for the text
 * snapshots (histograms and NMT summaries are kilobytes to a few megabytes).
 */
import { readFile } from 'node:fs/promises';
import { constants, gunzipSync } from 'node:zlib';
import { GclensError } from '../../../shared/result';

/** Far above any real histogram or NMT summary; past it the file is not one. */
export const MAX_TEXT_SNAPSHOT_BYTES = 256 * 2 ** 20;

export interface SnapshotProgress {
  name: string;
  /** Bytes of the file read so far (compressed bytes for a .gz). */
  bytesRead: number;
  totalBytes: number;
}

export type ProgressHandler = (progress: SnapshotProgress) => void;

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** Compressed bytes inflated to sniff a gzipped head: a few KB of text, and at most ~2 MB (deflate's 1032:1) of anything. */
const PEEK_INPUT_BYTES = 2048;

/**
 * The first bytes as the format sees them: a gzipped head is inflated as far
 * as it goes (a sync flush accepts a stream cut short), so sniffing can look
 * inside `.hprof.gz` and gzipped text alike.
 */
export function peekInside(head: Buffer): Buffer {
  if (!isGzip(head)) return head;
  try {
    return gunzipSync(head.subarray(0, PEEK_INPUT_BYTES), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: 4 * 2 ** 20 });
  } catch {
    return Buffer.alloc(0);
  }
}

/** Reads a text snapshot whole, inflating it if gzipped. */
export async function readTextSnapshot(path: string, name: string, onProgress?: ProgressHandler): Promise<Buffer> {
  const raw = await readFile(path);
  onProgress?.({ name, bytesRead: raw.length, totalBytes: raw.length });
  if (raw.length > MAX_TEXT_SNAPSHOT_BYTES) {
    throw new GclensError('unsupported-format', `${name} is ${raw.length} bytes: too large for a class histogram or NMT summary`);
  }
  if (!isGzip(raw)) return raw;
  try {
    return gunzipSync(raw, { maxOutputLength: MAX_TEXT_SNAPSHOT_BYTES });
  } catch (err) {
    throw new GclensError('unsupported-format', `${name}: corrupt or truncated gzip data (${(err as Error).message})`);
  }
}
