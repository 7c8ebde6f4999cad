/**
 * The session library through the backend API (dispatch, as both transports
 * call it), on a session recorded from the real gcleak fixture: listed with
 * its metadata, opened offline into the same view as files:open of its raw
 * gctrace, its snapshots compared, exported as a report and a bundle, the
 * bundle imported into another library, and deletion limited to the
 * library's own sessions by id.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttachUpdate, AttachView, EventChannel, ExportedReport, LibraryList, OpenedFile, OpenedSession, OpenedSnapshot, RedactionPreview, SessionSummary } from '../src/shared/contract';
import type { Result } from '../src/shared/result';
import type { SnapshotDiff } from '../src/shared/snapshot';
import { createBackend, type Backend } from '../src/main/core/backend';
import { readSessionEvents } from '../src/main/attach/session-events';
import { dataTextOf } from '../src/main/report/report-html';
import { startLeakingGcleak, waitFor, type Gcleak } from './helpers/gcleak-process';

const dir = mkdtempSync(join(tmpdir(), 'gclens-library-'));
const sessionsDir = join(dir, 'sessions');
let gcleak: Gcleak | undefined;
let backend: Backend;
const updates: AttachUpdate[] = [];

async function call<T>(on: Backend, channel: string, request?: unknown): Promise<T> {
  const result = (await on.dispatch(channel, request)) as Result<T>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

async function refused(on: Backend, channel: string, request: unknown): Promise<string> {
  const result = (await on.dispatch(channel, request)) as Result<unknown>;
  expect(result.ok).toBe(false);
  return result.ok ? '' : `${result.error.kind}: ${result.error.message}`;
}

beforeAll(async () => {
  gcleak = await startLeakingGcleak(join(dir, 'gcleak.stderr.log'));
  backend = createBackend({
    transport: 'serve',
    emit: <E extends EventChannel>(channel: E, payload: unknown) => {
      if (channel === 'session:update') updates.push(payload as AttachUpdate);
    },
    sessionsDir,
  });
  const view = await call<AttachView>(backend, 'session:attach', { pid: gcleak.pid, options: { pprofIntervalSec: 1 } });
  const heaps = () => updates.flatMap((u) => u.snapshots).filter((s) => s.kind === 'heap').length;
  await waitFor('40 GC events and two heap profiles', () => (updates.at(-1)?.counts.events ?? 0) >= 40 && heaps() >= 2);
  await call(backend, 'session:detach', { attachId: view.attachId });
}, 180_000);

afterAll(async () => {
  await backend?.dispose();
  await gcleak?.kill();
  rmSync(dir, { recursive: true, force: true });
});

async function theSession(): Promise<SessionSummary> {
  const list = await call<LibraryList>(backend, 'library:list');
  expect(list.dir).toBe(sessionsDir);
  expect(list.sessions).toHaveLength(1);
  return list.sessions[0]!;
}

describe('the session library', () => {
  it('lists the recorded session with its target, capture, size and end', async () => {
    const session = await theSession();
    const { reader, records } = await readSessionEvents(join(sessionsDir, session.folderName));
    expect(session).toMatchObject({
      sessionId: reader.manifest.sessionId,
      host: 'this machine',
      pid: gcleak!.pid,
      runtime: 'go',
      status: 'complete',
      artifactCount: reader.manifest.artifacts.length,
      eventRecords: records.length,
      fromBundle: false,
      startedAt: reader.manifest.capture.startedAt,
      endedAt: reader.manifest.capture.endedAt,
    });
    expect(session.version).toMatch(/^go1\./);
    expect(session.command).toContain('gcleak');
    expect(session.endedAt).not.toBeNull();
    expect(session.sizeBytes).toBeGreaterThan(reader.manifest.artifacts.reduce((sum, a) => sum + a.bytes, 0));
    expect(session.snapshots.filter((s) => s.kind === 'pprof').length).toBeGreaterThanOrEqual(2);
  });

  it('opens the session into the same view, verdict and evidence as files:open of its raw gctrace', async () => {
    const session = await theSession();
    const opened = await call<OpenedSession>(backend, 'library:open', { sessionId: session.sessionId, requestId: 'r1' });
    const { reader } = await readSessionEvents(join(sessionsDir, session.folderName));
    const gctrace = reader.artifacts.find((a) => a.kind === 'gctrace')!;
    const direct = await call<OpenedFile>(backend, 'files:open', { requestId: 'r2', sources: [{ kind: 'path', path: reader.artifactPath(gctrace.id) }] });
    const file = opened.file!;
    expect(file.names).toEqual([gctrace.path]);
    expect(file.summary).toEqual(direct.summary);
    expect(file.heap).toEqual(direct.heap);
    expect(file.pauses).toEqual(direct.pauses);
    expect(file.analysis.verdict).toBe(direct.analysis.verdict);
    expect(file.analysis.findings.map((f) => f.rule)).toEqual(direct.analysis.findings.map((f) => f.rule));
    // Evidence cites the session's artifact path, and its lines read back through files:lines.
    const lines = await call<{ lines: Array<{ line: number; text: string }> }>(backend, 'files:lines', { fileId: file.fileId, file: gctrace.path, fromLine: 1, toLine: 2 });
    expect(lines.lines[0]!.text).toMatch(/^gc 1 @/);
  });

  it('compares two of its heap snapshots', async () => {
    const session = await theSession();
    const heaps = session.snapshots.filter((s) => s.kind === 'pprof' && /heap/.test(s.path));
    const open = (artifactId: string) => call<OpenedSnapshot>(backend, 'library:snapshot', { sessionId: session.sessionId, artifactId, requestId: 'r3' });
    const base = await open(heaps[0]!.artifactId);
    const next = await open(heaps.at(-1)!.artifactId);
    const diff = await call<SnapshotDiff>(backend, 'snapshot:diff', { baseId: base.snapshotId, newId: next.snapshotId });
    expect(diff.rows[0]!.key).toBe('main.retainHeader');
    const processInfo = (await readSessionEvents(join(sessionsDir, session.folderName))).reader.artifacts.find((a) => a.kind === 'process-info')!;
    expect(await refused(backend, 'library:snapshot', { sessionId: session.sessionId, artifactId: processInfo.id, requestId: 'r4' })).toMatch(/not a snapshot/);
  });

  it('exports a redacted HTML report, with a preview of what redaction removes', async () => {
    const { sessionId } = await theSession();
    const preview = await call<RedactionPreview>(backend, 'report:redaction-preview', { subject: { kind: 'session', sessionId } });
    expect(Array.isArray(preview.items)).toBe(true);
    const exported = await call<ExportedReport>(backend, 'report:export', { subject: { kind: 'session', sessionId }, format: 'html', redact: true });
    expect(exported.fileName).toMatch(/^gclens-report-[A-Za-z0-9._-]+-redacted\.html$/);
    const html = readFileSync(backend.exports.get(exported.exportId).path, 'utf8');
    expect(JSON.parse(dataTextOf(html)!).analysis.verdict).toBe(exported.verdict);
    expect(html).not.toMatch(/<script/i);
  });

  it('imports a bundle it exported into another library, and refuses it in its own', async () => {
    const { sessionId } = await theSession();
    const exported = await call<ExportedReport>(backend, 'report:export', { subject: { kind: 'session', sessionId }, format: 'bundle', redact: false });
    const bundle = backend.exports.get(exported.exportId).path;
    expect(await refused(backend, 'library:import', { source: { kind: 'path', path: bundle } })).toMatch(/in the library already/);

    const other = createBackend({ transport: 'serve', emit: () => undefined, sessionsDir: join(dir, 'other-library') });
    try {
      const imported = await call<SessionSummary>(other, 'library:import', { source: { kind: 'path', path: bundle } });
      expect(imported).toMatchObject({ sessionId, fromBundle: true, status: 'complete' });
      expect((await call<LibraryList>(other, 'library:list')).sessions.map((s) => s.sessionId)).toEqual([sessionId]);
      const opened = await call<OpenedSession>(other, 'library:open', { sessionId, requestId: 'r5' });
      expect(opened.file!.analysis.verdict).toBe(exported.verdict);
    } finally {
      await other.dispose();
    }
  });

  it('deletes only a session of its own, by id, and refuses bogus ids and paths', async () => {
    const session = await theSession();
    const folder = join(sessionsDir, session.folderName);
    // The same session copied outside the library, and a folder in it that is not a session: neither may go.
    const outside = join(dir, 'outside-copy');
    cpSync(folder, outside, { recursive: true });
    mkdirSync(join(sessionsDir, 'notes'));
    writeFileSync(join(sessionsDir, 'notes', 'todo.txt'), 'keep me');

    expect(await refused(backend, 'library:delete', { sessionId: 'no-such-session-1' })).toMatch(/^not-found/);
    expect(await refused(backend, 'library:delete', { sessionId: '../../etc' })).toMatch(/^invalid-argument/);
    expect(await refused(backend, 'library:delete', { sessionId: folder })).toMatch(/^invalid-argument/);
    expect(await refused(backend, 'library:delete', { sessionId: session.sessionId, path: folder })).toMatch(/^invalid-argument/);

    expect(await call(backend, 'library:delete', { sessionId: session.sessionId })).toEqual({ sessionId: session.sessionId });
    expect(existsSync(folder)).toBe(false);
    expect(existsSync(join(outside, 'manifest.json'))).toBe(true);
    expect(readFileSync(join(sessionsDir, 'notes', 'todo.txt'), 'utf8')).toBe('keep me');
    expect((await call<LibraryList>(backend, 'library:list')).sessions).toEqual([]);
    expect(await refused(backend, 'library:open', { sessionId: session.sessionId, requestId: 'r6' })).toMatch(/^not-found/);
  });
});
