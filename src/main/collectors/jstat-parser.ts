/**
 * `jstat -gc -t PID INTERVAL` output, one line at a time. The header names
 * the columns (JDK 8 has no CGC/CGCT; every JDK since has), so columns are
 * read by name, not position. Sizes are KB (jstat prints them as KiB with a
 * decimal: 12864.0), times seconds; "-" means the collector has no such
 * space or counter (ZGC has no young spaces, Serial no concurrent cycles).
 *
 *   Timestamp   S0C     S1C     S0U  S1U   EC       EU      OC       OU     MC    MU    CCSC  CCSU  YGC YGCT  FGC FGCT  CGC CGCT GCT
 *         1.7 12864.0 12864.0   0.0  0.0 103296.0 4131.9 258048.0   0.0   0.0   0.0   0.0   0.0    0 0.000   0 0.000  -   -   0.000
 */
import type { JstatSample } from '../../shared/contract';

const KIB = 1024;

export class JstatParser {
  private columns: Map<string, number> | null = null;
  /** Lines that were neither a header nor a row. */
  unknownLines = 0;

  /** A sample for a data row; null for the header and anything else. */
  line(text: string): JstatSample | null {
    const cells = text.trim().split(/\s+/);
    if (cells.length < 2) return null;
    if (cells[0] === 'Timestamp') {
      this.columns = new Map(cells.map((name, i) => [name, i]));
      return null;
    }
    if (!this.columns || cells.length !== this.columns.size) {
      this.unknownLines++;
      return null;
    }
    const uptimeSec = Number(cells[0]);
    if (!Number.isFinite(uptimeSec)) {
      this.unknownLines++;
      return null;
    }
    const value = (name: string, scale = 1): number | null => {
      const i = this.columns!.get(name);
      const cell = i === undefined ? undefined : cells[i];
      if (cell === undefined || cell === '-') return null;
      const n = Number(cell);
      return Number.isFinite(n) ? n * scale : null;
    };
    const kib = (name: string) => {
      const v = value(name, KIB);
      return v === null ? null : Math.round(v);
    };
    const sum = (a: number | null, b: number | null) => (a === null && b === null ? null : (a ?? 0) + (b ?? 0));
    return {
      uptimeSec,
      survivorCapacityBytes: sum(kib('S0C'), kib('S1C')),
      survivorUsedBytes: sum(kib('S0U'), kib('S1U')),
      edenCapacityBytes: kib('EC'),
      edenUsedBytes: kib('EU'),
      oldCapacityBytes: kib('OC'),
      oldUsedBytes: kib('OU'),
      metaspaceCapacityBytes: kib('MC'),
      metaspaceUsedBytes: kib('MU'),
      compressedClassCapacityBytes: kib('CCSC'),
      compressedClassUsedBytes: kib('CCSU'),
      youngGcCount: value('YGC'),
      youngGcSec: value('YGCT'),
      fullGcCount: value('FGC'),
      fullGcSec: value('FGCT'),
      concurrentGcCount: value('CGC'),
      concurrentGcSec: value('CGCT'),
      totalGcSec: value('GCT'),
    };
  }
}
