/**
 * What every collector is, and what it hands its results to. A collector
 * reads one source of one target through a Host only (so it runs unchanged
 * over SSH), writes the raw bytes to the session first and parses them
 * second, and owns every timer, tail and child process it starts: stop()
 * ends all of them, and nothing is delivered after it resolves.
 */
import type { CollectorState, JstatSample, LiveSnapshotKind } from '../../shared/contract';
import type { ParsedRecord } from '../../shared/gc-event';
import type { ArtifactEntry } from '../../shared/session-manifest';
import type { Host } from '../host/host';
import type { SessionWriter } from '../session';
import type { LoadedSnapshot } from '../snapshots/snapshot-registry';

/** A snapshot a collector took: its raw artifact is already in the session. */
export interface TakenSnapshot {
  kind: LiveSnapshotKind;
  takenAt: Date;
  artifact: ArtifactEntry;
  loaded: LoadedSnapshot;
}

/** Where collectors deliver; the Attach implements it. */
export interface CollectorSink {
  /** Records parsed from one artifact, in order. */
  records(records: ParsedRecord[], artifactId: string): void;
  jstat(samples: JstatSample[], artifactId: string): void;
  snapshot(taken: TakenSnapshot): void;
  /** Something the engineer should know (a source missing, a parse failure). */
  note(text: string): void;
  status(state: CollectorState): void;
  /** A sign the target may have exited (a follower ended, a refused connection): the Attach checks /proc. */
  suspectExit(why: string): void;
}

/** What collectors may do to the session: add and grow artifacts. Events and closing belong to the Attach. */
export type SessionArtifacts = Pick<SessionWriter, 'dir' | 'addArtifact' | 'appendToArtifact' | 'finishArtifact'>;

export interface CollectorContext {
  host: Host;
  session: SessionArtifacts;
  sink: CollectorSink;
}

export interface Collector {
  /** The name in CollectorState: gctrace, gc-log, pprof, memstats, jstat, jvm. */
  readonly name: string;
  start(): Promise<void>;
  /**
   * Ends every timer, tail and child. `final`: the target is gone or the
   * attach ends, so read what is left (the end of a log) before stopping.
   */
  stop(options?: { final?: boolean }): Promise<void>;
}

/** A message from anything thrown, for notes and states. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
