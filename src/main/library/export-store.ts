/**
 * Reports and bundles built for the UI, kept in a private temp folder under
 * an unguessable id until downloaded (serve mode) or saved (Electron). The
 * id is all the UI holds; the file name is made here, never taken from it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportFormat } from '../../shared/library-contract';
import { GclensError } from '../../shared/result';

/** Older exports are deleted past this many: each may be a bundle of a long session. */
const KEEP_EXPORTS = 8;

export interface StoredExport {
  path: string;
  /** Safe as it is in Content-Disposition and a save dialog: `[A-Za-z0-9._-]` only. */
  fileName: string;
  format: ExportFormat;
  contentType: string;
  bytes: number;
}

const CONTENT_TYPES: Record<ExportFormat, string> = { html: 'text/html; charset=utf-8', bundle: 'application/gzip' };
const EXTENSIONS: Record<ExportFormat, string> = { html: '.html', bundle: '.tar.gz' };

/** `gclens-report-<what>` from text a target controls: only letters, digits, dot, dash, underscore survive. */
export function safeExportName(stem: string, format: ExportFormat): string {
  const cleaned = stem.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+|[.-]+$/g, '').slice(0, 80);
  return `${cleaned || 'gclens-report'}${EXTENSIONS[format]}`;
}

export class ExportStore {
  private readonly exports = new Map<string, StoredExport>();
  private dir: string | null = null;

  /** A path for a new export's file to be written to, and the id it will be kept under. */
  async reserve(format: ExportFormat): Promise<{ exportId: string; path: string }> {
    this.dir ??= await mkdtemp(join(tmpdir(), 'gclens-exports-'));
    const exportId = randomBytes(12).toString('base64url');
    // The extension matters: Chromium takes a file:// page's type from it when printing to PDF.
    return { exportId, path: join(this.dir, exportId + EXTENSIONS[format]) };
  }

  async keep(exportId: string, path: string, fileName: string, format: ExportFormat): Promise<StoredExport> {
    const stored: StoredExport = { path, fileName, format, contentType: CONTENT_TYPES[format], bytes: (await stat(path)).size };
    this.exports.set(exportId, stored);
    while (this.exports.size > KEEP_EXPORTS) {
      const [oldest, old] = this.exports.entries().next().value!;
      this.exports.delete(oldest);
      await rm(old.path, { force: true });
    }
    return stored;
  }

  get(exportId: string): StoredExport {
    const found = this.exports.get(exportId);
    if (!found) throw new GclensError('not-found', 'that export is gone (only the latest few are kept): export it again');
    return found;
  }

  async dispose(): Promise<void> {
    this.exports.clear();
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
    this.dir = null;
  }
}
