/**
 * Puts the parsers' records on one time axis before any metric is taken:
 * keeps the last process run (a restarted service appending to the same log
 * starts its clock again), picks the clock (uptime, else wall time counted
 * from the first event, else none) and sorts by it. Everything it had to do
 * to the input is said in `notes`.
 */
import type { GcEvent, ParsedRecord, SafepointRecord } from '../../shared/gc-event';

export type Clock = 'uptime' | 'wall-clock' | 'none';

export interface TimedEvent {
  event: GcEvent;
  /** Seconds on the chosen clock; NaN when this event has none. */
  t: number;
}

export interface Timeline {
  /** Time-ordered (input order where the clock is missing or ties). */
  events: TimedEvent[];
  safepoints: Array<{ record: SafepointRecord; t: number }>;
  clock: Clock;
  runs: number;
  notes: string[];
}

export function buildTimeline(records: Iterable<ParsedRecord>, extraSafepoints: Iterable<SafepointRecord> = []): Timeline {
  const notes: string[] = [];
  // Only the last run is kept: earlier runs are another process's history.
  let runs = 1;
  let events: GcEvent[] = [];
  let safepoints: SafepointRecord[] = [];
  let lastRunStart: string | null = null;
  for (const record of records) {
    if (record.type === 'run-start') {
      runs++;
      events = [];
      safepoints = [];
      lastRunStart = `${record.source.file}:${record.source.line}`;
    } else if (record.type === 'gc') {
      events.push(record);
    } else if (record.type === 'safepoint') {
      safepoints.push(record);
    }
  }
  for (const s of extraSafepoints) safepoints.push(s);
  if (runs > 1) notes.push(`The input holds ${runs} process runs; only the last, from ${lastRunStart}, is analysed.`);

  const clock = chooseClock(events);
  const wallZero = clock === 'wall-clock' ? Date.parse(events[0]!.wallTime!) : 0;
  const timeOf = (startSec: number | null, wallTime: string | null): number => {
    if (clock === 'uptime') return startSec ?? Number.NaN;
    if (clock === 'wall-clock' && wallTime !== null) return (Date.parse(wallTime) - wallZero) / 1000;
    return Number.NaN;
  };

  const timed = events.map((event) => ({ event, t: timeOf(event.startSec, event.wallTime) }));
  const untimed = timed.filter((e) => Number.isNaN(e.t)).length;
  if (clock === 'none' && events.length > 0) notes.push('The log carries no timestamps: metrics over time (overhead, rates, trend, MMU) cannot be measured.');
  else if (untimed > 0) notes.push(`${untimed} of ${events.length} collections carry no time and are left out of the metrics over time.`);
  if (clock === 'wall-clock') notes.push('The log has no uptime: times are wall-clock seconds from the first collection.');

  const backwards = countBackwards(timed);
  if (backwards > 0) notes.push(`${backwards} collection${backwards === 1 ? '' : 's'} came out of time order and were sorted by time.`);
  // A stable sort keeps input order for ties and leaves untimed events where they were relative to each other.
  const ordered = clock === 'none' ? timed : [...timed].sort((a, b) => (Number.isNaN(a.t) ? 1 : Number.isNaN(b.t) ? -1 : a.t - b.t));

  const timedSafepoints = safepoints
    .map((record) => ({ record, t: timeOf(record.startSec, record.wallTime) }))
    .filter((s) => !Number.isNaN(s.t))
    .sort((a, b) => a.t - b.t);
  return { events: ordered, safepoints: timedSafepoints, clock, runs, notes };
}

/** Uptime when every event has it; else wall time when every event has it; else uptime where some have it. */
function chooseClock(events: GcEvent[]): Clock {
  if (events.length === 0) return 'none';
  if (events.every((e) => e.startSec !== null)) return 'uptime';
  if (events.every((e) => e.wallTime !== null && !Number.isNaN(Date.parse(e.wallTime)))) return 'wall-clock';
  return events.some((e) => e.startSec !== null) ? 'uptime' : 'none';
}

function countBackwards(timed: TimedEvent[]): number {
  let previous = Number.NEGATIVE_INFINITY;
  let count = 0;
  for (const { t } of timed) {
    if (Number.isNaN(t)) continue;
    if (t < previous) count++;
    else previous = t;
  }
  return count;
}

/** Events that carry a time, in time order. */
export function timedOnly(timeline: Timeline): TimedEvent[] {
  return timeline.events.filter((e) => !Number.isNaN(e.t));
}
