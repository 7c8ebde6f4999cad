/**
 * SHA-256 of a raw artifact read from disk in one pass. It can also hash
 * the first N bytes on the way, so recovery can check that the bytes a
 * manifest vouched for are untouched before trusting what follows them.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export interface FileHash {
  bytes: number;
  sha256: string;
  /** Hash of the first `prefixBytes` bytes; null when the file is shorter. */
  prefixSha256: string | null;
  /** The running hash state after the last byte: appends can go on from it. */
  state: Hash;
}

const READ_CHUNK_BYTES = 1 << 20;

export async function hashFile(path: string, prefixBytes = 0): Promise<FileHash> {
  const hash = createHash('sha256');
  let bytes = 0;
  let prefixSha256: string | null = prefixBytes === 0 ? hash.copy().digest('hex') : null;
  for await (const data of createReadStream(path, { highWaterMark: READ_CHUNK_BYTES })) {
    const chunk = data as Buffer;
    const cut = prefixBytes - bytes;
    if (prefixSha256 === null && cut > 0 && cut <= chunk.length) {
      hash.update(chunk.subarray(0, cut));
      prefixSha256 = hash.copy().digest('hex');
      hash.update(chunk.subarray(cut));
    } else {
      hash.update(chunk);
    }
    bytes += chunk.length;
  }
  return { bytes, sha256: hash.copy().digest('hex'), prefixSha256, state: hash };
}

/** SHA-256 of zero bytes: the hash of an artifact before its first byte. */
export const EMPTY_SHA256 = createHash('sha256').digest('hex');
