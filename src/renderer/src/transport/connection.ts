/**
 * What the UI holds once it can talk to the backend, whichever transport
 * carries it. Components see only this and the contract.
 */
import type { FileSource, GclensApi, Unsubscribe } from '../../../shared/contract';

export type TransportKind = 'electron' | 'serve';

export interface UploadProgress {
  /** The file being sent now. */
  name: string;
  /** Over all files of this call. */
  bytesSent: number;
  totalBytes: number;
}

export interface Connection {
  transport: TransportKind;
  api: GclensApi;
  /**
   * Turns files the user picked or dropped into sources the backend can open:
   * their paths in Electron, uploads in serve mode (reported through `onProgress`).
   * Rejects with a GclensError whose message can be shown as it is.
   */
  sourcesFor(files: File[], onProgress?: (progress: UploadProgress) => void): Promise<FileSource[]>;
  /**
   * Serve mode: the link that downloads (or, inline, shows for printing) a
   * report:export result, token included. Null in Electron, which saves
   * through report:save instead.
   */
  exportUrl(exportId: string, disposition: 'attachment' | 'inline'): string | null;
  /** The backend went away (serve mode's socket closed). Never fires in Electron. */
  onLost(listener: () => void): Unsubscribe;
}
