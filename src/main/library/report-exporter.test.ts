/**
 * A report made in serve mode from an uploaded file names it by the name the
 * user gave (made safe), never by the id it is stored under, while the bytes,
 * hashes and quoted lines stay those of the upload.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExportedReport, OpenedFile } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { createBackend } from '../core/backend';
import { UploadStore } from '../core/upload-store';
import { extractTarGz } from '../report/tar-reader';
import { dataTextOf } from '../report/report-html';
import type { ReportData } from '../report/report-model';
import { verifyBundle } from '../report/verify';
import { gctraceText, tempDir } from '../session/test-support';

const dir = tempDir('upload-report');
const uploads = new UploadStore();
const backend = createBackend({ transport: 'serve', emit: () => undefined, uploads, sessionsDir: join(dir, 'sessions') });
afterAll(async () => {
  await backend.dispose();
  await uploads.dispose();
});

async function call<T>(channel: string, request: unknown): Promise<T> {
  const result = (await backend.dispatch(channel, request)) as Result<T>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value;
}

/** Uploads `text` as the browser would name it, opens it, and exports a report of it. */
async function exportUpload(name: string, text: string, format: 'html' | 'bundle'): Promise<{ uploadId: string; path: string }> {
  const { uploadId } = await uploads.save(name, Readable.from([Buffer.from(text)]));
  const opened = await call<OpenedFile>('files:open', { requestId: 'r', sources: [{ kind: 'upload', uploadId }] });
  const exported = await call<ExportedReport>('report:export', { subject: { kind: 'files', fileId: opened.fileId }, format, redact: false });
  return { uploadId, path: backend.exports.get(exported.exportId).path };
}

describe('a report of an uploaded file', () => {
  const text = gctraceText(1, 60);
  const sha256 = createHash('sha256').update(text).digest('hex');

  it('names the file in the HTML report by its uploaded name, with its exact hash and lines', async () => {
    const { uploadId, path } = await exportUpload('before-deploy gc.log', text, 'html');
    const html = readFileSync(path, 'utf8');
    expect(html).not.toContain(uploadId);
    expect(html).toContain('<title>gclens report: before-deploy gc.log</title>');
    const data = JSON.parse(dataTextOf(html)!) as ReportData;
    expect(data.artifacts).toEqual([{ id: 'a0001', path: 'raw/0001-before-deploy-gc.log', bytes: Buffer.byteLength(text), sha256 }]);
    // The evidence still quotes the uploaded bytes, line for line.
    const lines = text.split('\n');
    const quoted = [...html.matchAll(/<span class="ln">(\d+)<\/span>([^<]*)<\/span>/g)];
    expect(quoted.length).toBeGreaterThan(0);
    // The page escapes `->` as `-&gt;`; the gctrace holds no other markup character.
    for (const [, no, line] of quoted) expect(line!.replaceAll('&gt;', '>')).toBe(lines[Number(no) - 1]);
  });

  it('makes a hostile name safe in the bundle, which verifies', async () => {
    // Markup, a right-to-left override and a path: what the report keeps is printable, and the raw name a plain slug.
    const { uploadId, path } = await exportUpload('..\\<i>after deploy\u202egol.exe.log', text, 'bundle');
    const out = join(dir, 'bundle');
    mkdirSync(out);
    const entries = await extractTarGz(path, (name) => join(out, name.replace(/\//g, '__')));
    expect(entries).toContain('raw/0001-i-after-deploygol.exe.log');
    expect(entries.join('\n')).not.toContain(uploadId);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { artifacts: Array<{ path: string; source: string; sha256: string }> };
    expect(manifest.artifacts).toMatchObject([{ path: 'raw/0001-i-after-deploygol.exe.log', source: '<i>after deploygol.exe.log', sha256 }]);
    expect(readFileSync(join(out, 'raw__0001-i-after-deploygol.exe.log'), 'utf8')).toBe(text);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('&lt;i&gt;after deploygol.exe.log');
    expect(html).not.toContain('<i>after');
    expect(await verifyBundle(path)).toMatchObject({ ok: true, problems: [] });
  });
});
