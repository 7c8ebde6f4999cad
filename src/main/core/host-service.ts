/**
 * The `hosts:*` handlers: list, connect over SSH, disconnect, and answer (or
 * list again) the questions a login asks. Spread into the backend's handlers.
 */
import type { InvokeHandlers } from '../../shared/contract';
import type { HostPrompts } from './host-prompts';
import type { HostRegistry } from './host-registry';

type HostHandlers = Pick<InvokeHandlers, 'hosts:list' | 'hosts:connect' | 'hosts:disconnect' | 'hosts:answer' | 'hosts:prompts'>;

export function createHostHandlers(registry: HostRegistry, prompts: HostPrompts): HostHandlers {
  return {
    'hosts:list': async () => registry.list(),
    'hosts:connect': async (request) => registry.connect(request),
    'hosts:disconnect': async ({ hostId }) => registry.disconnect(hostId),
    'hosts:answer': async (answer) => prompts.answer(answer),
    'hosts:prompts': async () => prompts.open(),
  };
}
