/**
 * The tailFile part of the Host conformance suite (host-conformance.ts):
 * from the end or an offset, a file that appears later, truncation and
 * rotation as `tail -F` reports them, nothing lost or repeated under a busy
 * writer, and nothing delivered after stop().
 */
import { appendFileSync, readFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Host, TailHandle } from '../../src/main/host/host';
import type { HostConformanceOptions } from './host-conformance';

/** Polls until `check` holds; after 20 s it fails, saying what it saw. */
export async function until(check: () => boolean, seen: () => unknown = () => ''): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out; saw ${JSON.stringify(seen())}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function describeTailConformance(getHost: () => Host, opts: HostConformanceOptions): void {
  const { dir } = opts;

  describe('tailFile', () => {
    const tails: TailHandle[] = [];
    afterEach(async () => {
      await Promise.all(tails.splice(0).map((t) => t.stop()));
    });

    function follow(path: string, fromOffset?: number) {
      const seen = { text: '', resets: [] as string[], offsets: [] as number[], errors: [] as Error[] };
      const tail = getHost().tailFile(path, {
        fromOffset,
        pollMs: opts.pollMs,
        onData: (chunk, offset) => {
          seen.text += chunk.toString();
          seen.offsets.push(offset);
        },
        onReset: (reason) => {
          seen.text += `<${reason}>`;
          seen.resets.push(reason);
        },
        onError: (err) => seen.errors.push(err),
      });
      tails.push(tail);
      return { seen, tail };
    }

    /** Follows a new empty file from its end, once the tail watches it: what is written next is new. */
    async function followNew(name: string) {
      const path = join(dir, name);
      writeFileSync(path, '');
      const followed = follow(path);
      await opts.tailsWatching(getHost(), name, 1);
      return { path, ...followed };
    }

    it('follows appends from the end by default, and from an offset when told', async () => {
      const path = join(dir, 'append.log');
      writeFileSync(path, 'old\n');
      const fromEnd = follow(path);
      const fromStart = follow(path, 0);
      await until(() => fromStart.seen.text === 'old\n' && fromEnd.tail.offset === 4);
      await opts.tailsWatching(getHost(), 'append.log', 2);
      appendFileSync(path, 'one\n');
      await until(() => fromEnd.seen.text === 'one\n', () => fromEnd.seen);
      appendFileSync(path, 'two\n');
      await until(() => fromEnd.seen.text === 'one\ntwo\n' && fromStart.seen.text === 'old\none\ntwo\n', () => [fromEnd.seen, fromStart.seen]);
      expect(fromEnd.seen.offsets).toEqual([4, 8]);
      expect(fromEnd.tail.offset).toBe(12);
    });

    it('resumes from a given offset', async () => {
      const path = join(dir, 'resume.log');
      writeFileSync(path, 'abcdefgh');
      const { seen } = follow(path, 3);
      await until(() => seen.text === 'defgh', () => seen);
      expect(seen.offsets).toEqual([3]);
    });

    it('reads from the start when the file is shorter than the resume offset', async () => {
      const path = join(dir, 'shorter.log');
      writeFileSync(path, 'new\n');
      const { seen } = follow(path, 100);
      await until(() => seen.text === '<truncated>new\n', () => seen);
    });

    it('reads a file that appears after the tail began from its start', async () => {
      const path = join(dir, 'later.log');
      const { seen } = follow(path);
      // Created before the tail watches, the file would count as there from the start (read from its end).
      await opts.tailsWatching(getHost(), 'later.log', 1);
      writeFileSync(path, 'born\n');
      await until(() => seen.text === 'born\n', () => seen);
    });

    it('reads from the start again after truncation', async () => {
      const { path, seen, tail } = await followNew('truncate.log');
      appendFileSync(path, 'hello world\n');
      await until(() => tail.offset === 12, () => seen);
      truncateSync(path, 0);
      appendFileSync(path, 'new\n');
      await until(() => seen.text.endsWith('new\n'), () => seen);
      expect(seen.text).toBe('hello world\n<truncated>new\n');
    });

    it('sees truncation, then rotation, and reads on from the start each time', async () => {
      const path = join(dir, 'rotating.log');
      writeFileSync(path, 'first\n');
      const { seen, tail } = follow(path, 0);
      await until(() => seen.text === 'first\n', () => seen);
      truncateSync(path, 0);
      // tail -F sees a truncation only while the file is shorter than what it read (so does the polling tail).
      await until(() => seen.resets.length === 1, () => seen);
      appendFileSync(path, 'after truncate\n');
      await until(() => seen.text.endsWith('after truncate\n'), () => seen);
      expect(seen.resets).toEqual(['truncated']);
      expect(tail.offset).toBe('after truncate\n'.length);

      renameSync(path, `${path}.1`);
      writeFileSync(path, 'rotated\n');
      await until(() => seen.text.endsWith('rotated\n'), () => seen);
      expect(seen.resets).toEqual(['truncated', 'rotated']);
      expect(seen.text).toBe('first\n<truncated>after truncate\n<rotated>rotated\n');
      expect(tail.offset).toBe('rotated\n'.length);
      expect(seen.errors).toEqual([]);
    });

    it('drains the old file, then follows the new one after a rename rotation', async () => {
      const { path, seen, tail } = await followNew('rotate.log');
      appendFileSync(path, 'A\n');
      await until(() => tail.offset === 2, () => seen);
      // The writer's last line lands in the old file after the rename, as a slow writer's would.
      renameSync(path, `${path}.1`);
      appendFileSync(`${path}.1`, 'B\n');
      writeFileSync(path, 'C\n');
      await until(() => seen.text.endsWith('C\n'), () => seen);
      expect(seen.text).toBe('A\nB\n<rotated>C\n');
    });

    it('loses and repeats nothing while a writer appends through rotations and a truncation', async () => {
      const path = join(dir, 'busy.log');
      writeFileSync(path, '');
      const { seen, tail } = follow(path, 0);
      let expected = '';
      for (let i = 0; i < 300; i++) {
        const line = `line ${i}\n`;
        appendFileSync(path, line);
        expected += line;
        if (i % 60 === 59 && i < 299) {
          // Wait until the tail is current, so each rotation is seen on its own.
          await until(() => seen.text.endsWith(line), () => seen.text.slice(-200));
          if (i === 179) {
            truncateSync(path, 0);
            expected += '<truncated>';
            // A truncation shows only while the file is shorter than what was read (as with tail -F): wait for it.
            await until(() => seen.text.endsWith('<truncated>'), () => seen.text.slice(-200));
          } else {
            renameSync(path, `${path}.${i}`);
            expected += '<rotated>';
          }
        }
        if (i % 7 === 0) await new Promise((r) => setTimeout(r, 1));
      }
      await until(() => seen.text.endsWith('line 299\n'), () => seen.text.slice(-200));
      expect(seen.text).toBe(expected);
      expect(seen.errors).toEqual([]);
      expect(tail.offset).toBe(readFileSync(path).length);
    });

    it('delivers nothing after stop()', async () => {
      const { path, seen, tail } = await followNew('stopped.log');
      expect(tail.offset).toBe(0);
      await tail.stop();
      appendFileSync(path, 'late\n');
      await new Promise((r) => setTimeout(r, 300));
      expect(seen.text).toBe('');
    });
  });
}
