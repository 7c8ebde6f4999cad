import { describe, expect, it } from 'vitest';
import { Decorations, normaliseIso, shiftIso } from './decorators';

function read(line: string): Decorations {
  const d = new Decorations();
  d.parse(line);
  return d;
}

describe('Decorations', () => {
  it('reads the default set: uptime, level, tags (padded)', () => {
    const d = read('[0.354s][info][gc,heap     ] GC(0) Eden regions: 50->0(43)');
    expect(d.count).toBe(3);
    expect(d.startSec()).toBe(0.354);
    expect(d.level()).toBe('info');
    expect(d.tags()).toBe('gc,heap');
    expect(d.wallTime()).toBeNull();
    expect(d.message()).toBe('GC(0) Eden regions: 50->0(43)');
  });

  it('reads a padded level and an uptime under a decimal-comma locale', () => {
    const d = read('[1,474s][info ][safepoint,cleanup ] deflating idle monitors, 0,0000030 secs');
    expect(d.startSec()).toBe(1.474);
    expect(d.level()).toBe('info');
    expect(d.tags()).toBe('safepoint,cleanup');
    expect(d.message()).toBe('deflating idle monitors, 0,0000030 secs');
  });

  it('reads time and uptimemillis, and writes the wall time as ISO-8601 with a colon in the offset', () => {
    const d = read('[2022-01-29T16:34:51.642+0000][233ms][info][gc          ] GC(5) Concurrent Mark Cycle');
    expect(d.startSec()).toBe(0.233);
    expect(d.wallTime()).toBe('2022-01-29T16:34:51.642+00:00');
    expect(d.message()).toBe('GC(5) Concurrent Mark Cycle');
  });

  it('reads every decorator in HotSpot order', () => {
    const d = read(
      '[2024-03-05T10:22:47.159+0100][2024-03-05T09:22:47.159+0000][0.059s][1709630567159ms][59ms][889123456789ns][59012345ns][db-7.example.com][29698][29707][debug][gc,phases,start] GC(0) Phase 1: Mark live objects',
    );
    expect(d.count).toBe(12);
    // The last wall-clock decorator wins (utctime); both name the same instant.
    expect(d.wallTime()).toBe('2024-03-05T09:22:47.159+00:00');
    expect(d.startSec()).toBe(0.059);
    expect(d.epochMs).toBe(1709630567159);
    expect(d.text.slice(d.hostStart, d.hostEnd)).toBe('db-7.example.com');
    expect([d.pid, d.tid]).toEqual([29698, 29707]);
    expect(d.level()).toBe('debug');
    expect(d.tags()).toBe('gc,phases,start');
    expect(d.message()).toBe('GC(0) Phase 1: Mark live objects');
  });

  it('reads decorators in any order', () => {
    const d = read('[gc,start][0.5s] [oops]');
    expect(d.tags()).toBe('gc,start');
    expect(d.startSec()).toBe(0.5);
    expect(d.message()).toBe('[oops]');
    const e = read('[info][29698][12.500s][gc,start   ] GC(7) Pause Young (Allocation Failure)');
    expect(e.count).toBe(4);
    expect(e.startSec()).toBe(12.5);
    expect(e.pid).toBe(29698);
    expect(e.tags()).toBe('gc,start');
    expect(e.message()).toBe('GC(7) Pause Young (Allocation Failure)');
  });

  it('takes the uptime from uptimenanos, and tells uptimemillis from timemillis by size', () => {
    expect(read('[12345678900ns][gc] x').startSec()).toBe(12.3456789);
    // Two …ns decorators: timenanos (the monotonic clock since boot) is the larger.
    expect(read('[889123456789ns][59012345ns][gc] x').startSec()).toBe(0.059012345);
    const epoch = read('[1709630567159ms][info][gc] x');
    expect(epoch.startSec()).toBeNull();
    expect(epoch.wallTime()).toBe('2024-03-05T09:22:47.159Z');
    expect(read('[1709630567159ms][59ms][gc] x').startSec()).toBe(0.059);
  });

  it('treats a hostname that looks like tags as the hostname when tags follow', () => {
    const d = read('[0.1s][myhost][gc] x');
    expect(d.text.slice(d.hostStart, d.hostEnd)).toBe('myhost');
    expect(d.tags()).toBe('gc');
  });

  it('finds no decorators in JDK 8 or Go lines, so the whole line is the message', () => {
    for (const line of [
      '[GC (Allocation Failure)  1024K->512K(2048K), 0.0012345 secs]',
      '2015-05-26T14:45:37.987-0200: 151.126: [GC (Allocation Failure) [PSYoungGen: 1024K->512K(2048K)]',
      'gc 1 @0.012s 2%: 0.01+1.2+0.02 ms clock, 0.1+0.2/1.1/2.0+0.08 ms cpu, 4->4->0 MB, 5 MB goal, 4 P',
      'GC(3) Pause Young (Allocation Failure) 68M->32M(247M) 25.164ms',
      '',
    ]) {
      const d = read(line);
      expect(d.count).toBe(0);
      expect(d.messageStart).toBe(0);
    }
  });

  it('stops at a bracket that is not a decorator', () => {
    const d = read('[0.5s][info][gc] [not a decorator] x');
    expect(d.count).toBe(3);
    expect(d.message()).toBe('[not a decorator] x');
    expect(read('[0.5s][info][gc').count).toBe(2);
  });
});

describe('wall times', () => {
  it('normalises HotSpot offsets and leaves other forms', () => {
    expect(normaliseIso('2023-08-29T14:56:00.355+0800')).toBe('2023-08-29T14:56:00.355+08:00');
    expect(normaliseIso('2023-08-29T14:56:00.355-0330')).toBe('2023-08-29T14:56:00.355-03:30');
    expect(normaliseIso('2023-08-29T14:56:00.355Z')).toBe('2023-08-29T14:56:00.355Z');
  });

  it('moves a time back by a pause in its own offset, across a day boundary', () => {
    expect(shiftIso('2023-08-29T00:00:00.010+08:00', -20)).toBe('2023-08-28T23:59:59.990+08:00');
    expect(shiftIso('2023-08-29T14:56:01.670+08:00', -974.417)).toBe('2023-08-29T14:56:00.696+08:00');
    expect(shiftIso('not a time', -1)).toBeNull();
  });
});
