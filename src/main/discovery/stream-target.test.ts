import { describe, expect, it } from 'vitest';
import { FakeHost } from '../../../test/helpers/fake-host';
import type { ProcessBasics } from './process-basics';
import { journalStreamInode, readStreamTarget, type StreamFacts } from './stream-target';

function basics(over: Partial<ProcessBasics> = {}): ProcessBasics {
  return { pid: 100, nsPid: 100, uid: 1000, user: 'app', argv: ['app'], exe: '/usr/bin/app', startTicks: 1, rssBytes: null, container: false, root: '', notes: [], ...over };
}

const noUnixPaths: StreamFacts = { journalStreamInode: null, unixSocketPaths: async () => new Map<number, string>() };

async function targetOf(link: string | undefined, setup: ConstructorParameters<typeof FakeHost>[0] = {}, process = basics(), facts = noUnixPaths) {
  const host = new FakeHost({ ...setup, links: link === undefined ? {} : { [`/proc/${process.pid}/fd/2`]: link } });
  return readStreamTarget(host, process, 2, facts);
}

describe('readStreamTarget', () => {
  it('tells a file, a pipe, a terminal, /dev/null and an unreadable fd apart', async () => {
    expect(await targetOf('/var/log/app/stderr.log', { files: { '/var/log/app/stderr.log': 'x' } })).toEqual({ kind: 'file', path: '/var/log/app/stderr.log' });
    expect(await targetOf('pipe:[4242]')).toEqual({ kind: 'pipe' });
    expect(await targetOf('/dev/pts/3')).toEqual({ kind: 'tty', path: '/dev/pts/3' });
    expect(await targetOf('/dev/null')).toEqual({ kind: 'null' });
    expect(await targetOf(undefined)).toEqual({ kind: 'unknown' });
    expect(await targetOf('anon_inode:[eventfd]')).toEqual({ kind: 'unknown' });
  });

  it('calls a named pipe a pipe, which only stat tells from a file', async () => {
    expect(await targetOf('/run/app/fifo', { stats: { '/run/app/fifo': {} } })).toEqual({ kind: 'pipe', path: '/run/app/fifo' });
  });

  it('reads a deleted file through the fd itself', async () => {
    expect(await targetOf('/var/log/app.log (deleted)')).toEqual({ kind: 'file', path: '/proc/100/fd/2' });
  });

  it('reads a container file through /proc/PID/root', async () => {
    const process = basics({ container: true, root: '/proc/100/root' });
    expect(await targetOf('/logs/err.log', { files: { '/proc/100/root/logs/err.log': '' } }, process)).toEqual({ kind: 'file', path: '/proc/100/root/logs/err.log' });
  });

  it('finds the journal from JOURNAL_STREAM, or from journald’s socket path in /proc/net/unix', async () => {
    expect(await targetOf('socket:[777]', {}, basics(), { ...noUnixPaths, journalStreamInode: 777 })).toEqual({ kind: 'journal', path: '/run/systemd/journal/stdout' });
    const unixPaths = { journalStreamInode: null, unixSocketPaths: async () => new Map([[888, '/run/systemd/journal/stdout']]) };
    expect(await targetOf('socket:[888]', {}, basics(), unixPaths)).toEqual({ kind: 'journal', path: '/run/systemd/journal/stdout' });
    expect(await targetOf('socket:[999]', {}, basics(), unixPaths)).toEqual({ kind: 'socket' });
  });
});

describe('journalStreamInode', () => {
  it('reads the inode of JOURNAL_STREAM=dev:inode', () => {
    expect(journalStreamInode(new Map([['JOURNAL_STREAM', '8:12345']]))).toBe(12345);
    expect(journalStreamInode(new Map())).toBeNull();
    expect(journalStreamInode(null)).toBeNull();
  });
});
