/**
 * `Concurrent <phase> … <n>ms` lines, every collector: a PhaseRecord each
 * (the span a chart draws), and for ZGC and Shenandoah, whose collections
 * are cycles, the concurrent time of the cycle. A phase without a duration
 * only opens it. The record starts the duration before its line: the line
 * is printed when the phase ends.
 */
import type { PhaseRecord, SourceRef } from '../../../shared/gc-event';
import { roundMicros } from './collection';
import type { UnifiedContext } from './context';
import type { ShenandoahReader } from './shenandoah';

export function concurrentLine(ctx: UnifiedContext, shenandoah: ShenandoahReader): boolean {
  const { text, body, id, prefix, sec } = ctx.current;
  const step = ctx.step.read(text, body + 11);
  // Only Shenandoah names its concurrent phases in lower case (`Concurrent marking`, `Concurrent cleanup`).
  const lower = text.charCodeAt(body + 11);
  if (lower >= 97 && lower <= 122) ctx.setCollector('Shenandoah', false);
  const collector = ctx.collector;
  const ms = step.durationMs;
  if (Number.isNaN(ms)) {
    if (collector === 'Shenandoah') shenandoah.concurrent(Number.NaN);
    ctx.recognise('phase-start');
    return true;
  }
  // Generational ZGC runs the same phases for each generation: keep the `y:`/`Y:`/`O:` marker in the name.
  const name = prefix === 0 ? text.slice(body, step.nameEnd) : `${String.fromCharCode(prefix)}: ${text.slice(body, step.nameEnd)}`;
  ctx.emit(phaseRecord(collector, id, name, sec ?? Number.NaN, ms, ctx.source()));
  if (collector === 'Shenandoah') {
    shenandoah.concurrent(ms);
    if (step.hasTransition && step.nameIs('cleanup')) shenandoah.cleanup(step);
  } else if (collector === 'ZGC' || collector === 'ZGC-generational') {
    const c = ctx.collection(id);
    c.concurrentMs += ms;
    c.concurrentPhases++;
  }
  return true;
}

/** A phase that ended at uptime `sec` (NaN: unknown) after `ms`; `id` -1 when the line had none. */
export function phaseRecord(collector: string | null, id: number, name: string, sec: number, ms: number, source: SourceRef): PhaseRecord {
  return {
    type: 'phase',
    collector: collector ?? 'unknown',
    id: id === -1 ? null : id,
    name,
    startSec: Number.isNaN(sec) ? null : Math.max(0, roundMicros(sec - ms / 1000)),
    durationMs: ms,
    source,
  };
}
