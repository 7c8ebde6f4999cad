import { describe, expect, it } from 'vitest';
import {
  parseAnonLink,
  parseBootTimeSec,
  parseEnviron,
  parseListeningSockets,
  parsePasswd,
  parseStartTicks,
  parseStatus,
  parseUnixSocketPaths,
  parseUptimeSec,
  splitNul,
} from './proc-files';

describe('/proc/PID/stat', () => {
  it('reads field 22, the start time in ticks', () => {
    const stat =
      '16960 (cat) R 16955 16955 15190 0 -1 4194304 102 0 0 0 0 0 0 0 20 0 1 0 580138 3133440 408 18446744073709551615 94780733247488 0 0 0 0 0';
    expect(parseStartTicks(stat)).toBe(580138);
  });

  it('is not fooled by spaces and parentheses in the command name', () => {
    expect(parseStartTicks('42 (my (odd) name) S 1 42 42 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 777 1000 10 0')).toBe(777);
    expect(parseStartTicks('garbage')).toBeNull();
  });
});

describe('/proc/PID/status', () => {
  it('reads the effective uid, VmRSS in bytes and NSpid', () => {
    const status = 'Name:\tjava\nUid:\t1000\t1001\t1001\t1001\nGid:\t1000\t1000\t1000\t1000\nNSpid:\t4242\t7\nVmRSS:\t  204800 kB\n';
    expect(parseStatus(status)).toEqual({ uid: 1001, rssBytes: 204800 * 1024, nsPids: [4242, 7] });
  });

  it('leaves RSS null for a process without memory (a zombie)', () => {
    expect(parseStatus('Name:\tx\nUid:\t0\t0\t0\t0\nNSpid:\t9\n')).toEqual({ uid: 0, rssBytes: null, nsPids: [9] });
  });
});

describe('cmdline and environ', () => {
  it('splits NUL-terminated strings, keeping empty arguments', () => {
    expect(splitNul(Buffer.from('java\0-Xmx1g\0\0Main\0'))).toEqual(['java', '-Xmx1g', '', 'Main']);
    expect(splitNul(Buffer.alloc(0))).toEqual([]);
  });

  it('reads NAME=value pairs; values may hold "="', () => {
    const env = parseEnviron(Buffer.from('PATH=/bin\0GODEBUG=gctrace=1,madvdontneed=1\0JOURNAL_STREAM=8:12345\0'));
    expect(env.get('GODEBUG')).toBe('gctrace=1,madvdontneed=1');
    expect(env.get('JOURNAL_STREAM')).toBe('8:12345');
  });
});

describe('/etc/passwd, /proc/stat and /proc/uptime', () => {
  it('maps uids to names; the first entry for a uid wins', () => {
    const users = parsePasswd('# comment\nroot:x:0:0:root:/root:/bin/bash\ntoor:x:0:0::/:/bin/sh\napp:x:1001:1001::/home/app:/bin/false\n\n');
    expect([...users]).toEqual([
      [0, 'root'],
      [1001, 'app'],
    ]);
  });

  it('reads btime and the uptime', () => {
    expect(parseBootTimeSec('cpu  233963 1175 44869\nintr 1 2\nbtime 1795652945\nprocesses 1\n')).toBe(1795652945);
    expect(parseUptimeSec('5049.89 7229.92\n')).toBe(5049.89);
  });
});

describe('/proc/net/tcp and tcp6', () => {
  it('keeps LISTEN rows with their address, port and inode', () => {
    const tcp = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1667 1 00000000bc112d01 100 0 0 10 0',
      '   1: 0100007F:B4C5 0100007F:E938 06 00000000:00000000 03:00000102 00000000     0        0 0 3 00000000adf65cb9',
      '   2: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 24680 1 0000000000000000 100 0 0 10 0',
    ].join('\n');
    expect(parseListeningSockets(tcp)).toEqual([
      { inode: 1667, address: '0.0.0.0', port: 2024 },
      { inode: 24680, address: '127.0.0.1', port: 8080 },
    ]);
  });

  it('prints IPv6 wildcard, loopback and IPv4-mapped addresses', () => {
    const row = (address: string, inode: number) => `   0: ${address}:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000 0 ${inode} 1 0 100 0 0 10 0`;
    const tcp6 = [
      '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      row('00000000000000000000000000000000', 1),
      row('00000000000000000000000001000000', 2),
      row('0000000000000000FFFF00000100007F', 3),
      row('B80D0120000000000000000001000000', 4),
    ].join('\n');
    expect(parseListeningSockets(tcp6).map((s) => s.address)).toEqual(['::', '::1', '127.0.0.1', '2001:db8::1']);
  });
});

describe('/proc/net/unix and fd links', () => {
  it('maps socket inodes to paths', () => {
    const unix = [
      'Num       RefCount Protocol Flags    Type St Inode Path',
      '00000000e13b8012: 00000003 00000000 00000000 0001 03  1663',
      '0000000012345678: 00000003 00000000 00000000 0001 03 20001 /run/systemd/journal/stdout',
      '0000000012345679: 00000002 00000000 00010000 0001 01 20002 /tmp/a socket with spaces',
    ].join('\n');
    const paths = parseUnixSocketPaths(unix);
    expect(paths.get(20001)).toBe('/run/systemd/journal/stdout');
    expect(paths.get(20002)).toBe('/tmp/a socket with spaces');
    expect(paths.has(1663)).toBe(false);
  });

  it('reads socket:[N] and pipe:[N] links', () => {
    expect(parseAnonLink('socket:[24680]')).toEqual({ kind: 'socket', inode: 24680 });
    expect(parseAnonLink('pipe:[13]')).toEqual({ kind: 'pipe', inode: 13 });
    expect(parseAnonLink('/var/log/app.log')).toBeNull();
  });
});
