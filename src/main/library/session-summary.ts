/**
 * What the library shows of one session folder: its manifest's target and
 * capture, whether it ended cleanly or was cut off, how big it is, and its
 * snapshot artifacts (for Compare snapshots). Read-only, like SessionReader.
 */
import { lstat, readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { SessionSnapshotRef, SessionStatus, SessionSummary } from '../../shared/library-contract';
import { MANIFEST_FILE } from '../../shared/session-manifest';
import { type SessionReader } from '../session/session-reader';

/** Artifact kinds Compare snapshots can load. */
export const SNAPSHOT_KINDS: ReadonlySet<string> = new Set(['pprof', 'goroutine-text', 'heap-text', 'class-histogram', 'nmt', 'hprof']);

/** Bytes of every regular file under `dir` (links are not followed). */
export async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += await folderBytes(path);
    else if (entry.isFile()) total += (await lstat(path)).size;
  }
  return total;
}

function statusOf(reader: SessionReader): SessionStatus {
  if (reader.recording) return 'recording';
  return reader.manifest.capture.endedAt === null ? 'cut-off' : 'complete';
}

export async function summariseSession(reader: SessionReader): Promise<SessionSummary> {
  const { manifest } = reader;
  const status = statusOf(reader);
  const snapshots: SessionSnapshotRef[] = manifest.artifacts
    .filter((a) => SNAPSHOT_KINDS.has(a.kind) && a.bytes > 0)
    .map((a) => ({ artifactId: a.id, path: a.path, kind: a.kind, capturedAt: a.capturedAt, bytes: a.bytes }));
  return {
    sessionId: manifest.sessionId,
    folderName: basename(reader.dir),
    host: manifest.target.host,
    pid: manifest.target.pid,
    command: manifest.target.command,
    runtime: manifest.target.runtime,
    version: manifest.target.version,
    startedAt: manifest.capture.startedAt,
    endedAt: manifest.capture.endedAt,
    status,
    sizeBytes: await folderBytes(reader.dir),
    artifactCount: manifest.artifacts.length,
    eventRecords: status === 'complete' ? manifest.events.records : await countEvents(reader),
    snapshots,
    fromBundle: await isFromBundle(reader.dir),
  };
}

/** The reader's schema drops the `bundle` section a bundle's manifest adds, so look at the file itself. */
async function isFromBundle(dir: string): Promise<boolean> {
  const json = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as { bundle?: unknown };
  return typeof json.bundle === 'object' && json.bundle !== null;
}

/**
 * A closed session's manifest counts its events exactly. Otherwise it lags
 * the events file (and says 0 after a crash before its first rewrite), so
 * the file is counted; a torn last line is not a record.
 */
async function countEvents(reader: SessionReader): Promise<number> {
  const events = reader.events();
  for await (const _event of events) {
    // counted in events.stats
  }
  return events.stats.records;
}
