import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { BrowserWindow, dialog, resetElectronStub } from '../../test/stubs/electron';
import { createExportSaver, PRINT_WINDOW_OPTIONS, printToPdf } from './export-dialog';
import type { StoredExport } from './library/export-store';

const dir = mkdtempSync(join(tmpdir(), 'gclens-export-dialog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const html = join(dir, 'abc.html');
writeFileSync(html, '<!doctype html><title>r</title><p>verdict</p>');
const stored: StoredExport = { path: html, fileName: 'gclens-report-2024-go-42.html', format: 'html', contentType: 'text/html', bytes: 10 };

beforeEach(() => resetElectronStub());

describe('printToPdf', () => {
  it('prints the file in a hidden, sandboxed, script-less window of its own session, then destroys it', async () => {
    const pdf = await printToPdf(html);
    expect(pdf.toString()).toMatch(/^%PDF/);
    const [win] = BrowserWindow.instances;
    expect(win!.options).toEqual(PRINT_WINDOW_OPTIONS);
    expect(PRINT_WINDOW_OPTIONS).toMatchObject({ show: false, webPreferences: { sandbox: true, javascript: false, nodeIntegration: false, contextIsolation: true } });
    expect(PRINT_WINDOW_OPTIONS.webPreferences).not.toHaveProperty('preload');
    expect(win!.loadFile).toHaveBeenCalledWith(html);
    expect(win!.webContents.printToPDF).toHaveBeenCalledWith({ printBackground: true, pageSize: 'A4' });
    expect(win!.isDestroyed()).toBe(true);
    expect(win!.webContents.windowOpenHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });
});

describe('the export saver', () => {
  it('asks where to save a PDF (named after the report) and writes it there', async () => {
    const target = join(dir, 'out.pdf');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    const saver = createExportSaver(() => null);
    expect(await saver.savePdf(stored)).toBe(target);
    expect(dialog.showSaveDialog).toHaveBeenCalledWith({ defaultPath: 'gclens-report-2024-go-42.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] });
    expect(readFileSync(target, 'utf8')).toMatch(/^%PDF/);
  });

  it('prints nothing when the dialog is cancelled', async () => {
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: undefined });
    expect(await createExportSaver(() => null).savePdf(stored)).toBeNull();
    expect(BrowserWindow.instances).toHaveLength(0);
  });

  it('copies an export as it is, the dialog parented to the app window', async () => {
    const target = join(dir, 'copy.html');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    const main = new BrowserWindow();
    expect(await createExportSaver(() => main as never).save(stored)).toBe(target);
    expect(dialog.showSaveDialog.mock.calls[0]![0]).toBe(main);
    expect(readFileSync(target, 'utf8')).toBe(readFileSync(html, 'utf8'));
  });
});
