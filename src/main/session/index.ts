/** The session folder (docs/session-format.md): record with SessionWriter, reopen offline with SessionReader. */
export { SessionWriter, type AddArtifactOptions, type ArtifactContent, type NewSession, type SessionWriterOptions } from './session-writer';
export { SessionReader, type ArtifactCheck } from './session-reader';
export type { EventReadStats, EventStream } from './event-stream';
export type { SessionLoadReport } from './session-load';
export { artifactSlug } from './artifact-name';
