import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { corpusPath, hasCorpus } from '../../../test/helpers/corpus';
import type { GcEvent, ParsedRecord } from '../../shared/gc-event';
import { SessionWriter } from '../session';
import { GO_TARGET, tempDir } from '../session/test-support';
import type { CollectorContext, CollectorSink } from './collector';
import { IDLE_RELEASE_MS, RecordFeed } from './record-feed';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function feedWith(options: ConstructorParameters<typeof RecordFeed>[1]) {
  const dir = tempDir('record-feed');
  dirs.push(dir);
  const session = await SessionWriter.create(dir, { target: GO_TARGET });
  const delivered: Array<{ records: ParsedRecord[]; artifactId: string }> = [];
  const sink = { records: (records: ParsedRecord[], artifactId: string) => delivered.push({ records, artifactId }) } as unknown as CollectorSink;
  const context: CollectorContext = { host: null as never, session, sink };
  const feed = new RecordFeed(context, options);
  await feed.open();
  return { dir, session, feed, delivered };
}

describe.skipIf(!hasCorpus)('RecordFeed', () => {
  const text = hasCorpus ? readFileSync(corpusPath('go-gctrace/tebeka-gctrace/map.gctrace')) : Buffer.alloc(0);

  it('records the bytes as they came and parses them into events citing the artifact line', async () => {
    const { dir, session, feed, delivered } = await feedWith({ kind: 'gctrace', name: 'gctrace.log', source: '/var/log/app.err', format: 'go-gctrace' });
    // Chunks cut mid-line and mid-number.
    for (let at = 0; at < text.length; at += 777) feed.push(text.subarray(at, at + 777));
    await feed.end();
    await session.close();

    const artifact = session.manifest.artifacts[0]!;
    expect(artifact).toMatchObject({ kind: 'gctrace', source: '/var/log/app.err', bytes: text.length, complete: true });
    expect(readFileSync(join(dir, artifact.path))).toEqual(text);
    const events = delivered.flatMap((d) => d.records).filter((r): r is GcEvent => r.type === 'gc');
    expect(events).toHaveLength(95);
    // Several runs of the program in one file: the numbers as printed, line by line.
    const printed = text.toString('utf8').split('\n').flatMap((line, i) => (/^gc (\d+) /.test(line) ? [[Number(/^gc (\d+)/.exec(line)![1]), i + 1]] : []));
    expect(events.map((e) => [e.id, e.source.line])).toEqual(printed);
    expect(events[0]).toMatchObject({ id: 1, startSec: 0.009, heapBeforeBytes: 4 * 2 ** 20, liveBytes: 0, source: { file: artifact.path, line: 1 } });
    expect(new Set(delivered.map((d) => d.artifactId))).toEqual(new Set([artifact.id]));
  });

  it('detects the format from the lines, holding back a banner, and numbers lines on across a rotation', async () => {
    const { session, feed, delivered } = await feedWith({ kind: 'gctrace', name: 'gctrace.log', source: 'journalctl' });
    const lines = text.toString('utf8').split('\n');
    feed.push(Buffer.from('starting the service\n'));
    expect(feed.format).toBeNull();
    feed.push(Buffer.from(`${lines[0]}\n${lines[1]}\n${lines[2]!.slice(0, 20)}`));
    expect(feed.format).toBe('go-gctrace');
    // The file was replaced: the half line before it stands as a line of its own.
    feed.restart();
    feed.push(Buffer.from(`${lines[3]}\n`));
    await feed.end();
    await session.close();
    const records = delivered.flatMap((d) => d.records);
    const events = records.filter((r): r is GcEvent => r.type === 'gc');
    expect(events.map((e) => [e.id, e.source.line])).toEqual([
      [1, 2],
      [2, 3],
      [4, 5],
    ]);
    expect(records.filter((r) => r.type === 'unknown').map((r) => r.source.line)).toEqual([4]);
  });

  it('releases a full GC the parser holds for a next line once the log goes quiet, and never twice', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { session, feed, delivered } = await feedWith({ kind: 'gc-log', name: 'gc.log', source: '/tmp/gc.log' });
      const gcEvents = () => delivered.flatMap((d) => d.records).filter((r): r is GcEvent => r.type === 'gc');
      feed.push(Buffer.from('[0.569s][info][gc] GC(1) Pause Full (Ergonomics) 51M->37M(94M) 21.046ms\n'));
      expect(gcEvents()).toHaveLength(0);
      vi.advanceTimersByTime(IDLE_RELEASE_MS);
      expect(gcEvents().map((e) => [e.id, e.kind])).toEqual([[1, 'full']]);
      feed.push(Buffer.from('[0.700s][info][gc] GC(2) Pause Young (Allocation Failure) 60M->40M(94M) 3.500ms\n'));
      await feed.end();
      await session.close();
      expect(gcEvents().map((e) => [e.id, e.kind])).toEqual([
        [1, 'full'],
        [2, 'young'],
      ]);
    } finally {
      vi.useRealTimers();
    }
  });
});
