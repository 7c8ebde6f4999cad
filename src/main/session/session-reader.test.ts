import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GclensError } from '../../shared/result';
import { SessionReader } from './session-reader';
import { SessionWriter } from './session-writer';
import { GO_TARGET, collect, gctraceText, parseGctrace, tempDir } from './test-support';

async function recorded(): Promise<string> {
  const writer = await SessionWriter.create(join(tempDir('reader'), 'session'), { target: GO_TARGET });
  await writer.addArtifact('pprof', 'heap', 'profile bytes', 'GET /debug/pprof/heap');
  await writer.close();
  return writer.dir;
}

function editManifest(dir: string, edit: (m: Record<string, unknown>) => void): void {
  const path = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  edit(manifest);
  writeFileSync(path, JSON.stringify(manifest));
}

async function openError(dir: string): Promise<GclensError> {
  const err = await SessionReader.open(dir).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GclensError);
  return err as GclensError;
}

describe('SessionReader.open on what is not a session', () => {
  it('names a missing folder, a file, and a folder without a manifest', async () => {
    const base = tempDir('not');
    expect(await openError(join(base, 'nowhere'))).toMatchObject({ kind: 'not-found', message: expect.stringMatching(/No such session folder/) });
    writeFileSync(join(base, 'file'), 'x');
    expect(await openError(join(base, 'file'))).toMatchObject({ kind: 'unsupported-format', message: expect.stringMatching(/is a file/) });
    mkdirSync(join(base, 'photos'));
    expect(await openError(join(base, 'photos'))).toMatchObject({
      kind: 'unsupported-format',
      message: expect.stringMatching(/is not a gclens session: it has no manifest.json/),
    });
  });

  it('refuses a manifest that is not JSON, has no version, or comes from a newer gclens', async () => {
    const dir = await recorded();
    writeFileSync(join(dir, 'manifest.json'), '{"schemaVersion": 1,');
    expect((await openError(dir)).message).toMatch(/is not valid JSON/);
    writeFileSync(join(dir, 'manifest.json'), '{"name": "package"}');
    expect((await openError(dir)).message).toMatch(/not a gclens session manifest \(no schemaVersion\)/);
    writeFileSync(join(dir, 'manifest.json'), '{"schemaVersion": 2}');
    expect((await openError(dir)).message).toMatch(/schema version 2; this gclens reads up to 1\. Open it with a newer gclens/);
    writeFileSync(join(dir, 'manifest.json'), '{"schemaVersion": "1"}');
    expect((await openError(dir)).message).toMatch(/unknown session schema version: "1"/);
  });

  it('refuses a manifest whose artifact paths lead out of the folder', async () => {
    for (const hostile of ['../../etc/passwd', 'raw/../../etc/passwd', '/etc/passwd', 'raw/a/b', 'raw/.hidden', 'raw/x\u0000y']) {
      const dir = await recorded();
      editManifest(dir, (m) => ((m.artifacts as Array<Record<string, unknown>>)[0]!.path = hostile));
      const err = await openError(dir);
      expect(err.message).toMatch(/is not a valid session manifest: artifacts\.0\.path/);
    }
  });

  it('reads an artifact kind from a newer gclens, but not one that is not a kind', async () => {
    const dir = await recorded();
    editManifest(dir, (m) => ((m.artifacts as Array<Record<string, unknown>>)[0]!.kind = 'memstats-ring'));
    expect((await SessionReader.open(dir)).artifacts[0]!.kind).toBe('memstats-ring');
    editManifest(dir, (m) => ((m.artifacts as Array<Record<string, unknown>>)[0]!.kind = '<b>heap</b>'));
    expect((await openError(dir)).message).toMatch(/artifacts\.0\.kind/);
  });

  it('names the field at fault in a damaged manifest', async () => {
    const dir = await recorded();
    editManifest(dir, (m) => ((m.artifacts as Array<Record<string, unknown>>)[0]!.sha256 = 'not-a-hash'));
    expect((await openError(dir)).message).toMatch(/artifacts\.0\.sha256/);
  });
});

describe('SessionReader on a session', () => {
  it('does not follow a raw file replaced by a symbolic link', async () => {
    const dir = await recorded();
    const outside = join(tempDir('outside'), 'secret');
    writeFileSync(outside, 'profile bytes'); // same size and content: only the link gives it away
    const path = join(dir, 'raw', '0001-heap');
    rmSync(path);
    symlinkSync(outside, path);
    const reader = await SessionReader.open(dir);
    expect(reader.report.missing).toEqual(['a0001']);
    expect((await reader.verifyArtifacts())[0]!.status).toBe('missing');
    await expect(reader.openArtifact('a0001')).rejects.toThrow(/has no raw file/);
  });

  it('reads a session while it is being recorded, and says so', async () => {
    const writer = await SessionWriter.create(join(tempDir('live'), 'session'), { target: GO_TARGET });
    await writer.appendEvents(parseGctrace(gctraceText(1, 3), 'raw/x'));
    const reader = await SessionReader.open(writer.dir);
    expect(reader.recording).toBe(true);
    expect(await collect(reader.events())).toHaveLength(3);
    await writer.close();
    expect((await SessionReader.open(writer.dir)).recording).toBe(false);
  });

  it('never sees a hole while the writer folds its journal into the manifest', async () => {
    const writer = await SessionWriter.create(join(tempDir('folding'), 'session'), { target: GO_TARGET });
    const source = `jcmd 4242 VM.flags ${'-XX:+SomeLongFlag '.repeat(60)}`;
    let writing = true;
    const recording = (async () => {
      for (let i = 0; i < 250; i++) await writer.addArtifact('jcmd-output', 'VM.flags', `flags ${i}\n`, source);
      writing = false;
    })();
    let looks = 0;
    while (writing) {
      const ids = (await SessionReader.open(writer.dir)).artifacts.map((a) => a.id);
      expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => `a${String(i + 1).padStart(4, '0')}`));
      looks++;
    }
    await recording;
    await writer.close();
    expect(looks).toBeGreaterThan(5);
    expect((await SessionReader.open(writer.dir)).artifacts).toHaveLength(250);
  });

  it('reads a session that recorded no events', async () => {
    const dir = await recorded();
    const stream = (await SessionReader.open(dir)).events();
    expect(await collect(stream)).toEqual([]);
    expect(stream.stats).toEqual({ records: 0, tornRecords: 0, corruptLines: [], seqBreaks: 0 });
  });
});
