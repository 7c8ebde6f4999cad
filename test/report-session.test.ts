/**
 * A report made from a recorded session folder (SessionWriter, as a live
 * attach writes it), its bundle verified, and the same session exported
 * with --redact: the preview lists every value, nothing of them is left in
 * the bundle, and the redacted bundle still verifies.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionTarget } from '../src/shared/session-manifest';
import { openBundle } from '../src/main/report/bundle';
import { parseBundleManifest } from '../src/main/report/bundle-manifest';
import { dataTextOf } from '../src/main/report/report-html';
import type { ReportData } from '../src/main/report/report-model';
import { runCli } from '../src/main/report/test-support';
import { SessionReader, SessionWriter } from '../src/main/session';
import { gctraceText, parseGctrace } from '../src/main/session/test-support';

const TESTDATA = resolve(__dirname, '../src/main/snapshots/go/testdata');
const dir = mkdtempSync(join(tmpdir(), 'gclens-report-session-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sessionDir = join(dir, 'session');

const TARGET: SessionTarget = {
  host: 'alice@db7.prod.example.com:22',
  pid: 4242,
  user: 'svc-orders',
  command: '/srv/orders -listen 10.20.30.40:6060 -db postgres://orders:hunter2@db7.prod.example.com:5432/orders -Dapi.token=tok-123 API_KEY=k-456',
  runtime: 'go',
  version: 'go1.22.5',
  processStartedAt: '2024-05-01T10:00:00.000Z',
};
/** Values that must not survive redaction anywhere in the bundle. */
const SECRETS = ['alice', 'db7.prod.example.com', 'svc-orders', '10.20.30.40', 'hunter2', 'tok-123', 'k-456', 'fd00:1:2::7'];

beforeAll(async () => {
  let t = Date.parse('2024-05-01T10:05:00.000Z');
  const writer = await SessionWriter.create(sessionDir, { target: TARGET }, { now: () => new Date((t += 250)) });
  // stderr as a collector tails it: gctrace lines, and one line of the program's own that names a peer.
  const text = gctraceText(1, 150) + 'dial tcp 10.20.30.40:5432 from [fd00:1:2::7]:41000: connection refused\n' + gctraceText(151, 150);
  const trace = await writer.addArtifact('gctrace', '/var/log/orders/stderr.log', '', '/home/alice/orders/stderr.log', { growing: true });
  await writer.appendToArtifact(trace.id, text);
  await writer.appendEvents(parseGctrace(text, trace.path), { artifact: trace.id });
  await writer.finishArtifact(trace.id);
  await writer.addArtifact('pprof', 'heap', readFileSync(join(TESTDATA, 'memleak-1.heap.pb.gz')), 'GET http://10.20.30.40:6060/debug/pprof/heap');
  await writer.addArtifact('jcmd-output', 'VM.command_line', `VM Arguments:\njvm_args: -Ddb.password=hunter2\n`, 'jcmd 4242 VM.command_line');
  await writer.addArtifact('pprof', 'heap', readFileSync(join(TESTDATA, 'memleak-2.heap.pb.gz')), 'GET http://10.20.30.40:6060/debug/pprof/heap');
  await writer.close();
});

function tarText(path: string): string {
  return gunzipSync(readFileSync(path)).toString('latin1');
}

describe('gclens analyze of a session folder', () => {
  it('analyses the raw artifacts and cites them by their session path', async () => {
    const { code, stdout } = await runCli('analyze', sessionDir, '--json');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.verdict).toBe('leak');
    const localised = result.findings.find((f: { rule: string }) => f.rule === 'leak-localised');
    expect(localised.title).toMatch(/main\.retainHeader/);
    expect(localised.evidence[0].artifact).toMatch(/^raw\/\d{4}-heap/);
  });
});

describe('a report from a session folder', () => {
  it('reads the raw artifacts, keeps the session manifest, and verifies', async () => {
    const bundle = join(dir, 'session.tar.gz');
    const html = join(dir, 'session.html');
    const made = await runCli('report', sessionDir, '-o', html, '--bundle', bundle);
    expect(made.stderr).toBe('');
    expect(made.stdout).toMatch(/verdict leak, \d finding\(s\), 3 artifact\(s\)/);

    const page = readFileSync(html, 'utf8');
    const data = JSON.parse(dataTextOf(page)!) as ReportData;
    expect(data.analysis.verdict).toBe('leak');
    // Evidence cites the artifact as the session names it, and the page shows the target as recorded.
    expect(data.analysis.findings.find((f) => f.rule === 'memory-leak')!.evidence[0]).toMatchObject({ artifact: 'raw/0001-var-log-orders-stderr.log', lineRange: { from: 1, to: 301 } });
    expect(page).toContain('<h1>gclens report: /srv/orders -listen 10.20.30.40:6060');
    expect(page).toContain('<tr><th>process</th><td>pid 4242, user svc-orders</td></tr>');

    const opened = await openBundle(bundle);
    try {
      const manifest = parseBundleManifest(readFileSync(join(opened.dir, 'manifest.json'), 'utf8'));
      const session = (await SessionReader.open(sessionDir)).manifest;
      expect(manifest.sessionId).toBe(session.sessionId);
      expect(manifest.target).toEqual(TARGET);
      expect(manifest.artifacts).toEqual(session.artifacts.filter((a) => a.kind !== 'jcmd-output'));
      expect(manifest.bundle.omitted).toEqual([
        { id: 'a0003', path: 'raw/0003-VM.command_line', kind: 'jcmd-output', bytes: session.artifacts[2]!.bytes, sha256: session.artifacts[2]!.sha256, reason: 'the analysis does not read jcmd-output artifacts' },
      ]);
      // An unpacked bundle is a session folder a reader opens, and its artifacts verify there too.
      const reader = await SessionReader.open(opened.dir);
      expect((await reader.verifyArtifacts()).map((c) => c.status)).toEqual(['ok', 'ok', 'ok']);
    } finally {
      await opened.cleanup();
    }
    expect(await runCli('verify', bundle)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^OK: 3 artifact\(s\)/) });
  });

  it('--redact --dry-run lists what would be removed and writes nothing', async () => {
    const out = join(dir, 'never.html');
    const { code, stdout } = await runCli('report', sessionDir, '--redact', '--dry-run', '-o', out);
    expect(code).toBe(0);
    expect(existsSync(out)).toBe(false);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^Redaction would replace \d+ values:$/);
    const listed = (category: string, value: string) => lines.find((l) => l.startsWith(`  ${category.padEnd(6)} ${JSON.stringify(value)} -> `));
    expect(listed('secret', 'hunter2')).toMatch(/-> \[secret\] {3}in target\.command$/);
    expect(listed('secret', 'tok-123')).toBeDefined();
    expect(listed('secret', 'k-456')).toBeDefined();
    expect(listed('ip', '10.20.30.40')).toMatch(/in target\.command, artifacts\.a0002\.source, artifacts\.a0004\.source, raw\/0001-gctrace\.log \(1 line\)$/);
    expect(listed('ip', 'fd00:1:2::7')).toMatch(/in raw\/0001-gctrace\.log \(1 line\)$/);
    expect(listed('host', 'db7.prod.example.com')).toMatch(/in target\.host, target\.command$/);
    expect(listed('user', 'alice')).toMatch(/in target\.host, artifacts\.a0001\.source$/);
    expect(listed('user', 'svc-orders')).toMatch(/in target\.user$/);
    // The database user of the URL: replaced wherever it stands as a word, which here is also the service's name.
    expect(listed('user', 'orders')).toMatch(/in target\.command, artifacts\.a0001\.source$/);
    expect(stdout).toContain('  kept as is (binary, cannot be rewritten safely): raw/0002-pprof (pprof, from GET http://[ip-1]:6060/debug/pprof/heap)');
    expect(stdout).toContain('  3 artifact file names replaced by the artifact\'s kind');
  });

  it('--redact: no value found is left in the bundle, whose raw text is redacted too, and it still verifies', async () => {
    const bundle = join(dir, 'redacted.tar.gz');
    const html = join(dir, 'redacted.html');
    const made = await runCli('report', sessionDir, '--redact', '-o', html, '--bundle', bundle);
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/Redacted \d+ value\(s\)/);
    const everything = tarText(bundle);
    for (const secret of SECRETS) expect(everything, secret).not.toContain(secret);
    expect(readFileSync(html, 'utf8')).toContain(
      '<code>/srv/[user-3] -listen [ip-1]:6060 -db postgres://[user-3]:[secret]@[host-1]:5432/[user-3] -Dapi.token=[secret] API_KEY=[secret]</code>',
    );

    const opened = await openBundle(bundle);
    try {
      const manifest = parseBundleManifest(readFileSync(join(opened.dir, 'manifest.json'), 'utf8'));
      const session = (await SessionReader.open(sessionDir)).manifest;
      expect(manifest.target.host).toMatch(/^\[user-\d+\]@\[host-\d+\]:22$/);
      expect(manifest.artifacts.map((a) => a.path)).toEqual(['raw/0001-gctrace.log', 'raw/0002-pprof', 'raw/0004-pprof']);
      // The redacted gctrace: its own size and hash, the original's kept beside them.
      expect(manifest.bundle.redaction!.artifacts).toEqual([
        { id: 'a0001', originalBytes: session.artifacts[0]!.bytes, originalSha256: session.artifacts[0]!.sha256, replacements: 2 },
      ]);
      expect(manifest.artifacts[0]!.sha256).not.toBe(session.artifacts[0]!.sha256);
      expect(manifest.bundle.redaction!.keptBinary).toEqual(['a0002', 'a0004']);
      expect(manifest.artifacts[1]!.sha256).toBe(session.artifacts[1]!.sha256);
      expect(readFileSync(join(opened.dir, 'raw/0001-gctrace.log'), 'utf8')).toContain('\ndial tcp [ip-1]:5432 from [[ip-2]]:41000: connection refused\n');
    } finally {
      await opened.cleanup();
    }
    const verified = await runCli('verify', bundle);
    expect(verified.stdout).toMatch(/^OK: 3 artifact\(s\) match their SHA-256/);
    expect(verified.code).toBe(0);
  });
});
