import { describe, expect, it } from 'vitest';
import { decimal, msFromSeconds, readDecorations } from './legacy-units';

describe('numbers and decorations', () => {
  it('reads points and commas, and seconds into milliseconds exactly', () => {
    expect(decimal('0,0165')).toBe(0.0165);
    expect(decimal('4985.5')).toBe(4985.5);
    expect(decimal('12')).toBe(12);
    expect(decimal('1.')).toBeNaN();
    expect(decimal('.5')).toBeNaN();
    expect(msFromSeconds('0.0282705')).toBe(28.2705);
    expect(msFromSeconds('0,0665670')).toBe(66.567);
    expect(msFromSeconds('117.0312620')).toBe(117031.262);
    expect(msFromSeconds('3')).toBe(3000);
  });

  it('reads date, uptime and GC id in any combination', () => {
    expect(readDecorations('2014-03-28T20:51:21.123+0100: 12.345: #7: [GC')).toEqual({ wallTime: '2014-03-28T20:51:21.123+01:00', startSec: 12.345, id: 7, end: 42 });
    expect(readDecorations('2013-12-21T15:49:27.817-0800: [GC')).toMatchObject({ wallTime: '2013-12-21T15:49:27.817-08:00', startSec: null, end: 30 });
    expect(readDecorations('[GC')).toEqual({ wallTime: null, startSec: null, id: null, end: 0 });
  });
});
