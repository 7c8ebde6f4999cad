import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { extractTarGz } from './tar-reader';
import { BLOCK, headerBlock, writeTarGz, type TarEntry } from './tar-writer';

const dir = mkdtempSync(join(tmpdir(), 'gclens-tar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const longName = `raw/${'d'.repeat(120)}/${'n'.repeat(90)}.log`; // fits ustar's prefix + name
const veryLongName = `raw/${'x'.repeat(230)}.log`; // fits neither: a PAX path record
const onDisk = join(dir, 'artifact.bin');
writeFileSync(onDisk, Buffer.from(Array.from({ length: 70_001 }, (_, i) => (i * 7) & 0xff)));

const entries = (): TarEntry[] => [
  { name: 'manifest.json', size: 3, mtimeSec: 1_714_557_900, content: Buffer.from('{}\n') },
  { name: longName, size: 5, mtimeSec: 1_714_557_900, content: Buffer.from('hello') },
  { name: veryLongName, size: 0, mtimeSec: 1_714_557_900, content: Buffer.alloc(0) },
  { name: 'raw/0001-artifact.bin', size: 70_001, mtimeSec: 1_714_557_900, content: { path: onDisk } },
];

describe('the tar writer and reader', () => {
  it('round-trips names of every length and streamed content', async () => {
    const archive = join(dir, 'a.tar.gz');
    await writeTarGz(archive, entries());
    const out = mkdtempSync(join(dir, 'out-'));
    const written = new Map<string, string>();
    const names = await extractTarGz(archive, (name) => {
      const path = join(out, String(written.size));
      written.set(name, path);
      return path;
    });
    expect(names).toEqual(['manifest.json', longName, veryLongName, 'raw/0001-artifact.bin']);
    expect(readFileSync(written.get(longName)!, 'utf8')).toBe('hello');
    expect(readFileSync(written.get(veryLongName)!).length).toBe(0);
    expect(readFileSync(written.get('raw/0001-artifact.bin')!).equals(readFileSync(onDisk))).toBe(true);
  });

  it('is deterministic, and GNU tar reads it with fixed owner, mode and time', async () => {
    const a = join(dir, 'd1.tar.gz');
    const b = join(dir, 'd2.tar.gz');
    await writeTarGz(a, entries());
    await writeTarGz(b, entries());
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    expect(gunzipSync(readFileSync(a)).length % (20 * BLOCK)).toBe(0);
    const listing = execFileSync('tar', ['-tvzf', a, '--numeric-owner', '--utc'], { encoding: 'utf8' }).trim().split('\n');
    expect(listing).toHaveLength(4);
    expect(listing[0]).toMatch(/^-rw-r--r-- 0\/0\s+3 2024-05-01 10:05 manifest\.json$/);
    expect(listing[1]).toContain(longName);
    expect(listing[2]).toContain(veryLongName);
    const out = mkdtempSync(join(dir, 'gnu-'));
    execFileSync('tar', ['-xzf', a, '-C', out]);
    expect(readFileSync(join(out, 'raw/0001-artifact.bin')).equals(readFileSync(onDisk))).toBe(true);
  });

  it('refuses a damaged header, a link, a name the caller does not accept, and a truncated archive', async () => {
    const tar = (...blocks: Buffer[]) => {
      const path = join(dir, `bad-${Math.random().toString(36).slice(2)}.tar.gz`);
      writeFileSync(path, gzipSync(Buffer.concat([...blocks, Buffer.alloc(2 * BLOCK)])));
      return path;
    };
    const accept = () => join(dir, `x-${Math.random().toString(36).slice(2)}`);

    const damaged = headerBlock('report.html', 0, 0, '0');
    damaged[0] = 0x52; // 'R': the checksum no longer holds
    await expect(extractTarGz(tar(damaged), accept)).rejects.toThrow(/damaged header/);

    const link = headerBlock('raw/0001-x', 0, 0, '0');
    link.write('2', 156, 'ascii'); // a symbolic link…
    link.write('/etc/passwd', 157, 'utf8');
    let sum = 0;
    link.fill(0x20, 148, 156);
    for (const byte of link) sum += byte;
    link.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
    await expect(extractTarGz(tar(link), accept)).rejects.toThrow(/not a regular file/);

    const escape = join(dir, 'escaped');
    await expect(extractTarGz(tar(headerBlock('../escaped', 0, 0, '0')), () => null)).rejects.toThrow(/does not expect: "..\/escaped"/);
    expect(existsSync(escape)).toBe(false);

    const cut = headerBlock('report.html', 4096, 0, '0');
    await expect(extractTarGz(tar(cut, Buffer.alloc(BLOCK)), accept)).rejects.toThrow(/truncated/);
  });
});
