/**
 * Output of the concurrent GC threads, which HotSpot writes whenever a phase
 * ends, even into the middle of a line a paused collection is still writing:
 *
 *   1.565: [GC 1.565: [ParNew1.578: [CMS-concurrent-abortable-preclean: 0.002/0.190 secs] [Times: …]
 *   : 118008K->13040K(118016K), 0.0281748 secs] 194351K->128075K(249088K), 0.0282363 secs]
 *
 *   8.775: [GC pause (young)8.775: [GC concurrent-mark-end, 0.0101638 sec]
 *   , 0.00831998 secs]
 *
 * These fragments are cut out of the line (with their own decorations and,
 * for CMS, the `[Times: …]` that follows them) so that what is left joins up
 * with the next line into the collection it interrupted.
 *
 * CMS (concurrentMarkSweepGeneration.cpp) prints `[CMS-concurrent-<phase>-start]`
 * and `[CMS-concurrent-<phase>: <cpu>/<wall> secs]`; G1 (concurrentMark.cpp,
 * JDK 7/8) prints `[GC concurrent-<phase>-start]` and
 * `[GC concurrent-<phase>-end, <secs>( sec| secs)?]`. The timestamp of an end
 * line is when the phase ended. PrintAdaptiveSizePolicy under G1 prints
 * `[G1Ergonomics (…) …]` the same way.
 *
 * Each fragment is found from its bracket with indexOf and read with anchored
 * expressions over a bounded window, so a long line of garbage costs linear time.
 */
import { msFromSeconds, NUM, num } from './legacy-units';

export interface PhaseFragment {
  collector: 'legacy-CMS' | 'legacy-G1';
  name: string;
  /** Null for the -start / -abort markers, which carry no duration. */
  durationMs: number | null;
  /** When the phase began: the stamp (its end) minus its wall time. */
  startSec: number | null;
  id: number | null;
}

export interface Extracted {
  /** The line with the fragments cut out. */
  rest: string;
  phases: PhaseFragment[];
  /** How many G1Ergonomics fragments were cut. */
  ergonomics: number;
}

const CMS_BODY = new RegExp(String.raw`^(?:AS)?CMS-(concurrent-[a-z-]+?)(?:-start|: (${NUM})/(${NUM}) secs)$`);
const G1_BODY = new RegExp(String.raw`^GC (concurrent-[a-z-]+?)(?:-start|-abort|-reset-for-overflow|-end, (${NUM})(?: secs?)?|, [^\[\]]*?(${NUM}) secs)$`);
/** The decorations a fragment carries, right before its `[`: date, uptime, GC id, each optional. */
const DECORATIONS_BEFORE = /(?:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[.,]\d{3}[+-]\d{4}: )?(?:(\d+[.,]\d+): )?(?:#(\d+): )?$/;
const TIMES_AFTER = /^ \[Times: [^[\]]*\]/;
/** Longer than any date + uptime + id prefix. */
const DECORATION_WINDOW = 64;

/** Cuts concurrent-phase and G1Ergonomics fragments out of a line, or returns null when it holds none. */
export function extractFragments(text: string): Extracted | null {
  const hasPhase = text.includes('concurrent-');
  const hasErgonomics = text.includes('[G1Ergonomics');
  if (!hasPhase && !hasErgonomics) return null;
  const phases: PhaseFragment[] = [];
  let ergonomics = 0;
  let rest = '';
  let from = 0;
  for (let open = text.indexOf('[', from); open !== -1; open = text.indexOf('[', Math.max(open + 1, from))) {
    const close = text.indexOf(']', open);
    if (close === -1) break;
    const next = text.indexOf('[', open + 1);
    if (next !== -1 && next < close) continue;
    const body = text.slice(open + 1, close);
    let phase: PhaseFragment | null = null;
    let end = close + 1;
    if (body.startsWith('G1Ergonomics ')) ergonomics++;
    else if (hasPhase && body.includes('concurrent-')) {
      phase = readPhase(body);
      if (!phase) continue;
      if (phase.collector === 'legacy-CMS') end += TIMES_AFTER.exec(text.slice(end, end + 200))?.[0].length ?? 0;
    } else continue;
    let start = open;
    const window = text.slice(Math.max(from, open - DECORATION_WINDOW), open);
    const decorations = DECORATIONS_BEFORE.exec(window);
    if (decorations && decorations[0].length > 0) start = open - decorations[0].length;
    if (phase) phases.push(stamped(phase, decorations?.[1], decorations?.[2]));
    // G1Ergonomics lines are indented by a space in front of their decorations.
    if (!phase && text.charCodeAt(start - 1) === 32) start--;
    rest += text.slice(from, start);
    from = end;
  }
  if (phases.length === 0 && ergonomics === 0) return null;
  return { rest: rest + text.slice(from), phases, ergonomics };
}

function readPhase(body: string): PhaseFragment | null {
  const cms = CMS_BODY.exec(body);
  if (cms) return { collector: 'legacy-CMS', name: cms[1]!, durationMs: cms[3] === undefined ? null : msFromSeconds(cms[3]), startSec: null, id: null };
  const g1 = G1_BODY.exec(body);
  if (!g1) return null;
  const secs = g1[2] ?? g1[3];
  return { collector: 'legacy-G1', name: g1[1]!, durationMs: secs === undefined ? null : msFromSeconds(secs), startSec: null, id: null };
}

function stamped(phase: PhaseFragment, stamp: string | undefined, id: string | undefined): PhaseFragment {
  const endSec = stamp === undefined ? null : num(stamp);
  const startSec = endSec === null || phase.durationMs === null ? endSec : Math.max(0, endSec - phase.durationMs / 1000);
  return { ...phase, startSec, id: id === undefined ? null : Number(id) };
}
