import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { AppInfo, EventMap, GclensApi, InvokeChannel, InvokeHandlers, OpenedFile, OpenFilesRequest, RecentHost, RequestOf } from './contract';
import type { eventMethods, invokeMethods } from './contract';
import type { FileLines, FileLinesRequest } from './file-lines';
import type { ErrorKind, Result } from './result';
import type { requestSchemas } from './schemas';

describe('the contract', () => {
  it('names every channel domain:verb', () => {
    expectTypeOf<InvokeChannel>().toEqualTypeOf<
      | 'app:info'
      | 'files:open'
      | 'files:lines'
      | 'snapshot:open'
      | 'snapshot:diff'
      | 'targets:list'
      | 'targets:describe'
      | 'session:attach'
      | 'session:launch'
      | 'session:detach'
      | 'session:state'
      | 'session:list'
      | 'session:snapshot'
      | 'session:heap-info'
      | 'library:list'
      | 'library:open'
      | 'library:snapshot'
      | 'library:import'
      | 'library:delete'
      | 'report:redaction-preview'
      | 'report:export'
      | 'report:save'
      | 'hosts:list'
      | 'hosts:connect'
      | 'hosts:disconnect'
      | 'hosts:answer'
      | 'hosts:prompts'
      | 'hosts:recent'
      | 'hosts:forget'
    >();
    expectTypeOf<keyof EventMap>().toEqualTypeOf<'files:progress' | 'files:open-requested' | 'session:update' | 'session:ended' | 'hosts:state' | 'hosts:prompt'>();
  });

  it('turns each channel into one named function answering a Result', () => {
    expectTypeOf<GclensApi['appInfo']>().toEqualTypeOf<() => Promise<Result<AppInfo>>>();
    expectTypeOf<GclensApi['openFiles']>().toEqualTypeOf<(request: OpenFilesRequest) => Promise<Result<OpenedFile>>>();
    expectTypeOf<GclensApi['readLines']>().toEqualTypeOf<(request: FileLinesRequest) => Promise<Result<FileLines>>>();
    expectTypeOf<GclensApi['listRecentHosts']>().toEqualTypeOf<() => Promise<Result<RecentHost[]>>>();
    expectTypeOf<GclensApi['forgetRecentHost']>().toEqualTypeOf<(request: { destination: string }) => Promise<Result<RecentHost[]>>>();
    expectTypeOf<GclensApi['onFilesProgress']>().parameter(0).parameter(0).toEqualTypeOf<EventMap['files:progress']>();
    expectTypeOf<ReturnType<GclensApi['onFilesProgress']>>().toEqualTypeOf<() => void>();
    expectTypeOf<keyof GclensApi>().toEqualTypeOf<
      (typeof invokeMethods)[keyof typeof invokeMethods] | (typeof eventMethods)[keyof typeof eventMethods]
    >();
  });

  it('has no generic invoke on the API object', () => {
    expectTypeOf<GclensApi>().not.toHaveProperty('invoke');
  });

  it('handlers answer plain values; the envelope is added by the transports', () => {
    expectTypeOf<InvokeHandlers['files:open']>().toEqualTypeOf<(request: OpenFilesRequest) => Promise<OpenedFile>>();
  });

  it('validates each request into exactly the type the contract declares', () => {
    expectTypeOf<z.output<(typeof requestSchemas)['files:open']>>().toEqualTypeOf<RequestOf<'files:open'>>();
    expectTypeOf<z.output<(typeof requestSchemas)['files:lines']>>().toEqualTypeOf<RequestOf<'files:lines'>>();
    expectTypeOf<z.output<(typeof requestSchemas)['snapshot:open']>>().toEqualTypeOf<RequestOf<'snapshot:open'>>();
    expectTypeOf<z.output<(typeof requestSchemas)['snapshot:diff']>>().toEqualTypeOf<RequestOf<'snapshot:diff'>>();
    expectTypeOf<z.output<(typeof requestSchemas)['targets:describe']>>().toEqualTypeOf<RequestOf<'targets:describe'>>();
    expectTypeOf<z.output<(typeof requestSchemas)['session:attach']>>().toEqualTypeOf<RequestOf<'session:attach'>>();
    expectTypeOf<z.output<(typeof requestSchemas)['session:launch']>>().toEqualTypeOf<RequestOf<'session:launch'>>();
    expectTypeOf<z.output<(typeof requestSchemas)['session:detach']>>().toEqualTypeOf<RequestOf<'session:detach'>>();
    expectTypeOf<z.output<(typeof requestSchemas)['session:state']>>().toEqualTypeOf<RequestOf<'session:state'>>();
    expectTypeOf<z.output<(typeof requestSchemas)['session:snapshot']>>().toEqualTypeOf<RequestOf<'session:snapshot'>>();
    expectTypeOf<z.output<(typeof requestSchemas)['session:heap-info']>>().toEqualTypeOf<RequestOf<'session:heap-info'>>();
    expectTypeOf<z.output<(typeof requestSchemas)['targets:list']>>().toEqualTypeOf<RequestOf<'targets:list'>>();
    expectTypeOf<z.output<(typeof requestSchemas)['hosts:connect']>>().toEqualTypeOf<RequestOf<'hosts:connect'>>();
    expectTypeOf<z.output<(typeof requestSchemas)['hosts:disconnect']>>().toEqualTypeOf<RequestOf<'hosts:disconnect'>>();
    expectTypeOf<z.output<(typeof requestSchemas)['hosts:answer']>>().toEqualTypeOf<RequestOf<'hosts:answer'>>();
    expectTypeOf<z.output<(typeof requestSchemas)['hosts:prompts']>>().toEqualTypeOf<undefined>();
    expectTypeOf<z.output<(typeof requestSchemas)['hosts:recent']>>().toEqualTypeOf<undefined>();
    expectTypeOf<z.output<(typeof requestSchemas)['hosts:forget']>>().toEqualTypeOf<RequestOf<'hosts:forget'>>();
    expectTypeOf<z.output<(typeof requestSchemas)['library:open']>>().toEqualTypeOf<RequestOf<'library:open'>>();
    expectTypeOf<z.output<(typeof requestSchemas)['library:snapshot']>>().toEqualTypeOf<RequestOf<'library:snapshot'>>();
    expectTypeOf<z.output<(typeof requestSchemas)['library:import']>>().toEqualTypeOf<RequestOf<'library:import'>>();
    expectTypeOf<z.output<(typeof requestSchemas)['library:delete']>>().toEqualTypeOf<RequestOf<'library:delete'>>();
    expectTypeOf<z.output<(typeof requestSchemas)['report:redaction-preview']>>().toEqualTypeOf<RequestOf<'report:redaction-preview'>>();
    expectTypeOf<z.output<(typeof requestSchemas)['report:export']>>().toEqualTypeOf<RequestOf<'report:export'>>();
    expectTypeOf<z.output<(typeof requestSchemas)['report:save']>>().toEqualTypeOf<RequestOf<'report:save'>>();
    // A request-less channel is `void` in the contract and must arrive as undefined.
    expectTypeOf<z.output<(typeof requestSchemas)['app:info']>>().toEqualTypeOf<undefined>();
    expectTypeOf<undefined>().toExtend<RequestOf<'app:info'>>();
  });

  it('result envelopes discriminate on ok', () => {
    const r = {} as Result<number>;
    if (r.ok) expectTypeOf(r.value).toEqualTypeOf<number>();
    else expectTypeOf(r.error.kind).toEqualTypeOf<ErrorKind>();
  });
});
