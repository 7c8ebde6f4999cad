/**
 * The Electron side of report:save: a save dialog for an export, and PDF
 * printing of an HTML report in a hidden window that runs no script (the
 * report has none; javascript:false makes sure), sandboxed, in its own
 * session, and going nowhere but the file it was given.
 */
import { copyFile, writeFile } from 'node:fs/promises';
import { BrowserWindow, dialog, type BrowserWindowConstructorOptions, type FileFilter } from 'electron';
import type { ExportFormat } from '../shared/library-contract';
import type { StoredExport } from './library/export-store';
import type { ExportSaver } from './library/report-exporter';

export const PRINT_WINDOW_OPTIONS: BrowserWindowConstructorOptions = {
  show: false,
  webPreferences: {
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    javascript: false,
    webSecurity: true,
    webviewTag: false,
    spellcheck: false,
    // Not the app's session: its permissions and CSP stay the app's own.
    partition: 'gclens-print',
  },
};

const FILTERS: Record<ExportFormat | 'pdf', FileFilter[]> = {
  html: [{ name: 'HTML report', extensions: ['html'] }],
  bundle: [{ name: 'Evidence bundle', extensions: ['tar.gz'] }],
  pdf: [{ name: 'PDF', extensions: ['pdf'] }],
};

/** The PDF of an HTML file, printed by Chromium as the report's print CSS lays it out. */
export async function printToPdf(htmlPath: string): Promise<Buffer> {
  const win = new BrowserWindow(PRINT_WINDOW_OPTIONS);
  try {
    win.webContents.on('will-navigate', (event) => event.preventDefault());
    win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    await win.loadFile(htmlPath);
    return await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
  } finally {
    win.destroy();
  }
}

export function createExportSaver(getWindow: () => BrowserWindow | null): ExportSaver {
  const ask = async (defaultPath: string, filters: FileFilter[]): Promise<string | null> => {
    const win = getWindow();
    const options = { defaultPath, filters };
    const answer = win && !win.isDestroyed() ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return answer.canceled || !answer.filePath ? null : answer.filePath;
  };
  return {
    async save(stored: StoredExport) {
      const path = await ask(stored.fileName, FILTERS[stored.format]);
      if (path) await copyFile(stored.path, path);
      return path;
    },
    async savePdf(stored: StoredExport) {
      // Asked first: a cancelled dialog costs no printing.
      const path = await ask(stored.fileName.replace(/\.html$/, '.pdf'), FILTERS.pdf);
      if (path) await writeFile(path, await printToPdf(stored.path));
      return path;
    },
  };
}
