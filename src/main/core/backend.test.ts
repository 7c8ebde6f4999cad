import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OpenedSnapshot } from '../../shared/contract';
import type { SnapshotDiff } from '../../shared/snapshot';
import { createBackend } from './backend';

const testdata = resolve(__dirname, '../snapshots/go/testdata');

describe('backend snapshot channels', () => {
  it('opens two snapshots and diffs them by id', async () => {
    const { dispatch } = createBackend({ transport: 'serve', emit: () => {} });
    const open = async (file: string) => {
      const result = await dispatch('snapshot:open', { requestId: `r-${file}`, source: { kind: 'path', path: resolve(testdata, file) } });
      if (!result.ok) throw new Error(result.error.message);
      return result.value as OpenedSnapshot;
    };
    const base = await open('memleak-1.goroutine-debug2.txt');
    const next = await open('memleak-2.goroutine-debug2.txt');
    expect(next.summary).toMatchObject({ kind: 'goroutine-text', by: 'goroutine' });

    const result = await dispatch('snapshot:diff', { baseId: base.snapshotId, newId: next.snapshotId, filter: 'parkSenders' });
    expect(result.ok).toBe(true);
    const diff = (result as { value: SnapshotDiff }).value;
    expect(diff.rows).toHaveLength(1);
    expect(diff.rows[0]).toMatchObject({ state: 'chan send', delta: 33 });

    const bad = await dispatch('snapshot:diff', { baseId: base.snapshotId, newId: next.snapshotId, filter: '(' });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    const gone = await dispatch('snapshot:diff', { baseId: 'AAAAAAAAAAAA', newId: next.snapshotId });
    expect(gone).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });
});
