import { describe, expect, it } from 'vitest';
import type { AttachSnapshot, AttachUpdate, AttachView, HeapSample, PauseSample } from '../../../shared/contract';
import type { GoProcessInfo } from '../../../shared/process-info';
import { addSnapshot, applyEnded, applyUpdate, bounded, fromView, liveSummary, MAX_HELD_POINTS, mergeSeries } from './live-attach-state';

const MIB = 1024 * 1024;

function heap(startSec: number, liveMib: number): HeapSample {
  return {
    startSec,
    heapBeforeBytes: (liveMib + 4) * MIB,
    heapAfterBytes: liveMib * MIB,
    heapCommittedBytes: null,
    liveBytes: liveMib * MIB,
    goalBytes: null,
    youngAfterBytes: null,
    oldAfterBytes: null,
    humongousAfterBytes: null,
    metaspaceAfterBytes: null,
  };
}

function pause(startSec: number, pauseMs: number): PauseSample {
  return { startSec, pauseMs, kind: 'cycle', id: Math.round(startSec * 10) };
}

const target: GoProcessInfo = {
  pid: 4242,
  user: 'root',
  uid: 0,
  command: '/tmp/gcleak -mode leak',
  argv: ['/tmp/gcleak', '-mode', 'leak'],
  exe: '/tmp/gcleak',
  startedAt: '2025-01-01T00:00:00.000Z',
  uptimeSec: 12,
  rssBytes: 30 * MIB,
  container: false,
  notes: [],
  runtime: 'go',
  version: 'go1.22.3',
  mainModule: 'gcleak',
  offers: { gctrace: 'on', stderr: { kind: 'file', path: '/tmp/trace.log' }, listenPorts: [6060], pprof: { host: '127.0.0.1', port: 6060, path: '/debug/pprof/' }, expvar: null },
};

const counts = { events: 3, records: 3, unknownLines: 0, jstatSamples: 0, snapshots: 0, artifacts: 2 };

function view(): AttachView {
  return {
    attachId: 'a1',
    sessionDir: '/sessions/a1',
    target,
    host: { hostId: 'local', label: 'this machine' },
    status: 'attached',
    startedAt: '2025-01-01T00:00:12.000Z',
    endedAt: null,
    endReason: null,
    counts,
    gc: { cycles: 3, totalPauseMs: 0.6, maxPauseMs: 0.3, gcCpuPercent: 2 },
    collectors: [{ name: 'gctrace', state: 'running', detail: '/tmp/trace.log' }],
    notes: ['first note'],
    heap: [heap(0.1, 4), heap(0.2, 5), heap(0.3, 6)],
    pauses: [pause(0.1, 0.1), pause(0.2, 0.2), pause(0.3, 0.3)],
    jstat: [],
    xAxis: 'uptime-seconds',
    snapshots: [],
    analysis: null,
  };
}

function update(partial: Partial<AttachUpdate>): AttachUpdate {
  return {
    attachId: 'a1',
    status: 'attached',
    counts,
    gc: { cycles: 5, totalPauseMs: 1, maxPauseMs: 0.3, gcCpuPercent: 2 },
    replace: false,
    heap: [],
    pauses: [],
    jstat: [],
    xAxis: 'uptime-seconds',
    snapshots: [],
    ...partial,
  };
}

function snapshot(id: string): AttachSnapshot {
  return {
    snapshotId: id,
    kind: 'heap',
    takenAt: '2025-01-01T00:00:20.000Z',
    artifactId: `art-${id}`,
    artifactPath: `raw/${id}.pb.gz`,
    summary: { kind: 'pprof', file: `${id}.pb.gz`, profile: 'heap', samples: ['inuse_space'], defaultSample: 'inuse_space', totals: { inuse_space: 1 }, units: { inuse_space: 'bytes' }, capturedAt: null, top: [], by: 'function' },
  };
}

describe('applyUpdate', () => {
  it('appends points that follow what is held, dropping those the view already had', () => {
    const held = fromView(view());
    // The first update after attach repeats 0.3 (the view was a full copy) and brings 0.4, 0.5.
    const next = applyUpdate(held, update({ heap: [heap(0.3, 6), heap(0.4, 7), heap(0.5, 8)], pauses: [pause(0.3, 0.3), pause(0.4, 0.2), pause(0.5, 0.1)] }));
    expect(next.heap.map((s) => s.startSec)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(next.pauses.map((s) => s.startSec)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(next.gc.cycles).toBe(5);
    expect(next.updates).toBe(1);
  });

  it('replaces the series when the update says so', () => {
    const held = fromView(view());
    const next = applyUpdate(held, update({ replace: true, heap: [heap(0, 1), heap(10, 2)], pauses: [pause(0, 1)] }));
    expect(next.heap.map((s) => s.startSec)).toEqual([0, 10]);
    expect(next.pauses).toHaveLength(1);
  });

  it('keeps the series when an update brings no points, and ignores other attaches', () => {
    const held = fromView(view());
    const next = applyUpdate(held, update({}));
    expect(next.heap).toBe(held.heap);
    expect(applyUpdate(held, update({ attachId: 'other', heap: [heap(9, 9)] }))).toBe(held);
  });

  it('adds new snapshots, notes and collectors, and keeps the last analysis when none comes', () => {
    const held = { ...fromView(view()), snapshots: [snapshot('s1')] };
    const next = applyUpdate(
      held,
      update({ snapshots: [snapshot('s1'), snapshot('s2')], notes: ['first note', 'pprof answered 404'], collectors: [{ name: 'pprof', state: 'failed', detail: '404' }] }),
    );
    expect(next.snapshots.map((s) => s.snapshotId)).toEqual(['s1', 's2']);
    expect(next.notes).toEqual(['first note', 'pprof answered 404']);
    expect(next.collectors).toEqual([{ name: 'pprof', state: 'failed', detail: '404' }]);
    expect(next.analysis).toBeNull();
  });

  it('never holds more than MAX_HELD_POINTS, keeping the first and the last point', () => {
    const many = Array.from({ length: MAX_HELD_POINTS }, (_, i) => pause(i, 1));
    const held = { ...fromView(view()), pauses: many };
    const next = applyUpdate(held, update({ pauses: [pause(MAX_HELD_POINTS, 2), pause(MAX_HELD_POINTS + 1, 3)] }));
    expect(next.pauses).toHaveLength(MAX_HELD_POINTS);
    expect(next.pauses[0]!.startSec).toBe(0);
    expect(next.pauses[next.pauses.length - 1]!.startSec).toBe(MAX_HELD_POINTS + 1);
  });
});

describe('mergeSeries and bounded', () => {
  it('thins evenly over the whole span', () => {
    const points = Array.from({ length: 101 }, (_, i) => i);
    expect(bounded(points, 11)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(bounded(points, 200)).toBe(points);
  });

  it('bounds a replacing series too', () => {
    const incoming = Array.from({ length: 50 }, (_, i) => i);
    expect(mergeSeries([1, 2], incoming, true, (x) => x, 10)).toHaveLength(10);
  });
});

describe('applyEnded and addSnapshot', () => {
  it('marks the attach ended with its reason and keeps its data', () => {
    const held = fromView(view());
    const ended = applyEnded(held, { attachId: 'a1', sessionDir: '/sessions/a1', reason: 'target-exited', message: 'pid 4242 exited', counts: { ...counts, events: 9 } });
    expect(ended.status).toBe('ended');
    expect(ended.endReason).toBe('target-exited');
    expect(ended.endMessage).toBe('pid 4242 exited');
    expect(ended.counts.events).toBe(9);
    expect(ended.heap).toBe(held.heap);
  });

  it('adds a snapshot once, whether the answer or the update brings it first', () => {
    const held = fromView(view());
    const once = addSnapshot(held, snapshot('s1'));
    expect(addSnapshot(once, snapshot('s1'))).toBe(once);
    expect(applyUpdate(once, update({ snapshots: [snapshot('s1')] })).snapshots).toHaveLength(1);
  });
});

describe('liveSummary', () => {
  it('takes totals from the backend and the span from the held series', () => {
    const summary = liveSummary(fromView(view()));
    expect(summary.cycles).toBe(3);
    expect(summary.spanSec).toBeCloseTo(0.2, 9);
    expect(summary.format).toBe('go-gctrace');
  });
});
