/**
 * snapshot:open and snapshot:diff: loaded snapshots stay in memory under an
 * id so that any two can be compared without reading them again. Only the
 * most recent few are kept: an HPROF histogram is small, a 20 MB profile not.
 */
import { randomBytes } from 'node:crypto';
import type { DiffSnapshotsRequest, OpenedSnapshot } from '../../shared/contract';
import { GclensError } from '../../shared/result';
import type { SnapshotDiff } from '../../shared/snapshot';
import type { ProgressHandler } from '../snapshots/jvm';
import { diffSnapshots, loadSnapshot, summarizeSnapshot, type LoadedSnapshot } from '../snapshots/snapshot-registry';
import type { NamedInput } from './file-service';

const KEEP_SNAPSHOTS = 16;
const SUMMARY_ROWS = 50;

export class SnapshotService {
  private readonly loaded = new Map<string, LoadedSnapshot>();
  /** Snapshots recorded in a session (a live attach): read again from their artifact once pushed out. */
  private readonly reloadable = new Map<string, NamedInput>();

  async open(input: NamedInput, onProgress?: ProgressHandler): Promise<OpenedSnapshot> {
    const snapshot = await loadSnapshot(input.path, input.name, onProgress);
    const snapshotId = this.keep(snapshot);
    return { snapshotId, summary: summarizeSnapshot(snapshot, SUMMARY_ROWS) };
  }

  /**
   * Keeps a snapshot parsed elsewhere (a live attach) under a new id, for
   * snapshot:diff. `path`: its raw file, read again if it is pushed out.
   */
  register(snapshot: LoadedSnapshot, path?: string): string {
    const snapshotId = this.keep(snapshot);
    if (path !== undefined) this.reloadable.set(snapshotId, { path, name: snapshot.name });
    return snapshotId;
  }

  async diff(request: DiffSnapshotsRequest): Promise<SnapshotDiff> {
    let filter: RegExp | undefined;
    try {
      filter = request.filter ? new RegExp(request.filter, 'i') : undefined;
    } catch (err) {
      throw new GclensError('invalid-argument', `the filter is not a regular expression: ${(err as Error).message}`);
    }
    const [base, next] = [await this.get(request.baseId), await this.get(request.newId)];
    return diffSnapshots(base, next, {
      by: request.by,
      sample: request.sample,
      filter,
      foldRuntime: request.foldRuntime,
    });
  }

  private keep(snapshot: LoadedSnapshot): string {
    const snapshotId = randomBytes(12).toString('base64url');
    this.loaded.set(snapshotId, snapshot);
    while (this.loaded.size > KEEP_SNAPSHOTS) this.loaded.delete(this.loaded.keys().next().value!);
    return snapshotId;
  }

  private async get(snapshotId: string): Promise<LoadedSnapshot> {
    const snapshot = this.loaded.get(snapshotId);
    if (snapshot) return snapshot;
    const input = this.reloadable.get(snapshotId);
    if (!input) throw new GclensError('not-found', 'that snapshot is no longer loaded: open it again');
    const reloaded = await loadSnapshot(input.path, input.name);
    this.loaded.set(snapshotId, reloaded);
    while (this.loaded.size > KEEP_SNAPSHOTS) this.loaded.delete(this.loaded.keys().next().value!);
    return reloaded;
  }
}
