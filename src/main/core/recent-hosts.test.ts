import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_RECENT_HOSTS, RECENT_HOSTS_FILE, RecentHosts } from './recent-hosts';

let dir: string;
let notes: string[];
let clockMs: number;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gclens-recent-hosts-'));
  notes = [];
  clockMs = Date.parse('2025-03-04T05:06:07.000Z');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A store in a folder not made yet, with a clock one second on per call. */
function store(configDir = join(dir, 'config')): RecentHosts {
  return new RecentHosts(configDir, { log: (note) => notes.push(note), now: () => new Date((clockMs += 1000)) });
}
const fileOf = (recent: RecentHosts) => JSON.parse(readFileSync(recent.path, 'utf8')) as { version: number; hosts: unknown[] };

describe('RecentHosts', () => {
  it('starts empty, without a note, when no file was written yet', async () => {
    expect(await store().list()).toEqual([]);
    expect(notes).toEqual([]);
  });

  it('keeps what the login was given, newest first, one per destination, in a 0600 file in a 0700 folder', async () => {
    const recent = store();
    await recent.remember({ destination: 'root@box:2222', identityFile: '/keys/id_a', knownHostsFile: '/kh/a' });
    await recent.remember({ destination: 'ops@other' });
    await recent.remember({ destination: 'root@box:2222', identityFile: '/keys/id_b' });
    expect(await recent.list()).toEqual([
      { destination: 'root@box:2222', identityFile: '/keys/id_b', lastConnectedAt: '2025-03-04T05:06:10.000Z' },
      { destination: 'ops@other', lastConnectedAt: '2025-03-04T05:06:09.000Z' },
    ]);
    expect(fileOf(recent).version).toBe(1);
    expect(statSync(recent.path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'config')).mode & 0o777).toBe(0o700);
    // A second store over the same folder (gclens restarted) reads the same list.
    expect(await store().list()).toEqual(await recent.list());
  });

  it('keeps the newest ten', async () => {
    const recent = store();
    for (let i = 0; i < MAX_RECENT_HOSTS + 3; i++) await recent.remember({ destination: `box${i}` });
    const listed = await recent.list();
    expect(listed).toHaveLength(MAX_RECENT_HOSTS);
    expect(listed[0]!.destination).toBe(`box${MAX_RECENT_HOSTS + 2}`);
    expect(listed.at(-1)!.destination).toBe('box3');
  });

  it('loses none of several logins that end at once', async () => {
    const recent = store();
    await Promise.all(['a', 'b', 'c', 'd'].map((destination) => recent.remember({ destination })));
    expect((await recent.list()).map((h) => h.destination).sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('replaces the file by a rename, leaving no temporary behind', async () => {
    const recent = store();
    await recent.remember({ destination: 'a' });
    const before = statSync(recent.path).ino;
    await recent.remember({ destination: 'b' });
    expect(statSync(recent.path).ino).not.toBe(before);
    expect(readdirSync(join(dir, 'config'))).toEqual([RECENT_HOSTS_FILE]);
  });

  it('notes a write that fails and keeps the login (nothing thrown, no temporary left)', async () => {
    const configDir = join(dir, 'config');
    // A folder where the file should be: the rename over it fails.
    mkdirSync(join(configDir, RECENT_HOSTS_FILE, 'x'), { recursive: true });
    await expect(store(configDir).remember({ destination: 'a' })).resolves.toBeUndefined();
    expect(notes.at(-1)).toMatch(/^could not remember a in .*recent-hosts\.json: EISDIR/);
    expect(readdirSync(configDir)).toEqual([RECENT_HOSTS_FILE]);
  });

  it.each([
    ['not JSON', '{"version":1,"hosts":['],
    ['another version', '{"version":2,"hosts":[]}'],
    ['a destination hosts:connect would refuse', '{"version":1,"hosts":[{"destination":"-oProxyCommand=x","lastConnectedAt":"2025-01-01T00:00:00Z"}]}'],
    ['a field gclens never writes', '{"version":1,"hosts":[{"destination":"a","passphrase":"x","lastConnectedAt":"2025-01-01T00:00:00Z"}]}'],
  ])('takes a corrupt file (%s) as an empty list with a note, and the next login replaces it', async (_what, text) => {
    const recent = store();
    mkdirSync(join(dir, 'config'));
    writeFileSync(recent.path, text);
    expect(await recent.list()).toEqual([]);
    expect(notes).toEqual([expect.stringContaining('is not a recent-hosts file gclens wrote')]);
    await recent.remember({ destination: 'a' });
    expect((await recent.list()).map((h) => h.destination)).toEqual(['a']);
  });

  it('forgets one destination and answers the rest', async () => {
    const recent = store();
    await recent.remember({ destination: 'a' });
    await recent.remember({ destination: 'b', identityFile: '/k' });
    expect((await recent.forget('a')).map((h) => h.destination)).toEqual(['b']);
    expect((await recent.forget('nowhere')).map((h) => h.destination)).toEqual(['b']);
    expect(fileOf(recent).hosts).toEqual([{ destination: 'b', identityFile: '/k', lastConnectedAt: expect.any(String) }]);
  });

  it('stores only the destination and the two paths, whatever else a request carries', async () => {
    const recent = store();
    const request = { destination: 'a', identityFile: '/k', passphrase: 'hunter2', password: 'swordfish' };
    await recent.remember(request);
    const text = readFileSync(recent.path, 'utf8');
    expect(text).not.toMatch(/hunter2|swordfish|passphrase|password/);
  });
});
