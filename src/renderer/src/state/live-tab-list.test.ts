import { describe, expect, it } from 'vitest';
import type { AttachBrief, AttachUpdate, AttachView, HeapSample } from '../../../shared/contract';
import type { JvmProcessInfo } from '../../../shared/process-info';
import { applyUpdate } from './live-attach-state';
import { adoptAttach, attachAnswered, stillRecording, type LiveTab } from './live-tab-list';

const MIB = 1024 * 1024;
const host = { hostId: 'ssh-1', label: 'me@box:22' };

function heap(startSec: number, liveMib: number): HeapSample {
  return {
    startSec,
    heapBeforeBytes: (liveMib + 8) * MIB,
    heapAfterBytes: liveMib * MIB,
    heapCommittedBytes: 64 * MIB,
    liveBytes: null,
    goalBytes: null,
    youngAfterBytes: null,
    oldAfterBytes: liveMib * MIB,
    humongousAfterBytes: null,
    metaspaceAfterBytes: null,
  };
}

const target: JvmProcessInfo = {
  pid: 5150,
  user: 'app',
  uid: 1000,
  command: 'java -Xmx512m HeapGrowth 600',
  argv: ['java', '-Xmx512m', 'HeapGrowth', '600'],
  exe: '/usr/lib/jvm/java-17/bin/java',
  startedAt: '2025-01-01T00:00:00.000Z',
  uptimeSec: 40,
  rssBytes: 200 * MIB,
  container: false,
  notes: [],
  runtime: 'jvm',
  version: '17.0.9',
  offers: { gcLogs: null, nmt: 'off', hsperfdata: true, stdout: { kind: 'pipe' }, stderr: { kind: 'pipe' } },
};

const counts = { events: 2, records: 2, unknownLines: 0, jstatSamples: 0, snapshots: 0, artifacts: 2 };

function view(attachId: string): AttachView {
  return {
    attachId,
    sessionDir: `/sessions/${attachId}`,
    target,
    host,
    status: 'attached',
    startedAt: '2025-01-01T00:00:30.000Z',
    endedAt: null,
    endReason: null,
    counts,
    gc: { cycles: 2, totalPauseMs: 3, maxPauseMs: 2, gcCpuPercent: null },
    collectors: [],
    notes: [],
    heap: [heap(31, 10), heap(32, 12)],
    pauses: [],
    jstat: [],
    xAxis: 'uptime-seconds',
    snapshots: [],
    analysis: null,
  };
}

function update(attachId: string, heapPoints: HeapSample[]): AttachUpdate {
  return { attachId, status: 'attached', counts, gc: view(attachId).gc, replace: false, heap: heapPoints, pauses: [], jstat: [], xAxis: 'uptime-seconds', snapshots: [] };
}

function brief(attachId: string, status: AttachBrief['status']): AttachBrief {
  return { attachId, sessionDir: `/sessions/${attachId}`, host, pid: target.pid, runtime: 'jvm', command: target.command, status };
}

/** A tab this window opened: session:attach is still on its way. */
function connecting(tabId: string): LiveTab {
  return { tabId, pid: target.pid, host, runtime: 'jvm', command: target.command, attach: null, error: null, detaching: false };
}

describe('taking back attaches after a reload', () => {
  it('takes back only the attaches still recording', () => {
    expect(stillRecording([brief('a1', 'attached'), brief('a2', 'ended'), brief('a3', 'attached')]).map((b) => b.attachId)).toEqual(['a1', 'a3']);
  });

  it('gives an adopted attach a tab with its process, host and charts from session:state', () => {
    const [tab] = adoptAttach([], view('a1'), 't1');
    expect(tab).toMatchObject({ tabId: 't1', pid: 5150, host, runtime: 'jvm', command: 'java -Xmx512m HeapGrowth 600', error: null, detaching: false });
    expect(tab!.attach).toMatchObject({ attachId: 'a1', status: 'attached', sessionDir: '/sessions/a1', updates: 0 });
    expect(tab!.attach!.heap.map((s) => s.startSec)).toEqual([31, 32]);
  });

  it('then follows session:update, dropping the points the state already held', () => {
    const [tab] = adoptAttach([], view('a1'), 't1');
    const next = applyUpdate(tab!.attach!, update('a1', [heap(32, 12), heap(33, 14)]));
    expect(next.heap.map((s) => s.startSec)).toEqual([31, 32, 33]);
    expect(next.updates).toBe(1);
  });

  it('adds no second tab for an attach a tab holds already', () => {
    const once = adoptAttach([], view('a1'), 't1');
    expect(adoptAttach(once, view('a1'), 't2')).toBe(once);
    expect(adoptAttach(once, view('a2'), 't2').map((t) => [t.tabId, t.attach?.attachId])).toEqual([
      ['t1', 'a1'],
      ['t2', 'a2'],
    ]);
  });
});

describe('session:attach answering', () => {
  it('fills the tab that asked', () => {
    const tabs = attachAnswered([connecting('t1'), connecting('t2')], 't2', view('a7'));
    expect(tabs.map((t) => [t.tabId, t.attach?.attachId ?? null])).toEqual([
      ['t1', null],
      ['t2', 'a7'],
    ]);
  });

  it('keeps one tab when the attach was adopted before its answer came, with the updates the adopted copy got', () => {
    const adopted = adoptAttach([connecting('mine')], view('a7'), 'adopted');
    const withUpdate = adopted.map((t) => (t.attach ? { ...t, attach: applyUpdate(t.attach, update('a7', [heap(33, 14)])) } : t));
    const tabs = attachAnswered(withUpdate, 'mine', view('a7'));
    expect(tabs.map((t) => t.tabId)).toEqual(['mine']);
    expect(tabs[0]!.attach!.heap.map((s) => s.startSec)).toEqual([31, 32, 33]);
  });
});
