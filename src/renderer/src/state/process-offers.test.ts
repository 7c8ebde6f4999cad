import { describe, expect, it } from 'vitest';
import type { GoProcessInfo, JvmProcessInfo } from '../../../shared/process-info';
import { mayEnableGcLog, offersOf } from './process-offers';

const common = {
  pid: 100,
  user: 'app',
  uid: 1000,
  command: 'svc',
  argv: ['svc'],
  exe: '/usr/bin/svc',
  startedAt: '2025-01-01T00:00:00.000Z',
  uptimeSec: 60,
  rssBytes: 1024,
  container: false,
  notes: [],
};

function go(offers: Partial<GoProcessInfo['offers']>): GoProcessInfo {
  return {
    ...common,
    runtime: 'go',
    version: 'go1.22.3',
    mainModule: null,
    offers: { gctrace: 'on', stderr: { kind: 'file', path: '/var/log/svc.err' }, listenPorts: [], pprof: null, expvar: null, ...offers },
  };
}

function jvm(offers: Partial<JvmProcessInfo['offers']>): JvmProcessInfo {
  return {
    ...common,
    runtime: 'jvm',
    version: '17.0.15',
    offers: { gcLogs: null, nmt: 'unknown', hsperfdata: true, stdout: { kind: 'pipe' }, stderr: { kind: 'pipe' }, ...offers },
  };
}

describe('offersOf', () => {
  it('says where a Go process sends gctrace, and which port serves pprof', () => {
    const offers = offersOf(go({ listenPorts: [6060], pprof: { host: '127.0.0.1', port: 6060, path: '/debug/pprof/' } }));
    expect(offers).toEqual([
      { source: 'gctrace', available: true, text: 'gctrace on, stderr to a file (/var/log/svc.err)' },
      { source: 'pprof', available: true, text: 'pprof on port 6060' },
    ]);
  });

  it('gives the reason when a Go source is missing', () => {
    const piped = offersOf(go({ stderr: { kind: 'pipe' }, listenPorts: [8080] }));
    expect(piped[0]).toMatchObject({ available: false, text: 'gctrace on, but stderr goes to a pipe: nothing to tail' });
    expect(piped[1]).toMatchObject({ available: false, text: 'no pprof on its ports (8080)' });
    expect(offersOf(go({ gctrace: 'off' }))[0]!.text).toMatch(/cannot switch it on/);
  });

  it('lists a JVM GC log, NMT and jstat, and offers to switch a log on only when it has none', () => {
    const logged = jvm({ nmt: 'on', gcLogs: [{ output: 'file', path: '/tmp/gc.log', selections: 'gc*=info', decorators: ['uptime'], source: 'vm-log' }] });
    expect(offersOf(logged).map((o) => o.text)).toEqual(['GC log /tmp/gc.log', 'NMT on', 'jstat (hsperfdata)']);
    expect(mayEnableGcLog(logged)).toBe(false);
    const bare = jvm({ gcLogs: [], nmt: 'off' });
    expect(offersOf(bare)[0]!.available).toBe(false);
    expect(mayEnableGcLog(bare)).toBe(true);
    expect(mayEnableGcLog(jvm({}))).toBe(true);
    expect(mayEnableGcLog(go({}))).toBe(false);
  });
});
