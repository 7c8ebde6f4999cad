/**
 * Folds the backend's per-file `files:progress` events of one request into
 * one bar: the latest count per file, summed.
 */
import type { FileProgress } from '../../../shared/contract';

export interface Activity {
  phase: 'uploading' | 'reading';
  /** The file being worked on now; empty before the first report. */
  name: string;
  done: number;
  /** 0 while unknown: the bar is then indeterminate. */
  total: number;
}

export class ReadProgress {
  private readonly files = new Map<string, { bytesRead: number; totalBytes: number }>();

  constructor(private readonly requestId: string) {}

  /** The bar after `event`, or null when the event belongs to another request. */
  add(event: FileProgress): Activity | null {
    if (event.requestId !== this.requestId) return null;
    this.files.set(event.name, { bytesRead: event.bytesRead, totalBytes: event.totalBytes });
    let done = 0;
    let total = 0;
    for (const file of this.files.values()) {
      done += Math.min(file.bytesRead, file.totalBytes);
      total += file.totalBytes;
    }
    return { phase: 'reading', name: event.name, done, total };
  }
}
