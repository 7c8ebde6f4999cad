import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareRotationNames, orderByFirstTime, orderLogSet, rotationName } from './rotation-set';

describe('rotation names', () => {
  it('reads the number and the live marker', () => {
    expect(rotationName('gc.log')).toEqual({ base: 'gc.log', index: null, current: false });
    expect(rotationName('gc.log.3')).toEqual({ base: 'gc.log', index: 3, current: false });
    expect(rotationName('gc.log.4.current')).toEqual({ base: 'gc.log', index: 4, current: true });
  });

  it('orders numbered files before the live one', () => {
    expect(['gc.log', 'gc.log.10', 'gc.log.2', 'gc.log.0'].sort(compareRotationNames)).toEqual(['gc.log.0', 'gc.log.2', 'gc.log.10', 'gc.log']);
    expect(['gc.log.2.current', 'gc.log.1', 'gc.log.0'].sort(compareRotationNames)).toEqual(['gc.log.0', 'gc.log.1', 'gc.log.2.current']);
  });
});

describe('orderByFirstTime', () => {
  it('lets the clock inside the files win over wrapped-around numbers', () => {
    const files = [
      { name: 'gc.log', first: { wallTime: null, startSec: 300 } },
      { name: 'gc.log.0', first: { wallTime: null, startSec: 200 } },
      { name: 'gc.log.1', first: { wallTime: null, startSec: 100 } },
    ];
    expect(orderByFirstTime(files).map((f) => f.name)).toEqual(['gc.log.1', 'gc.log.0', 'gc.log']);
  });

  it('falls back to names when a file has no clock', () => {
    const files = [
      { name: 'gc.log', first: { wallTime: null, startSec: 1 } },
      { name: 'gc.log.0', first: { wallTime: null, startSec: null } },
    ];
    expect(orderByFirstTime(files).map((f) => f.name)).toEqual(['gc.log.0', 'gc.log']);
  });
});

describe('orderLogSet', () => {
  it('orders real gctrace files by the first event time inside them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gclens-rotation-'));
    const line = (n: number, t: number) => `gc ${n} @${t}s 1%: 0.1+1+0.1 ms clock, 0.1+0/1/1+0.1 ms cpu, 4->4->2 MB, 4 MB goal, 4 P\n`;
    const inputs = [
      { path: join(dir, 'app.log'), name: 'app.log', text: line(9, 90) + line(10, 100) },
      { path: join(dir, 'app.log.1'), name: 'app.log.1', text: line(1, 10) + line(2, 20) },
      { path: join(dir, 'app.log.0'), name: 'app.log.0', text: line(5, 50) + line(6, 60) },
    ];
    for (const input of inputs) writeFileSync(input.path, input.text);
    const ordered = await orderLogSet(inputs.map(({ path, name }) => ({ path, name })));
    expect(ordered.map((i) => i.name)).toEqual(['app.log.1', 'app.log.0', 'app.log']);
  });
});
