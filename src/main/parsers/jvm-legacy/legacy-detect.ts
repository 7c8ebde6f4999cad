/**
 * Does a line look like a JDK ≤ 8 GC log? Asked of every line until some
 * format claims one, so it is a few prefix checks and at most one anchored
 * regex. It must not claim Go gctrace (`gc 1 @0.012s 2%: …`) or unified
 * logging, whose lines start with decorations in brackets
 * (`[0.123s][info][gc] …`): a legacy line starting with `[` is a collection
 * (`[GC …`, `[Full GC …`, JDK 1.3/1.4 without timestamps).
 */
const DECORATED = /^(?:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[.,]\d{3}[+-]\d{4}: )?(?:\d+[.,]\d+: )?(?:#\d+: )?(?:\[(?:GC|Full GC|CMS-concurrent-|Pause |Concurrent )|Total time for which application threads were stopped: |Application time: \d)/;

export function looksLikeJvmLegacy(line: string): boolean {
  const c = line.charCodeAt(0);
  if (c === 91 /* [ */) return line.startsWith('[GC ') || line.startsWith('[GC (') || line.startsWith('[Full GC');
  if (c >= 48 && c <= 57) return DECORATED.test(line);
  switch (c) {
    case 74: // J
      return line.startsWith('Java HotSpot(TM) ') && line.includes(' VM (');
    case 79: // O
      return line.startsWith('OpenJDK ') && line.includes(' VM (');
    case 67: // C
      return line.startsWith('CommandLine flags: -XX:');
    case 84: // T
      return line.startsWith('Total time for which application threads were stopped: ');
    case 72: // H
      // The heap summary -XX:+PrintGCDetails prints at exit, the whole of a log with no collection in it.
      return line === 'Heap';
    default:
      return false;
  }
}
