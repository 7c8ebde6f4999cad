import { describe, expect, it } from 'vitest';
import { snapshotOriginText } from './snapshot-origin';
import { formatDateTime } from './units';

const startedAt = '2026-11-26T04:21:03.000Z';

describe('snapshotOriginText', () => {
  it('names the program and pid, the host and when the capture began', () => {
    const origin = { sessionId: 's1', host: 'this machine', pid: 4242, command: '/tmp/fixtures/gcleak -mode leak', runtime: 'go' as const, startedAt };
    expect(snapshotOriginText(origin)).toBe(`gcleak · pid 4242 · this machine · captured ${formatDateTime(startedAt)}`);
  });

  it('names a JVM by its main class, and says what it does not know', () => {
    const jvm = { sessionId: 's2', host: 'alice@db7:22', pid: null, command: 'java -Xmx1g -cp app.jar com.example.Orders', runtime: 'jvm' as const, startedAt };
    expect(snapshotOriginText(jvm)).toBe(`Orders · alice@db7:22 · captured ${formatDateTime(startedAt)}`);
    expect(snapshotOriginText({ ...jvm, command: null, runtime: null })).toMatch(/^unknown program · alice@db7:22 · captured /);
  });

  it('dates the capture to the second', () => {
    expect(formatDateTime(startedAt)).toMatch(/^\d{1,2} \w{3,4} 2026, \d\d:\d\d:\d\d$/);
  });
});
