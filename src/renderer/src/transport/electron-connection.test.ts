import { describe, expect, it } from 'vitest';
import { GclensError } from '../../../shared/result';
import type { ElectronBridge } from './electron-bridge';
import { electronConnection } from './electron-connection';

/** Only pathForFile matters here; the API is handed through untouched. */
function bridgeWithPaths(paths: Map<string, string>): ElectronBridge {
  return { pathForFile: (file: File) => paths.get(file.name) ?? '' } as unknown as ElectronBridge;
}

const fileNamed = (name: string): File => ({ name, size: 1 }) as File;

describe('electronConnection', () => {
  it('hands the bridge through as the API and says it is Electron', () => {
    const bridge = bridgeWithPaths(new Map());
    const connection = electronConnection(bridge);
    expect(connection.api).toBe(bridge);
    expect(connection.transport).toBe('electron');
  });

  it('opens dropped or picked files by their paths on disk, in order', async () => {
    const connection = electronConnection(
      bridgeWithPaths(
        new Map([
          ['a.log', '/var/log/a.log'],
          ['b.log', '/tmp/b.log'],
        ]),
      ),
    );
    await expect(connection.sourcesFor([fileNamed('a.log'), fileNamed('b.log')])).resolves.toEqual([
      { kind: 'path', path: '/var/log/a.log' },
      { kind: 'path', path: '/tmp/b.log' },
    ]);
  });

  it('refuses a file that has no path on disk, naming it', async () => {
    const connection = electronConnection(bridgeWithPaths(new Map()));
    const outcome = connection.sourcesFor([fileNamed('pasted.txt')]);
    await expect(outcome).rejects.toBeInstanceOf(GclensError);
    await expect(outcome).rejects.toThrow('pasted.txt is not a file on disk');
  });
});
