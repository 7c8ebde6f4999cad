/**
 * A recorded session folder as input to the engines: its raw artifacts of
 * the kinds the engines read (GC logs and snapshots), under the names the
 * manifest gives them, so evidence cites `raw/0001-gctrace.log`.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_FILE, type ArtifactKind } from '../../shared/session-manifest';
import { SessionReader } from '../session/session-reader';
import type { AnalysisInputFile } from './analysis-inputs';

/** The artifact kinds the engines read: GC logs and snapshots. */
export const READ_KINDS: ReadonlySet<string> = new Set<ArtifactKind>(['gctrace', 'gc-log', 'pprof', 'goroutine-text', 'heap-text', 'class-histogram', 'nmt', 'hprof']);

export async function isSessionFolder(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => null);
  if (!info?.isDirectory()) return false;
  return (await stat(join(path, MANIFEST_FILE)).catch(() => null))?.isFile() === true;
}

/** The readable, non-empty artifacts of a session (one still recording, or left by a crash, too). */
export async function sessionArtifactInputs(dir: string): Promise<AnalysisInputFile[]> {
  const reader = await SessionReader.open(dir);
  return reader.artifacts.filter((entry) => READ_KINDS.has(entry.kind) && entry.bytes > 0).map((entry) => ({ path: reader.artifactPath(entry.id), name: entry.path }));
}
