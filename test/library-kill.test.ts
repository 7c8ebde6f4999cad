/**
 * Killing the backend in the middle of a recording, then reopening the
 * session, shows everything up to the kill. A real `gclens serve` attaches
 * to the leaking gcleak fixture through the API; once events flow, the
 * target is paused (so the session folder stops changing and what it holds
 * can be pinned down) and the server is SIGKILLed: no clean-up runs. A new
 * server on the same sessions dir lists the session as cut off and opens
 * every GC event the folder holds, at least all those seen live.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AttachUpdate, AttachView, LibraryList, OpenedSession } from '../src/shared/contract';
import type { GcEvent } from '../src/shared/gc-event';
import { readSessionEvents } from '../src/main/attach/session-events';
import { startLeakingGcleak, waitFor, type Gcleak } from './helpers/gcleak-process';
import { ServeClient } from './helpers/serve-client';
import { startServe, type ServeProcess } from './helpers/serve-process';

const dir = mkdtempSync(join(tmpdir(), 'gclens-library-kill-'));
const sessionsDir = join(dir, 'sessions');
const servers: ServeProcess[] = [];
let gcleak: Gcleak | undefined;
const sessionsBefore = process.env.GCLENS_SESSIONS_DIR;

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await gcleak?.kill();
  if (sessionsBefore === undefined) delete process.env.GCLENS_SESSIONS_DIR;
  else process.env.GCLENS_SESSIONS_DIR = sessionsBefore;
  rmSync(dir, { recursive: true, force: true });
});

async function serve(): Promise<{ server: ServeProcess; client: ServeClient }> {
  // The server inherits it: the test's sessions dir, not the user's.
  process.env.GCLENS_SESSIONS_DIR = sessionsDir;
  const server = await startServe();
  servers.push(server);
  return { server, client: await ServeClient.connect(server) };
}

const gcEvents = (records: Array<{ type: string }>) => records.filter((r): r is GcEvent => r.type === 'gc');
const gcLinesIn = (path: string) => readFileSync(path, 'utf8').split('\n').filter((line) => /^gc \d+ @/.test(line)).length;

describe('a recording whose backend is killed', () => {
  it('reopens from the library with every event up to the kill, marked as cut off', async () => {
    gcleak = await startLeakingGcleak(join(dir, 'gcleak.stderr.log'));
    const first = await serve();
    const view = await first.client.call<AttachView>('session:attach', { pid: gcleak.pid });
    const seenLive = () => {
      const updates = first.client.events.filter((e) => e.channel === 'session:update').map((e) => e.payload as AttachUpdate);
      return updates.at(-1)?.counts.events ?? 0;
    };
    await waitFor('20 GC events seen live', () => seenLive() >= 20);

    // Paused, the target writes no more gctrace: once the session's events catch up with its raw log, the folder is still.
    gcleak.child.kill('SIGSTOP');
    const rawLog = async () => {
      const { reader } = await readSessionEvents(view.sessionDir);
      return reader.artifactPath(reader.artifacts.find((a) => a.kind === 'gctrace')!.id);
    };
    await waitFor('the events file to hold every gctrace line', async () => gcEvents((await readSessionEvents(view.sessionDir)).records).length === gcLinesIn(await rawLog()));
    const seenBeforeKill = seenLive();
    await first.server.kill('SIGKILL');

    const { records, stats } = await readSessionEvents(view.sessionDir);
    const held = gcEvents(records);
    expect(stats.tornRecords).toBeLessThanOrEqual(1);

    const second = await serve();
    const library = await second.client.call<LibraryList>('library:list');
    const session = library.sessions.find((s) => s.folderName === view.sessionDir.split('/').at(-1));
    expect(session).toMatchObject({ status: 'cut-off', endedAt: null, pid: gcleak.pid, runtime: 'go', eventRecords: records.length });

    const opened = await second.client.call<OpenedSession>('library:open', { sessionId: session!.sessionId, requestId: 'kill-1' });
    const file = opened.file!;
    expect(opened.session.status).toBe('cut-off');
    expect(file.summary.cycles).toBe(held.length);
    expect(file.summary.cycles).toBeGreaterThanOrEqual(seenBeforeKill);
    // Few enough to chart one by one: the same collections, in order, with the same pauses.
    expect(file.pauses.map((p) => p.id)).toEqual(held.map((e) => e.id));
    expect(file.pauses.map((p) => p.pauseMs)).toEqual(held.map((e) => e.pauseMs));
    expect(file.heap.map((h) => h.heapAfterBytes)).toEqual(held.map((e) => e.heapAfterBytes));
    second.client.close();
    first.client.close();
  }, 180_000);
});
