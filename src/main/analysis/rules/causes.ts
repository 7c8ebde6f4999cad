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
/** System.gc() and the JDK tools that call it (jcmd GC.run, jmap -histo:live, heap dumps). */
const EXPLICIT = /system\.gc|^system\b|\bsystem,|diagnostic command|heap dump initiated|heap inspection initiated/i;

function causeMatches(event: GcEvent, pattern: RegExp): boolean {
  return event.cause !== null && pattern.test(event.cause);
}

export const isEvacuationFailure = (e: GcEvent) => causeMatches(e, EVACUATION_FAILURE);
export const isPromotionFailure = (e: GcEvent) => causeMatches(e, PROMOTION_FAILURE);
export const isConcurrentModeFailure = (e: GcEvent) => causeMatches(e, CONCURRENT_MODE_FAILURE);
export const isHumongousAllocation = (e: GcEvent) => causeMatches(e, HUMONGOUS);
export const isAllocationStall = (e: GcEvent) => causeMatches(e, ALLOCATION_STALL);
export const isMetadataThreshold = (e: GcEvent) => causeMatches(e, METADATA_THRESHOLD);

/** A collection the application or an operator asked for, not one the heap needed. Go's forced cycles are routine (the 2-minute periodic GC) and not counted. */
export function isExplicit(e: GcEvent): boolean {
  return e.runtime === 'jvm' && (e.forced || causeMatches(e, EXPLICIT));
}
