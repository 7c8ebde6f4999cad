/**
 * What the UI holds of one live attach, and how each backend message changes
 * it. Pure: the hook that owns the attaches calls these and stores the result.
 *
 * The series follow the contract's rule (AttachUpdate): `replace: false`
 * appends the new points, `replace: true` swaps the whole series. The first
 * update after session:attach may repeat points the AttachView already held
 * (the view is a full copy, the update a delta since the last update), so
 * appended points at or before the last held one are dropped.
 */
import {
  MAX_CHART_POINTS,
  type AttachEnded,
  type AttachSnapshot,
  type AttachUpdate,
  type AttachView,
  type GcSummary,
} from '../../../shared/contract';

/** The backend replaces a series before the UI would hold more than twice MAX_CHART_POINTS; this is the safety net. */
export const MAX_HELD_POINTS = 2 * MAX_CHART_POINTS;

/** An attach as the UI holds it: the backend's view, kept current by session:update events. */
export interface LiveAttach extends Omit<AttachView, 'status'> {
  status: 'attached' | 'ended';
  /** Why it ended, in words, when it did not end by request. */
  endMessage: string | null;
  /** session:update events applied so far. */
  updates: number;
}

export function fromView(view: AttachView): LiveAttach {
  return {
    attachId: view.attachId,
    sessionDir: view.sessionDir,
    target: view.target,
    host: view.host,
    status: view.status,
    startedAt: view.startedAt,
    endedAt: view.endedAt,
    endReason: view.endReason,
    endMessage: null,
    counts: view.counts,
    gc: view.gc,
    collectors: view.collectors,
    notes: view.notes,
    heap: bounded(view.heap, MAX_HELD_POINTS),
    pauses: bounded(view.pauses, MAX_HELD_POINTS),
    jstat: bounded(view.jstat, MAX_HELD_POINTS),
    xAxis: view.xAxis,
    snapshots: view.snapshots,
    analysis: view.analysis,
    updates: 0,
  };
}

export function applyUpdate(attach: LiveAttach, update: AttachUpdate): LiveAttach {
  if (update.attachId !== attach.attachId) return attach;
  return {
    ...attach,
    status: update.status,
    counts: update.counts,
    gc: update.gc,
    heap: mergeSeries(attach.heap, update.heap, update.replace, (s) => s.startSec),
    pauses: mergeSeries(attach.pauses, update.pauses, update.replace, (s) => s.startSec),
    jstat: mergeSeries(attach.jstat, update.jstat, update.replace, (s) => s.uptimeSec),
    xAxis: update.xAxis,
    snapshots: mergeSnapshots(attach.snapshots, update.snapshots),
    collectors: update.collectors ?? attach.collectors,
    notes: update.notes ? mergeNotes(attach.notes, update.notes) : attach.notes,
    analysis: update.analysis ?? attach.analysis,
    updates: attach.updates + 1,
  };
}

export function applyEnded(attach: LiveAttach, ended: AttachEnded): LiveAttach {
  if (ended.attachId !== attach.attachId) return attach;
  return {
    ...attach,
    status: 'ended',
    endReason: ended.reason,
    endMessage: ended.message,
    endedAt: attach.endedAt ?? new Date().toISOString(),
    sessionDir: ended.sessionDir,
    counts: ended.counts,
  };
}

/** A snapshot just taken (the session:snapshot answer), unless an update brought it already. */
export function addSnapshot(attach: LiveAttach, snapshot: AttachSnapshot): LiveAttach {
  const snapshots = mergeSnapshots(attach.snapshots, [snapshot]);
  return snapshots === attach.snapshots ? attach : { ...attach, snapshots };
}

/**
 * `held` followed by `incoming` (or `incoming` alone when it replaces),
 * at most `max` points. The x of appended points must rise past the last
 * held one: the view and the first update may overlap.
 */
export function mergeSeries<T>(held: T[], incoming: T[], replace: boolean, xOf: (point: T) => number, max = MAX_HELD_POINTS): T[] {
  if (replace) return bounded(incoming, max);
  if (incoming.length === 0) return held;
  const last = held.length > 0 ? xOf(held[held.length - 1]!) : -Infinity;
  const fresh = incoming.filter((point) => xOf(point) > last);
  if (fresh.length === 0) return held;
  return bounded(held.concat(fresh), max);
}

/** Evenly spaced points, the first and the last kept, so the chart keeps its whole span. */
export function bounded<T>(points: T[], max: number): T[] {
  if (points.length <= max) return points;
  if (max <= 1) return points.slice(-max);
  const step = (points.length - 1) / (max - 1);
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(points[Math.round(i * step)]!);
  return out;
}

function mergeSnapshots(held: AttachSnapshot[], incoming: AttachSnapshot[]): AttachSnapshot[] {
  const known = new Set(held.map((s) => s.snapshotId));
  const fresh = incoming.filter((s) => !known.has(s.snapshotId));
  return fresh.length === 0 ? held : held.concat(fresh);
}

function mergeNotes(held: string[], incoming: string[]): string[] {
  const known = new Set(held);
  const fresh = incoming.filter((note) => !known.has(note));
  return fresh.length === 0 ? held : held.concat(fresh);
}

/** The summary strip's figures for a live attach, from the backend's totals and the held series. */
export function liveSummary(attach: LiveAttach): GcSummary {
  const first = attach.pauses[0]?.startSec ?? attach.heap[0]?.startSec ?? 0;
  const last = attach.pauses[attach.pauses.length - 1]?.startSec ?? attach.heap[attach.heap.length - 1]?.startSec ?? first;
  return {
    cycles: attach.gc.cycles,
    totalPauseMs: attach.gc.totalPauseMs,
    maxPauseMs: attach.gc.maxPauseMs,
    gcCpuPercent: attach.gc.gcCpuPercent,
    unknownLines: attach.counts.unknownLines,
    spanSec: Math.max(0, last - first),
    xAxis: attach.xAxis,
    format: attach.target.runtime === 'go' ? 'go-gctrace' : 'jvm-unified',
  };
}
