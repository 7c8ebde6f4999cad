/**
 * The session library in a real Chromium through the real `gclens serve`:
 * two sessions recorded from the leaking gcleak fixture (before and after,
 * as around a deploy) and one recorded over SSH from a box whose name must
 * not leave with a redacted report. The Sessions tab lists them, the SSH one
 * opens into the GC log view with charts and verdict, its report downloads
 * redacted and scriptless, and Compare snapshots diffs a heap profile of one
 * gcleak session against one of the other, each side saying which session.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttachUpdate, AttachView, EventChannel } from '../../src/shared/contract';
import type { Result } from '../../src/shared/result';
import type { SessionTarget } from '../../src/shared/session-manifest';
import { createBackend, type Backend } from '../../src/main/core/backend';
import { dataTextOf } from '../../src/main/report/report-html';
import { SessionReader, SessionWriter } from '../../src/main/session';
import { gctraceText, parseGctrace } from '../../src/main/session/test-support';
import { launchChromium } from '../helpers/chromium';
import { leakedBytes, startLeakingGcleak, waitFor, type Gcleak } from '../helpers/gcleak-process';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { AppPage } from './pages/app-page';
import { SessionsPage } from './pages/sessions-page';
import { SnapshotDiffPage } from './pages/snapshot-diff-page';

const SHOT = (name: string) => `/tmp/gclens-library-${name}.png`;
const SSH_TARGET: SessionTarget = {
  host: 'alice@db7.prod.example.com:22',
  pid: 4242,
  user: 'svc-orders',
  command: '/srv/orders -listen 10.20.30.40:6060',
  runtime: 'go',
  version: 'go1.22.5',
  processStartedAt: '2024-05-01T10:00:00.000Z',
};

const dir = mkdtempSync(join(tmpdir(), 'gclens-e2e-library-'));
const sessionsDir = join(dir, 'sessions');
const sessionsBefore = process.env.GCLENS_SESSIONS_DIR;
let gcleak: Gcleak | undefined;
let serve: ServeProcess | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;

/** One attach of gcleak through the backend API, until it has taken two heap profiles: its session id and heap artifacts. */
async function recordGcleak(backend: Backend, updates: AttachUpdate[]): Promise<{ sessionId: string; heapArtifacts: string[] }> {
  const result = (await backend.dispatch('session:attach', { pid: gcleak!.pid, options: { pprofIntervalSec: 1 } })) as Result<AttachView>;
  if (!result.ok) throw new Error(result.error.message);
  const { attachId, sessionDir } = result.value;
  const heaps = () => updates.filter((u) => u.attachId === attachId).flatMap((u) => u.snapshots).filter((s) => s.kind === 'heap').length;
  await waitFor('two heap profiles', () => heaps() >= 2);
  await backend.dispatch('session:detach', { attachId });
  const reader = await SessionReader.open(sessionDir);
  const heapArtifacts = reader.artifacts.filter((a) => a.kind === 'pprof' && /heap/.test(a.path)).map((a) => a.id);
  return { sessionId: reader.manifest.sessionId, heapArtifacts };
}

/** A session as an SSH attach records it (SessionWriter, a leaking gctrace), with names redaction must remove. */
async function recordSshSession(): Promise<string> {
  let t = Date.parse('2024-05-01T10:05:00.000Z');
  const writer = await SessionWriter.create(join(sessionsDir, 'ssh-orders'), { target: SSH_TARGET }, { now: () => new Date((t += 250)) });
  const text = gctraceText(1, 300);
  const trace = await writer.addArtifact('gctrace', '/var/log/orders/stderr.log', '', '/home/alice/orders/stderr.log', { growing: true });
  await writer.appendToArtifact(trace.id, text);
  await writer.appendEvents(parseGctrace(text, trace.path), { artifact: trace.id });
  await writer.finishArtifact(trace.id);
  await writer.close();
  return writer.manifest.sessionId;
}

const ids = { before: '', after: '', ssh: '' };
/** Each gcleak session's heap profile artifact ids, in the order taken. */
const heaps: { before: string[]; after: string[] } = { before: [], after: [] };

beforeAll(async () => {
  gcleak = await startLeakingGcleak(join(dir, 'gcleak.stderr.log'));
  const updates: AttachUpdate[] = [];
  const backend = createBackend({
    transport: 'serve',
    emit: <E extends EventChannel>(channel: E, payload: unknown) => channel === 'session:update' && updates.push(payload as AttachUpdate),
    sessionsDir,
  });
  try {
    const before = await recordGcleak(backend, updates);
    // The compare below wants the leak to outgrow the churn's sampling noise between the two profiles,
    // whatever the machine's load: wait for 16 MiB more leaked, not for a time.
    const leakedAtBefore = await leakedBytes(gcleak!);
    await waitFor('16 MiB more leaked', async () => (await leakedBytes(gcleak!)) >= leakedAtBefore + 16 * 2 ** 20);
    const after = await recordGcleak(backend, updates);
    [ids.before, heaps.before, ids.after, heaps.after] = [before.sessionId, before.heapArtifacts, after.sessionId, after.heapArtifacts];
  } finally {
    await backend.dispose();
  }
  ids.ssh = await recordSshSession();
  process.env.GCLENS_SESSIONS_DIR = sessionsDir;
  [serve, browser] = await Promise.all([startServe(), launchChromium()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
}, 240_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await serve?.stop();
  await gcleak?.kill();
  if (sessionsBefore === undefined) delete process.env.GCLENS_SESSIONS_DIR;
  else process.env.GCLENS_SESSIONS_DIR = sessionsBefore;
  rmSync(dir, { recursive: true, force: true });
});

describe('the session library in serve mode', () => {
  it('lists, opens, exports redacted, and compares two sessions', async () => {
    const page = await context!.newPage();
    const app = new AppPage(page);
    const sessions = new SessionsPage(app);
    try {
      await app.open(serve!.url);
      await sessions.show(3);
      await expect.poll(() => sessions.row(ids.ssh).getByTestId('session-status').innerText()).toBe('ended cleanly');
      await sessions.filter('db7');
      expect(await sessions.visibleSessionIds()).toEqual([ids.ssh]);
      await sessions.filter('');
      await page.screenshot({ path: SHOT('sessions'), fullPage: true });

      await sessions.open(ids.ssh);
      expect(await app.byTestId('verdict').getAttribute('data-verdict')).toBe('leak');
      const previewed = await sessions.previewRedaction();
      expect(previewed).toEqual(expect.arrayContaining(['db7.prod.example.com', '10.20.30.40', 'alice']));
      await page.screenshot({ path: SHOT('session-open'), fullPage: true });

      const { fileName, text } = await sessions.download('export-html');
      expect(fileName).toMatch(/^gclens-report-[\w.-]+-redacted\.html$/);
      expect(JSON.parse(dataTextOf(text)!).analysis.verdict).toBe('leak');
      expect(text).not.toMatch(/<script/i);
      for (const secret of ['db7.prod.example.com', '10.20.30.40', 'svc-orders']) expect(text).not.toContain(secret);
      await app.byTestId('export-print-link').waitFor({ state: 'visible' });

      await app.byTestId('tab-snapshots').click();
      await sessions.pickSnapshot('base', ids.before, heaps.before[0]!);
      await sessions.pickSnapshot('new', ids.after, heaps.after.at(-1)!);
      // Both sides hold a raw/000N-heap of gcleak: each says plainly which session, so before and after read apart.
      const origins = { base: await sessions.snapshotOrigin('base'), new: await sessions.snapshotOrigin('new') };
      expect(origins.base.sessionId).toBe(ids.before);
      expect(origins.new.sessionId).toBe(ids.after);
      const label = new RegExp(`^From session\\s+gcleak · pid ${gcleak!.pid} · this machine · captured \\d{1,2} \\w{3,4} \\d{4}, \\d\\d:\\d\\d:\\d\\d$`, 'i');
      expect(origins.base.text).toMatch(label);
      expect(origins.new.text).toMatch(label);
      expect(origins.base.text).not.toBe(origins.new.text);
      const diff = new SnapshotDiffPage(app);
      await diff.waitForDiff();
      expect((await diff.topRow()).key).toBe('main.retainHeader');
      await page.screenshot({ path: SHOT('compare'), fullPage: true });
    } catch (err) {
      await page.screenshot({ path: SHOT('failure'), fullPage: true }).catch(() => undefined);
      throw err;
    } finally {
      await page.close();
    }
  }, 240_000);
});
