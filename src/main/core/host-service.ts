/**
 * The `hosts:*` handlers: list, connect over SSH, disconnect, answer (or
 * list again) the questions a login asks, and the recent hosts to offer.
 * Spread into the backend's handlers.
 */
import type { InvokeHandlers } from '../../shared/contract';
import type { HostPrompts } from './host-prompts';
import type { HostRegistry } from './host-registry';
import type { RecentHosts } from './recent-hosts';

type HostHandlers = Pick<
  InvokeHandlers,
  'hosts:list' | 'hosts:connect' | 'hosts:disconnect' | 'hosts:answer' | 'hosts:prompts' | 'hosts:recent' | 'hosts:forget'
>;

export function createHostHandlers(registry: HostRegistry, prompts: HostPrompts, recent: RecentHosts): HostHandlers {
  return {
    'hosts:list': async () => registry.list(),
    'hosts:connect': async (request) => registry.connect(request),
    'hosts:disconnect': async ({ hostId }) => registry.disconnect(hostId),
    'hosts:answer': async (answer) => prompts.answer(answer),
    'hosts:prompts': async () => prompts.open(),
    'hosts:recent': async () => recent.list(),
    'hosts:forget': async ({ destination }) => recent.forget(destination),
  };
}
