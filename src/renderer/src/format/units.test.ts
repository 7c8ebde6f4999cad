import { describe, expect, it } from 'vitest';
import {
  baseName,
  byteUnitFor,
  formatBytes,
  formatCount,
  formatInUnit,
  formatMs,
  formatPercent,
  formatSeconds,
  plural,
  timeUnitFor,
} from './units';

describe('formatBytes', () => {
  it('keeps small values in bytes', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1023)).toBe('1,023 B');
  });

  it('uses binary units the way gctrace prints MB', () => {
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(4 * 1024 * 1024)).toBe('4 MB');
    expect(formatBytes(4.25 * 1024 * 1024)).toBe('4.25 MB');
    expect(formatBytes(42.5 * 1024 * 1024)).toBe('42.5 MB');
    expect(formatBytes(425 * 1024 * 1024)).toBe('425 MB');
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.5 GB');
    expect(formatBytes(3 * 1024 ** 4)).toBe('3 TB');
  });

  it('shows a dash for a value the log did not give', () => {
    expect(formatBytes(null)).toBe('—');
    expect(formatBytes(undefined)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
  });
});

describe('byteUnitFor / formatInUnit', () => {
  it('picks the largest unit the value reaches', () => {
    expect(byteUnitFor(0).label).toBe('B');
    expect(byteUnitFor(2048).label).toBe('KB');
    expect(byteUnitFor(600 * 1024 * 1024).label).toBe('MB');
    expect(byteUnitFor(1024 ** 3).label).toBe('GB');
  });

  it('formats axis ticks in a fixed unit without the label', () => {
    const mb = byteUnitFor(600 * 1024 * 1024);
    expect(formatInUnit(0, mb)).toBe('0');
    expect(formatInUnit(512 * 1024, mb)).toBe('0.5');
    expect(formatInUnit(300 * 1024 * 1024, mb)).toBe('300');
  });
});

describe('formatMs', () => {
  it('switches to microseconds below one millisecond', () => {
    expect(formatMs(0)).toBe('0 ms');
    expect(formatMs(0.042)).toBe('42 µs');
    expect(formatMs(0.0015)).toBe('1.5 µs');
  });

  it('keeps three significant figures in milliseconds', () => {
    expect(formatMs(3.456)).toBe('3.46 ms');
    expect(formatMs(12.34)).toBe('12.3 ms');
    expect(formatMs(123.4)).toBe('123 ms');
  });

  it('moves to seconds and minutes for long totals', () => {
    expect(formatMs(1234)).toBe('1.23 s');
    expect(formatMs(125_000)).toBe('2 min 5 s');
  });

  it('shows a dash for a missing value', () => {
    expect(formatMs(null)).toBe('—');
  });
});

describe('formatSeconds', () => {
  it('reads as a human span', () => {
    expect(formatSeconds(0.5)).toBe('0.5 s');
    expect(formatSeconds(42.13)).toBe('42.1 s');
    expect(formatSeconds(120)).toBe('2 min');
    expect(formatSeconds(725)).toBe('12 min 5 s');
    expect(formatSeconds(3 * 3600 + 12 * 60 + 7)).toBe('3 h 12 min');
    expect(formatSeconds(7200)).toBe('2 h');
  });
});

describe('counts, percentages, names', () => {
  it('groups thousands', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
  });

  it('formats the GC CPU figure', () => {
    expect(formatPercent(4)).toBe('4 %');
    expect(formatPercent(12.25)).toBe('12.3 %');
    expect(formatPercent(null)).toBe('—');
  });

  it('pluralises', () => {
    expect(plural(1, 'line', 'lines')).toBe('1 line');
    expect(plural(12, 'line', 'lines')).toBe('12 lines');
    expect(plural(0, 'line', 'lines')).toBe('0 lines');
  });

  it('takes the last path segment from POSIX and Windows paths', () => {
    expect(baseName('/var/log/app/gc.log')).toBe('gc.log');
    expect(baseName('C:\\logs\\gc.log')).toBe('gc.log');
    expect(baseName('gc.log')).toBe('gc.log');
    expect(baseName('/trailing/')).toBe('/trailing/');
  });
});

describe('timeUnitFor', () => {
  it('reads a short run in seconds, a longer one in minutes or hours', () => {
    expect(timeUnitFor(0).label).toBe('s');
    expect(timeUnitFor(179).label).toBe('s');
    expect(timeUnitFor(180).label).toBe('min');
    expect(timeUnitFor(5 * 3600).label).toBe('h');
  });
});
