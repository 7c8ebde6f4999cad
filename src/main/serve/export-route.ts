/**
 * GET /export/ID: hands the browser what report:export built. Attachment by
 * default, with the store's safe file name; `disposition=inline` shows an
 * HTML report in its own tab for printing, sandboxed and without scripts
 * (the report has none, and this makes sure of it).
 */
import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { EXPORT_PATH } from '../../shared/wire';
import type { ExportStore, StoredExport } from '../library/export-store';
import { sendText } from './static-files';

const EXPORT_ID = /^[A-Za-z0-9_-]{8,64}$/;
const INLINE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

function headersFor(stored: StoredExport, inline: boolean): Record<string, string> {
  return {
    'Content-Type': stored.contentType,
    'Content-Length': String(stored.bytes),
    'Content-Disposition': inline ? 'inline' : `attachment; filename="${stored.fileName}"`,
    'Content-Security-Policy': INLINE_POLICY,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    // The URL carries the token: no link in the report may pass it on.
    'Referrer-Policy': 'no-referrer',
  };
}

/** The caller has checked the Host header and the token. */
export async function sendExport(exports: ExportStore, url: URL, method: string, res: ServerResponse): Promise<void> {
  const exportId = url.pathname.slice(EXPORT_PATH.length);
  if (!EXPORT_ID.test(exportId)) return sendText(res, 404, 'Not found\n');
  let stored: StoredExport;
  try {
    stored = exports.get(exportId);
  } catch {
    return sendText(res, 404, 'That export is gone: export it again\n');
  }
  const inline = url.searchParams.get('disposition') === 'inline' && stored.format === 'html';
  res.writeHead(200, headersFor(stored, inline));
  if (method === 'HEAD') return void res.end();
  await pipeline(createReadStream(stored.path), res);
}
