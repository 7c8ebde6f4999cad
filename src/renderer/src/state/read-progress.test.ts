import { describe, expect, it } from 'vitest';
import { ReadProgress } from './read-progress';

describe('ReadProgress', () => {
  it('sums the latest count of each file of its own request', () => {
    const progress = new ReadProgress('r1');
    expect(progress.add({ requestId: 'r1', name: 'a.log', bytesRead: 10, totalBytes: 100 })).toEqual({
      phase: 'reading',
      name: 'a.log',
      done: 10,
      total: 100,
    });
    progress.add({ requestId: 'r1', name: 'a.log', bytesRead: 100, totalBytes: 100 });
    expect(progress.add({ requestId: 'r1', name: 'b.log', bytesRead: 50, totalBytes: 200 })).toEqual({
      phase: 'reading',
      name: 'b.log',
      done: 150,
      total: 300,
    });
  });

  it("ignores another request's events", () => {
    const progress = new ReadProgress('r1');
    expect(progress.add({ requestId: 'r2', name: 'a.log', bytesRead: 1, totalBytes: 2 })).toBeNull();
  });

  it('never reports more done than the total', () => {
    const progress = new ReadProgress('r');
    expect(progress.add({ requestId: 'r', name: 'a', bytesRead: 120, totalBytes: 100 })?.done).toBe(100);
  });
});
