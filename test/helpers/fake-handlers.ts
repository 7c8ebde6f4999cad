/**
 * Backend handlers for transport tests: every channel of the contract is
 * there (so a new channel needs no edit here), and each throws unless the
 * test gives its own.
 */
import { vi } from 'vitest';
import { invokeChannels, type InvokeHandlers } from '../../src/shared/contract';

export function fakeHandlers(overrides: Partial<InvokeHandlers> = {}): InvokeHandlers {
  const handlers = Object.fromEntries(
    invokeChannels.map((channel) => [
      channel,
      vi.fn(async () => {
        throw new Error(`${channel} is not reached in this test`);
      }),
    ]),
  ) as unknown as InvokeHandlers;
  return { ...handlers, ...overrides };
}
