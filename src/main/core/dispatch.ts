/**
 * The one place a raw request from either transport becomes a handler call:
 * the channel must exist, the argument must pass its schema, and whatever
 * happens the caller gets a Result envelope, never a thrown error.
 */
import type { InvokeChannel, InvokeHandlers } from '../../shared/contract';
import { invokeChannels } from '../../shared/contract';
import { fail, ok, toErrorInfo, type Result } from '../../shared/result';
import { requestSchemas } from '../../shared/schemas';

export type Dispatch = (channel: string, request: unknown) => Promise<Result<unknown>>;

export function isInvokeChannel(channel: string): channel is InvokeChannel {
  return (invokeChannels as string[]).includes(channel);
}

export function createDispatch(handlers: InvokeHandlers): Dispatch {
  return async (channel, request) => {
    if (!isInvokeChannel(channel)) return fail('invalid-argument', `unknown channel "${channel}"`);
    const parsed = requestSchemas[channel].safeParse(request);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
      return fail('invalid-argument', `${channel}: ${issue?.message ?? 'invalid request'}${where}`);
    }
    try {
      const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
      return ok(await handler(parsed.data));
    } catch (err) {
      return { ok: false, error: toErrorInfo(err) };
    }
  };
}
