/**
 * Files a browser streamed to serve mode. The bytes land in a private temp
 * folder and are then opened like any path; the id is all the UI holds.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface StoredUpload {
  path: string;
  /** The name the browser gave, for display only: never used to build a path. */
  name: string;
  bytes: number;
}

export class UploadStore {
  private readonly uploads = new Map<string, StoredUpload>();
  private dir: string | null = null;

  async save(name: string, body: Readable): Promise<{ uploadId: string; upload: StoredUpload }> {
    this.dir ??= await mkdtemp(join(tmpdir(), 'gclens-uploads-'));
    const uploadId = randomBytes(12).toString('base64url');
    const path = join(this.dir, uploadId);
    let bytes = 0;
    body.on('data', (chunk: Buffer) => (bytes += chunk.length));
    try {
      await pipeline(body, createWriteStream(path, { mode: 0o600 }));
    } catch (err) {
      // An aborted upload leaves nothing behind.
      await rm(path, { force: true });
      throw err;
    }
    const upload = { path, name: basename(name.replace(/\\/g, '/')) || 'upload', bytes };
    this.uploads.set(uploadId, upload);
    return { uploadId, upload };
  }

  get(uploadId: string): StoredUpload | undefined {
    return this.uploads.get(uploadId);
  }

  async dispose(): Promise<void> {
    this.uploads.clear();
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
    this.dir = null;
  }
}
