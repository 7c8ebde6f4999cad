import { describe, expect, it } from 'vitest';
import type { SessionSummary } from '../../../shared/library-contract';
import { filterSessions } from './session-filter';

function session(fields: Partial<SessionSummary>): SessionSummary {
  return {
    sessionId: 'id-00000001',
    folderName: 'f',
    host: 'this machine',
    pid: 42,
    command: '/srv/orders',
    runtime: 'go',
    version: 'go1.22.5',
    startedAt: '2024-05-01T10:00:00.000Z',
    endedAt: null,
    status: 'complete',
    sizeBytes: 1,
    artifactCount: 1,
    eventRecords: 1,
    snapshots: [],
    fromBundle: false,
    ...fields,
  };
}

describe('filterSessions', () => {
  const orders = session({ sessionId: 'orders-0001', command: '/srv/orders -listen :6060', pid: 4242 });
  const billing = session({ sessionId: 'billing-001', command: 'java -jar billing.jar', runtime: 'jvm', version: '17.0.11', status: 'cut-off' });

  it('keeps every session for an empty query', () => {
    expect(filterSessions([orders, billing], '  ')).toEqual([orders, billing]);
  });

  it('needs every word, in any field, case-insensitively', () => {
    expect(filterSessions([orders, billing], 'JVM cut-off')).toEqual([billing]);
    expect(filterSessions([orders, billing], '4242 orders')).toEqual([orders]);
    expect(filterSessions([orders, billing], 'orders jvm')).toEqual([]);
  });
});
