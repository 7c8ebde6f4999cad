import type { FileSource } from '../../../shared/contract';
import { GclensError } from '../../../shared/result';
import type { Connection } from './connection';
import type { ElectronBridge } from './electron-bridge';

export function electronConnection(bridge: ElectronBridge): Connection {
  return {
    transport: 'electron',
    api: bridge,
    async sourcesFor(files) {
      return files.map((file): FileSource => {
        const path = bridge.pathForFile(file);
        // Files that never were on disk (pasted, generated) have no path.
        if (!path) throw new GclensError('invalid-argument', `${file.name} is not a file on disk`);
        return { kind: 'path', path };
      });
    },
    exportUrl() {
      return null;
    },
    onLost() {
      return () => {};
    },
  };
}
