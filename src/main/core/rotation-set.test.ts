import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParsedRecord } from '../../shared/gc-event';
import { compareRotationNames, orderByFirstTime, orderLogSet, readLogSet, rotationName } from './rotation-set';

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

describe('readLogSet', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gclens-logset-'));

  it('reads a rotated set as one stream: a collection split across two files is one event, sourced in its own file', async () => {
    const older = join(dir, 'gc.log.0');
    const current = join(dir, 'gc.log');
    writeFileSync(
      older,
      [
        '[0.050s][info][gc] Using G1',
        '[0.060s][info][gc          ] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 20M->3M(256M) 2.000ms',
        '[0.100s][info][gc,start    ] GC(1) Pause Young (Normal) (G1 Evacuation Pause)',
        '',
      ].join('\n'),
    );
    writeFileSync(
      current,
      [
        '[0.101s][info][gc,heap     ] GC(1) Eden regions: 3->0(4)',
        '[0.103s][info][gc          ] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 24M->4M(256M) 3.456ms',
        '[0.200s][info][gc          ] GC(2) Pause Young (Normal) (G1 Evacuation Pause) 25M->5M(256M) 1.000ms',
        '',
      ].join('\n'),
    );
    const records: ParsedRecord[] = [];
    const outcome = await readLogSet(
      [
        { path: current, name: 'gc.log' },
        { path: older, name: 'gc.log.0' },
      ],
      { onRecord: (r) => records.push(r) },
    );
    expect(outcome.files.map((f) => f.name)).toEqual(['gc.log.0', 'gc.log']);
    const events = records.filter((r) => r.type === 'gc');
    expect(events.map((e) => e.id)).toEqual([0, 1, 2]);
    expect(events[1]).toMatchObject({ id: 1, pauseMs: 3.456, heapBeforeBytes: 24 * 2 ** 20, source: { file: 'gc.log', line: 2 } });
    expect(events[2]).toMatchObject({ source: { file: 'gc.log', line: 3 } });
  });

  it('refuses to read files of different formats as one log', async () => {
    const go = join(dir, 'go.log');
    const jvm = join(dir, 'jvm.log');
    writeFileSync(go, 'gc 1 @0.1s 1%: 0.1+1+0.1 ms clock, 0.1+0/1/1+0.1 ms cpu, 4->4->2 MB, 4 MB goal, 4 P\n');
    writeFileSync(jvm, '[0.103s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->4M(256M) 3.456ms\n');
    await expect(
      readLogSet(
        [
          { path: go, name: 'go.log' },
          { path: jvm, name: 'jvm.log' },
        ],
        { onRecord: () => {} },
      ),
    ).rejects.toThrow(/not one log \(go\.log is go-gctrace, jvm\.log is jvm-unified\)/);
  });
});
