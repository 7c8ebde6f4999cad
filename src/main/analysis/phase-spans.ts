/**
 * Concurrent phases drawn as shaded spans behind the charts. A long log has
 * far more phases than a chart can show, so phases closer together than a
 * small fraction of the whole range are merged, and the gap allowed grows
 * until the spans fit.
 */
import { MAX_PHASE_SPANS, type PhaseSpan } from '../../shared/contract';
import type { PhaseRecord } from '../../shared/gc-event';

const MAX_NAMES = 4;

export class PhaseCollector {
  private starts: number[] = [];
  private ends: number[] = [];
  private names: string[] = [];

  add(phase: PhaseRecord): void {
    if (phase.startSec === null || !Number.isFinite(phase.durationMs)) return;
    this.starts.push(phase.startSec);
    this.ends.push(phase.startSec + phase.durationMs / 1000);
    this.names.push(phase.name);
  }

  spans(maxSpans = MAX_PHASE_SPANS): PhaseSpan[] {
    const order = this.starts.map((_, i) => i).sort((a, b) => this.starts[a]! - this.starts[b]!);
    if (order.length === 0) return [];
    const range = Math.max(...this.ends) - this.starts[order[0]!]!;
    let gap = 0;
    for (;;) {
      const spans = this.merge(order, gap);
      if (spans.length <= maxSpans) return spans;
      gap = gap === 0 ? range / (maxSpans * 4) : gap * 2;
    }
  }

  private merge(order: number[], gapSec: number): PhaseSpan[] {
    const spans: PhaseSpan[] = [];
    for (const i of order) {
      const last = spans.at(-1);
      if (last && this.starts[i]! <= last.endSec + gapSec) {
        last.endSec = Math.max(last.endSec, this.ends[i]!);
        last.phases++;
        if (last.names.length < MAX_NAMES && !last.names.includes(this.names[i]!)) last.names.push(this.names[i]!);
      } else {
        spans.push({ startSec: this.starts[i]!, endSec: this.ends[i]!, names: [this.names[i]!], phases: 1 });
      }
    }
    return spans;
  }
}
