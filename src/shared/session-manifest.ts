/**
 * The session folder's manifest and event lines (docs/session-format.md).
 * Versioned: a reader refuses a schemaVersion it does not know rather than
 * guess. The JSON names are fixed; reports, bundles and `gclens verify`
 * depend on them. The zod schema sits beside the types because a manifest is
 * input like any other: it may come from an imported folder or bundle.
 */
import { z } from 'zod';
import type { ParsedRecord, Runtime } from './gc-event';

export const SESSION_SCHEMA_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
export const EVENTS_FILE = 'events.ndjson';
/** Artifact entries added or changed since manifest.json was last rewritten. */
export const JOURNAL_FILE = 'journal.ndjson';
export const RAW_DIR = 'raw';
/** Present while a writer has the session open (its pid and host inside). */
export const LOCK_FILE = 'writer.lock';

export const ARTIFACT_KINDS = [
  'gc-log', // a JVM GC log, or a slice of it tailed during the capture
  'gctrace', // Go GODEBUG=gctrace=1 lines from stderr, a file or the journal
  'pprof', // a protobuf profile from /debug/pprof
  'goroutine-text', // goroutine?debug=1 or debug=2
  'heap-text', // heap?debug=1 with its runtime.MemStats block
  'class-histogram', // jcmd GC.class_histogram, jmap -histo
  'nmt', // jcmd VM.native_memory summary
  'hprof', // a heap dump
  'jcmd-output', // any other jcmd answer (GC.heap_info, VM.flags, VM.command_line…)
  'jstat', // jstat -gc samples
  'debug-vars', // /debug/vars (expvar JSON)
  'process-info', // what discovery read about the process (/proc, build info)
  'other',
] as const;
export type ArtifactKind = (typeof ARTIFACT_KINDS)[number];

export interface ArtifactEntry {
  /** Stable within the session: "a0001", "a0002"… */
  id: string;
  /** Relative to the session folder, always `raw/<name>`: `raw/0003-heap-debug1.txt`. */
  path: string;
  /** One of ARTIFACT_KINDS; a session from a newer gclens may hold a kind this one does not know. */
  kind: ArtifactKind | (string & {});
  /** The command argv joined with spaces, the URL path, or the file the bytes came from. */
  source: string;
  /** ISO-8601 (local clock): when the first byte was recorded. */
  capturedAt: string;
  /** ISO-8601 (local clock): when the last byte counted in `bytes` was recorded. */
  updatedAt: string;
  bytes: number;
  /** SHA-256 of the first `bytes` bytes of the file, lowercase hex. */
  sha256: string;
  /** Still open for appends (a log being tailed). */
  growing: boolean;
  /**
   * The writer finished the artifact and recorded its final size and hash.
   * False while growing, after a crash mid-write, and when a reader had to
   * recompute size and hash from the file because the manifest lagged.
   */
  complete: boolean;
}

export interface SessionTarget {
  /** The Host label: "this machine", "user@box:22". */
  host: string;
  /** Null for sessions built from files rather than a live process. */
  pid: number | null;
  user: string | null;
  /** The process's command line, arguments joined with spaces. */
  command: string | null;
  runtime: Runtime | null;
  /** The Go or Java version, e.g. "go1.22.5", "17.0.11". */
  version: string | null;
  /** ISO-8601, on the target's clock. */
  processStartedAt: string | null;
}

export interface SessionCapture {
  startedAt: string;
  /** Null while recording, or when the writer never closed (a crash). */
  endedAt: string | null;
  /** Each time a writer reopened the session to continue recording. */
  resumedAt: string[];
}

/** What a writer repaired when it reopened a session that had not closed cleanly. */
export interface SessionRecovery {
  at: string;
  /** Bytes of a torn last event line cut from events.ndjson. */
  tornEventBytes: number;
  /** Artifacts whose size and hash were recomputed from their raw file. */
  artifacts: string[];
}

export interface SessionManifest {
  schemaVersion: typeof SESSION_SCHEMA_VERSION;
  /** Random, so a session library can tell two folders apart (and copies alike). */
  sessionId: string;
  gclensVersion: string;
  target: SessionTarget;
  capture: SessionCapture;
  /** Remote clock minus local clock, in ms; null when the target is this machine. */
  clockOffsetMs: number | null;
  /** `records`: sequence numbers 1..records were durable at the last manifest write. */
  events: { path: typeof EVENTS_FILE; records: number };
  /**
   * Journal lines up to and including `seq` are folded into `artifacts`;
   * later lines (each a whole ArtifactEntry, the last for an id winning) are not.
   */
  journal: { path: typeof JOURNAL_FILE; seq: number };
  artifacts: ArtifactEntry[];
  recoveries: SessionRecovery[];
}

/**
 * The records a session's events file holds. New record types join this
 * union; a reader hands through any object with a string `type`.
 */
export type SessionRecord = ParsedRecord;

/** One line of journal.ndjson. */
export interface JournalLine {
  seq: number;
  artifact: ArtifactEntry;
}

/** One line of events.ndjson. */
export interface SessionEvent {
  /** 1, 2, 3… in file order, never reused. */
  seq: number;
  /** ISO-8601 (local clock): when gclens recorded it. */
  recordedAt: string;
  /** The id of the artifact the record was parsed from, when there is one. */
  artifact?: string;
  record: SessionRecord;
}

const isoTime = z.iso.datetime({ offset: true });
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
// Only a plain file name under raw/: a manifest from an imported folder must
// not be able to point a reader outside the session.
const artifactPath = z.string().regex(/^raw\/[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/);
const artifactId = z.string().regex(/^a\d{4,9}$/);
const count = z.number().int().nonnegative();

export const artifactEntrySchema = z.object({
  id: artifactId,
  path: artifactPath,
  // Lenient on purpose: a kind added later must not make a whole session unreadable to this version.
  kind: z.union([z.enum(ARTIFACT_KINDS), z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/)]),
  source: z.string().max(65_536),
  capturedAt: isoTime,
  updatedAt: isoTime,
  bytes: count,
  sha256: sha256Hex,
  growing: z.boolean(),
  complete: z.boolean(),
});

export const sessionManifestSchema = z
  .object({
    schemaVersion: z.literal(SESSION_SCHEMA_VERSION),
    sessionId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
    gclensVersion: z.string().min(1).max(100),
    target: z.object({
      host: z.string().max(1000),
      pid: z.number().int().positive().nullable(),
      user: z.string().max(1000).nullable(),
      command: z.string().max(65_536).nullable(),
      runtime: z.enum(['go', 'jvm']).nullable(),
      version: z.string().max(200).nullable(),
      processStartedAt: isoTime.nullable(),
    }),
    capture: z.object({
      startedAt: isoTime,
      endedAt: isoTime.nullable(),
      resumedAt: z.array(isoTime),
    }),
    clockOffsetMs: z.number().finite().nullable(),
    events: z.object({ path: z.literal(EVENTS_FILE), records: count }),
    journal: z.object({ path: z.literal(JOURNAL_FILE), seq: count }),
    artifacts: z.array(artifactEntrySchema),
    recoveries: z.array(z.object({ at: isoTime, tornEventBytes: count, artifacts: z.array(artifactId) })),
  })
  .superRefine((m, ctx) => {
    const ids = new Set<string>();
    const paths = new Set<string>();
    m.artifacts.forEach((a, i) => {
      if (ids.has(a.id)) ctx.addIssue({ code: 'custom', path: ['artifacts', i, 'id'], message: `duplicate artifact id ${a.id}` });
      if (paths.has(a.path)) ctx.addIssue({ code: 'custom', path: ['artifacts', i, 'path'], message: `duplicate artifact path ${a.path}` });
      ids.add(a.id);
      paths.add(a.path);
    });
  });

// Pins the schema's output to the interfaces above, both ways: they cannot drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _pinned: Same<z.infer<typeof sessionManifestSchema>, SessionManifest> = true;
const _pinnedEntry: Same<z.infer<typeof artifactEntrySchema>, ArtifactEntry> = true;
