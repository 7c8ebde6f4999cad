/**
 * What a collection's cause text says, matched the way HotSpot spells it in
 * unified logging (`Pause Young (Normal) (G1 Evacuation Pause) … To-space
 * exhausted`), in JDK 8 PrintGCDetails (`(to-space exhausted)`, `(promotion
 * failed)`, `(concurrent mode failure)`) and older (`to-space overflow`).
 */
import type { GcEvent } from '../../../shared/gc-event';

const EVACUATION_FAILURE = /to-space (?:exhausted|overflow)|evacuation fail/i;
const PROMOTION_FAILURE = /promotion failed/i;
const CONCURRENT_MODE_FAILURE = /concurrent mode failure/i;
const HUMONGOUS = /humongous/i;
const ALLOCATION_STALL = /allocation stall/i;
const METADATA_THRESHOLD = /metadata gc threshold|permanent generation full|last ditch/i;
/** System.gc() from the application (`System` is how JDK 5-7 spelled it). */
const EXPLICIT = /system\.gc|^system\b|\bsystem,/i;
/** The JDK tools: jcmd GC.run, class histograms (jmap -histo:live, gclens's own snapshots), heap dumps. */
const TOOL_INDUCED = /diagnostic command|heap dump initiated|heap inspection initiated/i;

function causeMatches(event: GcEvent, pattern: RegExp): boolean {
  return event.cause !== null && pattern.test(event.cause);
}

export const isEvacuationFailure = (e: GcEvent) => causeMatches(e, EVACUATION_FAILURE);
export const isPromotionFailure = (e: GcEvent) => causeMatches(e, PROMOTION_FAILURE);
export const isConcurrentModeFailure = (e: GcEvent) => causeMatches(e, CONCURRENT_MODE_FAILURE);
export const isHumongousAllocation = (e: GcEvent) => causeMatches(e, HUMONGOUS);
export const isAllocationStall = (e: GcEvent) => causeMatches(e, ALLOCATION_STALL);
export const isMetadataThreshold = (e: GcEvent) => causeMatches(e, METADATA_THRESHOLD);

/** A collection a JDK tool asked for: the operator's doing (or gclens's), not the application's. */
export function isToolInduced(e: GcEvent): boolean {
  return e.runtime === 'jvm' && causeMatches(e, TOOL_INDUCED);
}

/** A collection the application asked for, not one the heap needed. Go's forced cycles are routine (the 2-minute periodic GC) and not counted. */
export function isExplicit(e: GcEvent): boolean {
  return e.runtime === 'jvm' && !isToolInduced(e) && (e.forced || causeMatches(e, EXPLICIT));
}

/** Asked for by the application or a tool: never a sign the heap is struggling. */
export function isAskedFor(e: GcEvent): boolean {
  return isExplicit(e) || isToolInduced(e);
}
