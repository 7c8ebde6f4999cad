import { describe, expect, it } from 'vitest';
import { Redactor } from './redactor';

describe('Redactor', () => {
  it('replaces -D…password=…, secret environment values and URL passwords, keeping the names', () => {
    const r = new Redactor();
    const command =
      'DB_PASSWORD=hunter2 API_TOKEN="abc def" GOGC=100 java -Xmx2g -Ddb.password=s3cret -Djavax.net.ssl.keyStorePassword=changeit ' +
      '-Dfile.encoding=UTF-8 -Dmonkey=banana --secret-key=xyz --password pw2 -jar app.jar jdbc:postgresql://app:pg-pass@db1.prod.example.com:5432/orders';
    const out = r.redact(command, 'target.command');
    expect(out).toBe(
      'DB_PASSWORD=[secret] API_TOKEN=[secret] GOGC=100 java -Xmx2g -Ddb.password=[secret] -Djavax.net.ssl.keyStorePassword=[secret] ' +
        '-Dfile.encoding=UTF-8 -Dmonkey=banana --secret-key=[secret] --password [secret] -jar app.jar jdbc:postgresql://[user-1]:[secret]@[host-1]:5432/orders',
    );
    for (const secret of ['hunter2', 'abc def', 's3cret', 'changeit', 'xyz', 'pw2', 'pg-pass']) expect(out).not.toContain(secret);
  });

  it('replaces IPv4 and IPv6 addresses, keeping loopback, unspecified, versions and times', () => {
    const r = new Redactor();
    const text = 'from 10.1.2.3:6060 and [2001:db8::8a2e:370:7334]:80 and fe80::1%eth0 via 127.0.0.1, ::1 and 0.0.0.0 at 10:05:00 go1.22.5 17.0.11 1.2.3.4.5';
    expect(r.redact(text, 'x')).toBe('from [ip-1]:6060 and [[ip-2]]:80 and [ip-3]%eth0 via 127.0.0.1, ::1 and 0.0.0.0 at 10:05:00 go1.22.5 17.0.11 1.2.3.4.5');
  });

  it('finds host and user names by their context, then replaces them wherever they stand as a word', () => {
    const r = new Redactor({ hosts: ['box7.internal'], users: ['svc-orders'] });
    expect(r.redact('ssh deploy@build-01.corp to https://metrics.corp.example/push, --kafka-brokers=k1.corp:9092,k2.corp:9092 home /home/alice/app', 'cmd')).toBe(
      // Numbered in the order the rules find them: flags, then URLs, then user@host.
      'ssh [user-2]@[host-5] to https://[host-4]/push, --kafka-brokers=[host-2]:9092,[host-3]:9092 home /home/[user-3]/app',
    );
    // Found once, replaced everywhere after, the same token each time.
    expect(r.redact('box7.internal svc-orders build-01.corp alice', 'log')).toBe('[host-1] [user-1] [host-5] [user-3]');
    expect(r.found().map((h) => [h.category, h.value, h.replacement])).toContainEqual(['user', 'alice', '[user-3]']);
  });

  it('leaves class names, Go source positions and ordinary log text alone', () => {
    const r = new Redactor({ hosts: ['db1'], users: ['svc'] });
    const lines = [
      '   1:        190000       13680000  java.lang.String (java.base@17.0.15)',
      '\t/usr/local/go/src/runtime/proc.go:398 +0x1d',
      'main.retainHeader(...) main.go:42',
      'gc 12 @1.234s 2%: 0.011+1.2+0.020 ms clock, 0.045+0.30/1.1/0.9+0.081 ms cpu, 14->15->10 MB, 20 MB goal, 0 MB stacks, 0 MB globals, 4 P',
      '[0.123s][info][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 24M->4M(256M) 3.456ms',
      'java.lang.Object@1b6d3586',
    ];
    for (const line of lines) expect(r.redact(line, 'log')).toBe(line);
  });

  it('is idempotent: redacting redacted text changes nothing', () => {
    const r = new Redactor({ users: ['alice'] });
    const once = r.redact('alice@10.0.0.9 -Dpassword=x TOKEN=y /home/alice', 'a');
    expect(once).toBe('[user-1]@[ip-1] -Dpassword=[secret] TOKEN=[secret] /home/[user-1]');
    expect(r.redact(once, 'b')).toBe(once);
  });

  it('counts where each value was found', () => {
    const r = new Redactor();
    r.redact('10.0.0.1', 'target.command');
    r.redact('to 10.0.0.1', 'raw/0001-gctrace');
    r.redact('again 10.0.0.1', 'raw/0001-gctrace');
    expect([...r.found()[0]!.places]).toEqual([
      ['target.command', 1],
      ['raw/0001-gctrace', 2],
    ]);
  });
});
