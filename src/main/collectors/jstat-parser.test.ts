import { describe, expect, it } from 'vitest';
import { JstatParser } from './jstat-parser';

// Captured from JDK 17.0.15 (`jstat -gc -t PID 500`) with Serial and ZGC.
const SERIAL = [
  'Timestamp           S0C         S1C         S0U         S1U          EC           EU           OC           OU          MC         MU       CCSC      CCSU     YGC     YGCT     FGC    FGCT     CGC    CGCT       GCT   ',
  '            1.7     12864.0     12864.0         0.0         0.0     103296.0       4131.9     258048.0          0.0        0.0        0.0       0.0       0.0      0     0.000     0     0.000     -         -     0.000',
];
const ZGC_ROW = '            2.4           -           -           -           -            -            -       8192.0          0.0        0.0        0.0       0.0       0.0      -         -     -         -     0     0.000     0.000';

describe('JstatParser', () => {
  it('reads a Serial row by its header: KB to bytes, survivor spaces summed, "-" as null', () => {
    const parser = new JstatParser();
    expect(parser.line(SERIAL[0]!)).toBeNull();
    expect(parser.line(SERIAL[1]!)).toEqual({
      uptimeSec: 1.7,
      survivorCapacityBytes: 2 * 12864 * 1024,
      survivorUsedBytes: 0,
      edenCapacityBytes: 103296 * 1024,
      edenUsedBytes: Math.round(4131.9 * 1024),
      oldCapacityBytes: 258048 * 1024,
      oldUsedBytes: 0,
      metaspaceCapacityBytes: 0,
      metaspaceUsedBytes: 0,
      compressedClassCapacityBytes: 0,
      compressedClassUsedBytes: 0,
      youngGcCount: 0,
      youngGcSec: 0,
      fullGcCount: 0,
      fullGcSec: 0,
      concurrentGcCount: null,
      concurrentGcSec: null,
      totalGcSec: 0,
    });
  });

  it('reads a ZGC row: no young spaces, concurrent cycles counted', () => {
    const parser = new JstatParser();
    parser.line(SERIAL[0]!);
    expect(parser.line(ZGC_ROW)).toMatchObject({ uptimeSec: 2.4, edenUsedBytes: null, survivorUsedBytes: null, youngGcCount: null, oldCapacityBytes: 8192 * 1024, concurrentGcCount: 0 });
  });

  it('counts rows before a header, and rows of another width, as unknown', () => {
    const parser = new JstatParser();
    expect(parser.line(SERIAL[1]!)).toBeNull();
    parser.line(SERIAL[0]!);
    expect(parser.line('1.0 2.0 3.0')).toBeNull();
    expect(parser.line('')).toBeNull();
    expect(parser.unknownLines).toBe(2);
  });
});
