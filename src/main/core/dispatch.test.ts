import { describe, expect, it, vi } from 'vitest';
import type { InvokeHandlers } from '../../shared/contract';
import { GclensError } from '../../shared/result';
import { fakeHandlers } from '../../../test/helpers/fake-handlers';
import { createDispatch } from './dispatch';

function handlers(overrides: Partial<InvokeHandlers> = {}): InvokeHandlers {
  return fakeHandlers({
    'app:info': vi.fn(async () => ({ name: 'gclens', version: '1.0.0', transport: 'serve' as const, platform: 'x', nodeVersion: '20' })),
    'files:open': vi.fn(async () => {
      throw new GclensError('unsupported-format', 'x.txt is not a GC log');
    }),
    ...overrides,
  });
}

describe('createDispatch', () => {
  it('wraps a handler value in an ok envelope', async () => {
    const result = await createDispatch(handlers())('app:info', undefined);
    expect(result).toEqual({ ok: true, value: expect.objectContaining({ name: 'gclens' }) });
  });

  it('keeps an error kind and message across the boundary', async () => {
    const result = await createDispatch(handlers())('files:open', { requestId: 'r1', sources: [{ kind: 'path', path: '/x.txt' }] });
    expect(result).toEqual({ ok: false, error: { kind: 'unsupported-format', message: 'x.txt is not a GC log' } });
  });

  it('refuses unknown channels and invalid arguments before any handler runs', async () => {
    const h = handlers();
    const dispatch = createDispatch(h);
    expect(await dispatch('shell:exec', 'rm -rf /')).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    for (const bad of [
      undefined,
      { requestId: 'r', sources: [] },
      { requestId: 'r', sources: [{ kind: 'path', path: '' }] },
      { requestId: 'r', sources: [{ kind: 'upload', uploadId: '../../etc/passwd' }] },
      { requestId: 'r', sources: [{ kind: 'path', path: '/x', extra: true }] },
      { requestId: 'r', sources: [{ kind: 'url', url: 'http://x' }] },
    ]) {
      expect(await dispatch('files:open', bad)).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    }
    expect(await dispatch('app:info', { sneaky: 1 })).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    expect(h['files:open']).not.toHaveBeenCalled();
    expect(h['app:info']).not.toHaveBeenCalled();
  });

  it('turns an unexpected throw into an internal error', async () => {
    const dispatch = createDispatch(handlers({ 'app:info': async () => { throw new Error('boom'); } }));
    expect(await dispatch('app:info', undefined)).toEqual({ ok: false, error: { kind: 'internal', message: 'boom' } });
  });
});
