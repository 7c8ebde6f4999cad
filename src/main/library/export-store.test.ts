import { existsSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ExportStore, safeExportName } from './export-store';

describe('safeExportName', () => {
  it('keeps only letters, digits, dot, dash and underscore, whatever the stem holds', () => {
    expect(safeExportName('gclens-report-2024-05-01T10:05:00-go-42', 'html')).toBe('gclens-report-2024-05-01T10-05-00-go-42.html');
    expect(safeExportName('../../etc/"passwd"\r\nX-Evil: 1', 'bundle')).toBe('etc-passwd-X-Evil-1.tar.gz');
    expect(safeExportName('...', 'html')).toBe('gclens-report.html');
  });
});

describe('ExportStore', () => {
  it('keeps the latest exports under unguessable ids and deletes the oldest files', async () => {
    const store = new ExportStore();
    try {
      const kept: Array<{ exportId: string; path: string }> = [];
      for (let i = 0; i < 9; i++) {
        const slot = await store.reserve('html');
        expect(slot.exportId).toMatch(/^[A-Za-z0-9_-]{16}$/);
        expect(slot.path).toMatch(/\.html$/);
        writeFileSync(slot.path, `<p>${i}</p>`);
        await store.keep(slot.exportId, slot.path, 'r.html', 'html');
        kept.push(slot);
      }
      expect(() => store.get(kept[0]!.exportId)).toThrow(/gone/);
      expect(existsSync(kept[0]!.path)).toBe(false);
      expect(store.get(kept[8]!.exportId)).toMatchObject({ fileName: 'r.html', bytes: 8, contentType: 'text/html; charset=utf-8' });
    } finally {
      await store.dispose();
    }
  });
});
