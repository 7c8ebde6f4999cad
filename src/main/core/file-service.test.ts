import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_CHART_POINTS } from '../../shared/contract';
import { openFiles } from './file-service';

const dir = mkdtempSync(join(tmpdir(), 'gclens-files-'));

function gctrace(cycles: number, spikeAt: number): string {
  const lines: string[] = [];
  for (let n = 1; n <= cycles; n++) {
    const stw = n === spikeAt ? '250' : '0.5';
    const live = 10 + Math.floor(n / 100);
    lines.push(`gc ${n} @${(n * 0.1).toFixed(1)}s 3%: 0.5+4.0+${stw} ms clock, 2+1/3/4+2 ms cpu, ${live * 2}->${live * 2 + 1}->${live} MB, ${live * 2} MB goal, 0 MB stacks, 1 MB globals, 4 P`);
    if (n % 1000 === 0) lines.push('application says hello');
  }
  return lines.join('\n') + '\n';
}

describe('openFiles', () => {
  it('summarises every cycle and hands the charts at most MAX_CHART_POINTS, keeping the pause spike', async () => {
    const path = join(dir, 'big.log');
    writeFileSync(path, gctrace(50_000, 31_337) + 'gc 50001 @9\n');
    const progress: number[] = [];
    const opened = await openFiles([{ path, name: 'big.log' }], (p) => progress.push(p.bytesRead));
    expect(opened.names).toEqual(['big.log']);
    expect(opened.summary).toMatchObject({ cycles: 50_000, unknownLines: 1, gcCpuPercent: 3, format: 'go-gctrace', maxPauseMs: 250.5, xAxis: 'uptime-seconds' });
    expect(opened.summary.totalPauseMs).toBeCloseTo(49_999 * 1 + 250.5, 6);
    expect(opened.summary.spanSec).toBeCloseTo(4999.9, 6);
    expect(opened.heap.length).toBeLessThanOrEqual(MAX_CHART_POINTS);
    expect(opened.heap.length).toBeGreaterThanOrEqual(MAX_CHART_POINTS / 2);
    expect(opened.pauses.length).toBeLessThanOrEqual(MAX_CHART_POINTS);
    expect(opened.pauses).toContainEqual({ startSec: 3133.7, pauseMs: 250.5, kind: 'cycle', id: 31_337 });
    expect(opened.heap[0]).toEqual({
      startSec: 0.1,
      heapBeforeBytes: 20 * 2 ** 20,
      heapAfterBytes: 21 * 2 ** 20,
      heapCommittedBytes: null,
      liveBytes: 10 * 2 ** 20,
      goalBytes: 20 * 2 ** 20,
      youngAfterBytes: null,
      oldAfterBytes: null,
      humongousAfterBytes: null,
      metaspaceAfterBytes: null,
    });
    expect(opened.phases).toEqual([]);
    expect(opened.unknownSamples).toEqual([{ file: 'big.log', line: 50_051, text: 'gc 50001 @9' }]);
    expect(progress.at(-1)).toBe(opened.totalBytes);
  });

  it('keeps every point of a short log', async () => {
    const path = join(dir, 'short.log');
    writeFileSync(path, gctrace(40, 7));
    const opened = await openFiles([{ path, name: 'short.log' }], () => {});
    expect(opened.heap).toHaveLength(40);
    expect(opened.pauses).toHaveLength(40);
  });

  it('charts a log without a clock (Go before 1.5) by cycle position, and says so', async () => {
    const path = join(dir, 'go13.log');
    writeFileSync(path, ['gc1(1): 5+0+186+0 us, 0 -> 0 MB, 18 (19-1) objects', 'gc2(1): 4+1+316+1 us, 1 -> 0 MB, 208 (209-1) objects'].join('\n'));
    const opened = await openFiles([{ path, name: 'go13.log' }], () => {});
    expect(opened.summary).toMatchObject({ cycles: 2, xAxis: 'cycle-index', spanSec: 0 });
    expect(opened.pauses.map((p) => p.startSec)).toEqual([0, 1]);
  });
});
