/**
 * `gclens report` and `gclens verify` on real data: the gctrace of the
 * gcleak Go fixture leaking for 40 s (the leak rule wants 30 s at least)
 * and two heap profiles of the memleak fixture. The report is exported
 * with its bundle and verified; then the bundle is tampered with, a byte
 * of a raw artifact or a number of the report, and verify must name what
 * changed. The report is opened in Chromium and screenshotted.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../src/main/report/build-report';
import { writeBundle } from '../src/main/report/bundle';
import { parseBundleManifest } from '../src/main/report/bundle-manifest';
import type { ReportData } from '../src/main/report/report-model';
import { escapeHtml } from '../src/main/report/html';
import { dataTextOf } from '../src/main/report/report-html';
import { repackBundle, runCli, startTags } from '../src/main/report/test-support';
import { verifyBundle } from '../src/main/report/verify';
import { launchChromium } from './helpers/chromium';
import { runGctraceFixture } from './helpers/go-fixture';

const TESTDATA = resolve(__dirname, '../src/main/snapshots/go/testdata');
const dir = mkdtempSync(join(tmpdir(), 'gclens-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let gctrace = '';
let heap1 = '';
let heap2 = '';
const reportPath = join(dir, 'report.html');
const bundlePath = join(dir, 'evidence.tar.gz');

beforeAll(async () => {
  const run = await runGctraceFixture({ mode: 'leak', durationMs: 40_000, logPath: join(dir, 'gctrace.log') });
  gctrace = run.logPath;
  heap1 = join(TESTDATA, 'memleak-1.heap.pb.gz');
  heap2 = join(TESTDATA, 'memleak-2.heap.pb.gz');
}, 170_000);

function reportData(html: string): ReportData {
  return JSON.parse(dataTextOf(html)!) as ReportData;
}

describe('gclens report and gclens verify on a real leak', () => {
  it('writes a self-contained report and a bundle, and verify answers OK', async () => {
    const made = await runCli('report', gctrace, heap1, heap2, '-o', reportPath, '--bundle', bundlePath, '--limit', '1GiB');
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/^Wrote .*report\.html and .*evidence\.tar\.gz: verdict leak, \d finding\(s\), 3 artifact\(s\)\.\n$/);

    const html = readFileSync(reportPath, 'utf8');
    const data = reportData(html);
    expect(data.analysis.verdict).toBe('leak');
    const rules = data.analysis.findings.map((f) => f.rule);
    expect(rules).toContain('memory-leak');
    expect(rules).toContain('leak-localised');
    expect(data.analysis.findings.find((f) => f.rule === 'leak-localised')!.evidence[0]!.rows![0]).toBe('main.retainHeader');

    // Nothing to load, nothing to run.
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:">`);
    const tags = startTags(html);
    expect(tags.filter((t) => ['script', 'iframe', 'object', 'embed', 'link', 'img', 'form'].includes(t.name))).toEqual([]);
    expect(tags.flatMap((t) => t.attributes).filter((a) => a.startsWith('on'))).toEqual([]);
    expect(html).not.toMatch(/\b(?:src|href)="(?!#)/); // every link is in-page

    // Every artifact named with its hash; the gctrace's first line quoted in the evidence.
    const manifest = data.artifacts;
    expect(manifest.map((a) => a.path)).toEqual(['raw/0001-gctrace.log', 'raw/0002-memleak-1.heap.pb.gz', 'raw/0003-memleak-2.heap.pb.gz']);
    for (const a of manifest) expect(html).toContain(a.sha256);
    const firstLine = readFileSync(gctrace, 'utf8').split('\n')[0]!;
    expect(html).toContain(`<span class="line cited"><span class="ln">1</span>${escapeHtml(firstLine)}</span>`);

    // Charts: inline SVG, each line at most ~1000 points, the leak's range drawn as a band.
    const heapChart = /<svg class="chart" id="chart-heap"[\s\S]*?<\/svg>/.exec(html)![0];
    for (const path of heapChart.matchAll(/<path d="([^"]*)"/g)) expect(path[1]!.split(/[ML]/).length - 1).toBeLessThanOrEqual(1000);
    expect(heapChart).toMatch(/data-finding="F\d"/);
    expect(heapChart).toContain('seconds since the process started');
    expect(heapChart).toMatch(/heap \((MiB|GiB)\)/);

    const verified = await runCli('verify', bundlePath);
    expect(verified.stdout).toMatch(/^OK: 3 artifact\(s\) match their SHA-256, and the verdict, \d finding\(s\) and \d+ values on the page re-derive from them\.\n$/);
    expect(verified.code).toBe(0);
  });

  it('the bundle holds manifest.json, report.html and every raw artifact, byte for byte', async () => {
    const tar = gunzipSync(readFileSync(bundlePath));
    const names: string[] = [];
    for (let at = 0; at + 512 <= tar.length; ) {
      const name = tar.subarray(at, at + 100).toString('utf8').replace(/\0.*$/s, '');
      if (name === '') break;
      const size = parseInt(tar.subarray(at + 124, at + 136).toString('ascii'), 8);
      names.push(name);
      if (name.startsWith('raw/0001')) expect(tar.subarray(at + 512, at + 512 + size).equals(readFileSync(gctrace))).toBe(true);
      at += 512 + Math.ceil(size / 512) * 512;
    }
    expect(names).toEqual(['manifest.json', 'report.html', 'raw/0001-gctrace.log', 'raw/0002-memleak-1.heap.pb.gz', 'raw/0003-memleak-2.heap.pb.gz']);
    const report = readFileSync(reportPath);
    const at = tar.indexOf(report);
    expect(at).toBeGreaterThan(0); // the -o file and the bundled one are the same bytes
  });

  it('a flipped byte in a raw artifact: verify fails and names that artifact', async () => {
    const tampered = join(dir, 'flipped.tar.gz');
    await repackBundle(bundlePath, tampered, (d) => {
      const path = join(d, 'raw/0001-gctrace.log');
      const bytes = readFileSync(path);
      const at = bytes.indexOf('MB goal') - 3; // a digit of the first goal
      bytes[at] = bytes[at] === 0x39 ? 0x38 : bytes[at]! + 1;
      writeFileSync(path, bytes);
    });
    const { code, stdout } = await runCli('verify', tampered);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^DIFFERS:\n {2}raw\/0001-gctrace\.log \(a0001\): \d+ bytes with SHA-256 [0-9a-f]{64}, but the manifest records \d+ bytes with SHA-256 [0-9a-f]{64}: the artifact was altered\n/);
    expect(stdout).not.toContain('raw/0002');
  });

  it('a number edited on the page: verify fails and names the finding and the number', async () => {
    const html = readFileSync(reportPath, 'utf8');
    const data = reportData(html);
    const leak = data.analysis.findings.findIndex((f) => f.rule === 'memory-leak') + 1;
    const element = new RegExp(`(data-n="f${leak}\\.memory-leak\\.slopeBytesPerSec" title="[^"]*">)([^<]*)(<)`);
    const shown = element.exec(html)![2]!;
    const tampered = join(dir, 'edited.tar.gz');
    await repackBundle(bundlePath, tampered, (d) => {
      writeFileSync(join(d, 'report.html'), html.replace(element, (_m, a: string, _v: string, c: string) => `${a}1.0 MiB/min${c}`));
    });
    const { code, stdout } = await runCli('verify', tampered);
    expect(code).toBe(1);
    expect(stdout).toBe(`DIFFERS:\n  finding F${leak} (memory-leak), slopeBytesPerSec: the report shows "1.0 MiB/min", the artifacts give "${shown}"\n`);
  });

  it('a number edited in the embedded data: verify names the finding and the metric', async () => {
    const html = readFileSync(reportPath, 'utf8');
    const data = reportData(html);
    const leak = data.analysis.findings.findIndex((f) => f.rule === 'memory-leak');
    const stated = data.analysis.findings[leak]!.metrics['observedEndBytes'] as number;
    const tampered = join(dir, 'data-edited.tar.gz');
    // The finding's own figure, not the floor trend's of the same name in the metrics before it (the JSON is escaped like all text).
    const findingsAt = html.indexOf('&quot;findings&quot;: [');
    const key = '&quot;observedEndBytes&quot;: ';
    const edited = html.slice(0, findingsAt) + html.slice(findingsAt).replace(`${key}${stated}`, `${key}${stated - 1048576}`);
    expect(edited).not.toBe(html);
    await repackBundle(bundlePath, tampered, (d) => writeFileSync(join(d, 'report.html'), edited));
    const outcome = await verifyBundle(tampered);
    expect(outcome.ok).toBe(false);
    expect(outcome.problems).toContain(
      `finding F${leak + 1} (memory-leak), metrics.observedEndBytes: the report's data says ${stated - 1048576}, the artifacts give ${stated}`,
    );
  });

  it('an artifact dropped from the manifest, or an unlisted file added, is named', async () => {
    const tampered = join(dir, 'extra.tar.gz');
    await repackBundle(bundlePath, tampered, (d) => writeFileSync(join(d, 'raw/0009-extra.txt'), 'not evidence\n'));
    const outcome = await verifyBundle(tampered);
    expect(outcome.problems).toEqual(['raw/0009-extra.txt: in the bundle but not in its manifest', 'the numbers were not re-derived: the artifacts above are not the ones the report was made from']);
  });

  it('the same inputs render the same report byte for byte, apart from the generation time', async () => {
    const at = (iso: string) => () => new Date(iso);
    const a = await buildReport([gctrace, heap1, heap2], { limitBytes: 2 ** 30, now: at('2024-05-01T10:00:00.000Z') });
    const b = await buildReport([gctrace, heap1, heap2], { limitBytes: 2 ** 30, now: at('2031-12-24T23:59:59.999Z') });
    const mask = (html: string) => html.replace(/<time id="gclens-generated">[^<]*<\/time>/, '<time id="gclens-generated">…</time>');
    expect(a.html).not.toBe(b.html);
    expect(mask(a.html)).toBe(mask(b.html));
    expect(a.html.split('2024-05-01T10:00:00.000Z')).toHaveLength(2); // the time appears once

    // And the same report packs into the same bundle, byte for byte.
    const c = await buildReport([gctrace, heap1, heap2], { limitBytes: 2 ** 30, now: at('2024-05-01T10:00:00.000Z') });
    await writeBundle(join(dir, 'same-1.tar.gz'), a);
    await writeBundle(join(dir, 'same-2.tar.gz'), c);
    expect(readFileSync(join(dir, 'same-1.tar.gz')).equals(readFileSync(join(dir, 'same-2.tar.gz')))).toBe(true);
    const manifest = parseBundleManifest(JSON.stringify(a.manifest));
    expect(manifest.bundle).toMatchObject({ origin: 'files', redaction: null, omitted: [] });
    expect(manifest.artifacts.map((x) => x.kind)).toEqual(['gctrace', 'pprof', 'pprof']);
    expect(manifest.target.runtime).toBe('go');
  });

  it('opens in Chromium: no script runs, every in-page link lands, and it reads as a report', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      const errors: string[] = [];
      page.on('console', (m) => (m.type() === 'error' ? errors.push(m.text()) : undefined));
      page.on('pageerror', (e) => errors.push(e.message));
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(`file://${reportPath}`);
      expect(await page.getByTestId('verdict').innerText()).toMatch(/^Verdict: Leak \(confidence 0\.\d\d\)/);
      expect(await page.getByTestId('finding').count()).toBeGreaterThanOrEqual(2);
      // Every href="#x" names an element that exists.
      const broken = await page.evaluate(`[...document.querySelectorAll('a[href^="#"]')].map(a => a.getAttribute('href').slice(1)).filter(id => !document.getElementById(id))`);
      expect(broken).toEqual([]);
      // Following a number's link lands on its evidence, with the raw lines.
      const slope = page.locator('a[data-n$=".memory-leak.slopeBytesPerSec"]');
      await slope.click();
      const target = await page.evaluate('location.hash');
      expect(target).toMatch(/^#ev-f\d$/);
      expect(await page.locator(`${target as string} pre.excerpt`).innerText()).toMatch(/gc 1 @/);
      await page.evaluate('window.scrollTo(0, 0)');
      mkdirSync(resolve(__dirname, '../test-results'), { recursive: true });
      await page.screenshot({ path: resolve(__dirname, '../test-results/report.png'), fullPage: true });
      expect(requests.filter((u) => u !== `file://${reportPath}`)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
