/**
 * Getting a folder ready for a SessionWriter: a new session laid out and
 * locked, or an existing one locked, loaded and repaired after a crash.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { GclensError } from '../../shared/result';
import {
  EVENTS_FILE,
  JOURNAL_FILE,
  MANIFEST_FILE,
  RAW_DIR,
  SESSION_SCHEMA_VERSION,
  type SessionManifest,
  type SessionTarget,
} from '../../shared/session-manifest';
import { ArtifactFile } from './artifact-file';
import { artifactIndex } from './artifact-name';
import { readManifest, writeManifest } from './manifest-file';
import { NdjsonLog, type NdjsonLogOptions } from './ndjson-log';
import { loadSession } from './session-load';
import { acquireSessionLock, type SessionLock } from './session-lock';

/** Journal lines are rare (an artifact added, a growing one's progress) and fsynced at once. */
const JOURNAL_OPTIONS: NdjsonLogOptions = { flushMs: 0, batchRecords: 1, batchBytes: 0 };

export interface WriterSetup {
  now: Date;
  /** The writer's clock, for when bytes were written. */
  nowMs: () => number;
  gclensVersion: string;
  events: NdjsonLogOptions;
}

/** Everything a writer starts from; on failure nothing is left open or locked. */
export interface WriterParts {
  dir: string;
  manifest: SessionManifest;
  events: NdjsonLog;
  journal: NdjsonLog;
  lock: SessionLock;
  /** The counter for the next artifact's id and file name. */
  nextIndex: number;
  /** Growing artifacts, open again for appends. */
  files: Map<string, ArtifactFile>;
  /** The logs exist before the writer does: their failures reach it once it sets this. */
  route: { onError: (err: Error) => void };
}

export async function prepareNewSession(
  dir: string,
  info: { target: SessionTarget; clockOffsetMs?: number | null },
  setup: WriterSetup,
): Promise<WriterParts> {
  await mkdir(dir, { recursive: true });
  const present = await readdir(dir);
  if (present.includes(MANIFEST_FILE)) {
    throw new GclensError('invalid-argument', `${dir} already holds a session: open it to continue recording`);
  }
  if (present.length > 0) throw new GclensError('invalid-argument', `${dir} is not empty: a new session needs a new or empty folder`);
  const lock = await acquireSessionLock(dir, setup.now);
  const manifest: SessionManifest = {
    schemaVersion: SESSION_SCHEMA_VERSION,
    sessionId: randomUUID(),
    gclensVersion: setup.gclensVersion,
    target: { ...info.target },
    capture: { startedAt: setup.now.toISOString(), endedAt: null, resumedAt: [] },
    clockOffsetMs: info.clockOffsetMs ?? null,
    events: { path: EVENTS_FILE, records: 0 },
    journal: { path: JOURNAL_FILE, seq: 0 },
    artifacts: [],
    recoveries: [],
  };
  try {
    await mkdir(join(dir, RAW_DIR));
    await writeManifest(dir, manifest);
    const logs = await openLogs(dir, manifest, setup.events);
    return { dir, manifest, ...logs, lock, nextIndex: 1, files: new Map() };
  } catch (err) {
    await lock.release();
    throw err;
  }
}

/**
 * After a crash this is where the folder is repaired: a torn event line is
 * cut, artifacts the manifest lagged behind are recomputed from their
 * files, growing artifacts reopen with their running hash, and the repair
 * is noted in `recoveries`. The caller writes the manifest.
 */
export async function prepareReopenedSession(dir: string, setup: WriterSetup): Promise<WriterParts> {
  await readManifest(dir); // "not a session" before any lock file lands in a stranger's folder
  const lock = await acquireSessionLock(dir, setup.now);
  let logs: Awaited<ReturnType<typeof openLogs>> | null = null;
  const files = new Map<string, ArtifactFile>();
  try {
    const { manifest, report, artifacts } = await loadSession(dir, true);
    logs = await openLogs(dir, manifest, setup.events);
    const at = setup.now.toISOString();
    if (manifest.capture.endedAt === null || logs.tornEventBytes > 0 || report.recomputed.length > 0) {
      manifest.recoveries.push({ at, tornEventBytes: logs.tornEventBytes, artifacts: report.recomputed });
    }
    manifest.capture.endedAt = null;
    manifest.capture.resumedAt.push(at);
    for (const entry of manifest.artifacts) {
      if (!entry.growing) continue;
      const found = artifacts.get(entry.id);
      if (found?.hashState && (found.state === 'ok' || found.state === 'recovered')) {
        files.set(entry.id, await ArtifactFile.resume(join(dir, entry.path), found.hashState, entry.bytes, setup.nowMs));
      } else {
        entry.growing = false; // missing or changed under us: appending would vouch for bytes we did not write
      }
    }
    // Numbers of files nobody listed (a crash between creating one and journalling it) are not reused either.
    const names = [...manifest.artifacts.map((a) => a.id), ...report.unlistedFiles.map((p) => p.slice(RAW_DIR.length + 1))];
    const indexes = names.map(artifactIndex).filter((i): i is number => i !== null);
    return { dir, manifest, ...logs, lock, nextIndex: Math.max(0, ...indexes) + 1, files };
  } catch (err) {
    await Promise.allSettled([...files.values()].map((f) => f.close()));
    if (logs) await Promise.allSettled([logs.events.close(), logs.journal.close()]);
    await lock.release();
    throw err;
  }
}

/** Opens both logs, cutting torn last lines; numbering goes on after what the manifest has seen. */
async function openLogs(dir: string, manifest: SessionManifest, eventOptions: NdjsonLogOptions) {
  const route = { onError: (_err: Error): void => undefined };
  const onError = (err: Error): void => route.onError(err);
  const events = await NdjsonLog.open(join(dir, EVENTS_FILE), eventOptions, onError, manifest.events.records);
  try {
    const journal = await NdjsonLog.open(join(dir, JOURNAL_FILE), JOURNAL_OPTIONS, onError, manifest.journal.seq);
    return { events: events.log, journal: journal.log, tornEventBytes: events.tornBytes, route };
  } catch (err) {
    await events.log.close();
    throw err;
  }
}
