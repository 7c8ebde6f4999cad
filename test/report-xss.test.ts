/**
 * Text from the target reaches the report only escaped. Payloads ride in
 * every place the target controls: the command line, host and user of a
 * session, artifact sources, log lines quoted as evidence, class names in
 * snapshot diffs and finding titles, and the name of a file given on the
 * command line. The output is scanned as markup, then opened in Chromium,
 * with its CSP and without it (so the escaping is proven, not the CSP),
 * and nothing may run.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml } from '../src/main/report/html';
import { REPORT_CSP } from '../src/main/report/report-html';
import { runCli, startTags } from '../src/main/report/test-support';
import { SessionWriter } from '../src/main/session';
import { gctraceText, parseGctrace } from '../src/main/session/test-support';
import { launchChromium } from './helpers/chromium';

const dir = mkdtempSync(join(tmpdir(), 'gclens-report-xss-'));
let browser: Browser;
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Each sets window.__pwned if it ever runs; none has a space, so each is one class name in a histogram. */
const PAYLOADS = [
  '<script>window.__pwned=1</script>',
  '"><img/src=x/onerror=window.__pwned=2>',
  "'><svg/onload=window.__pwned=3>",
  '</style><script>window.__pwned=4</script>',
  '</pre></textarea></title><script>window.__pwned=5</script>',
  '<iframe/srcdoc="<script>parent.__pwned=6</script>">',
  'javascript:window.__pwned=7',
  '&lt;script&gt;window.__pwned=8&lt;/script&gt;',
];

/** A file name can hold anything but a slash. */
const FILE_NAME = '"><img src=x onerror=window.__pwned=9>.log';

function histogram(rows: Array<[string, number]>): string {
  const lines = rows.map(([name, bytes], i) => `${String(i + 1).padStart(4)}:  ${Math.max(1, bytes >> 6)}  ${bytes}  ${name}`);
  return ` num     #instances         #bytes  class name (module)\n-------------------------------------------------------\n${lines.join('\n')}\nTotal  ${rows.length}  ${rows.reduce((s, [, b]) => s + b, 0)}\n`;
}

const sessionDir = join(dir, 'session');
const sessionReport = join(dir, 'session.html');
const sessionBundle = join(dir, 'session.tar.gz');
const filesReport = join(dir, 'files.html');

beforeAll(async () => {
  const writer = await SessionWriter.create(sessionDir, {
    target: { host: PAYLOADS[1]!, pid: 7, user: PAYLOADS[0]!, command: `/srv/app ${PAYLOADS.join(' ')}`, runtime: 'go', version: PAYLOADS[3]!, processStartedAt: null },
  });
  // Lines 2 and 3 are the program's own stderr, quoted as context around cited line 1.
  const first = gctraceText(1, 1);
  const text = `${first}${PAYLOADS.slice(0, 4).join(' ')}\n${PAYLOADS.slice(4).join(' ')}\n${gctraceText(2, 119)}`;
  const trace = await writer.addArtifact('gctrace', 'stderr', text, `/var/log/${PAYLOADS[0]}/stderr.log`);
  await writer.appendEvents(parseGctrace(text, trace.path), { artifact: trace.id });
  const base = histogram(PAYLOADS.map((p) => [p, 64_000]));
  const grown = histogram(PAYLOADS.map((p, i) => [p, 64_000 + (PAYLOADS.length - i) * 4_000_000]));
  await writer.addArtifact('class-histogram', 'GC.class_histogram', base, `jcmd 7 GC.class_histogram ${PAYLOADS[2]}`);
  await writer.addArtifact('class-histogram', 'GC.class_histogram', grown, `jcmd 7 GC.class_histogram ${PAYLOADS[5]}`);
  await writer.close();

  expect((await runCli('report', sessionDir, '-o', sessionReport, '--bundle', sessionBundle)).code).toBe(0);
  const oddName = join(dir, FILE_NAME);
  writeFileSync(oddName, text);
  expect((await runCli('report', oddName, '-o', filesReport)).code).toBe(0);
  browser = await launchChromium();
}, 120_000);

function expectNoLiveMarkup(page: string): void {
  const tags = startTags(page);
  const names = new Set(tags.map((t) => t.name));
  for (const forbidden of ['script', 'img', 'iframe', 'object', 'embed', 'link', 'form', 'textarea', 'base', 'meta-refresh']) expect(names.has(forbidden), forbidden).toBe(false);
  expect(tags.flatMap((t) => t.attributes).filter((a) => a.startsWith('on') || a === 'srcdoc' || a === 'src')).toEqual([]);
  // SVG appears only as the two charts the report draws.
  expect(tags.filter((t) => t.name === 'svg')).toHaveLength(2);
  expect(page).not.toMatch(/href="(?!#)/);
}

async function runsNothing(page: string): Promise<{ pwned: unknown; dialogs: number; text: string; live: number }> {
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    let dialogs = 0;
    tab.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await tab.setContent(page, { waitUntil: 'load' });
    await tab.waitForTimeout(200);
    const pwned = await tab.evaluate('window.__pwned');
    const live = (await tab.evaluate(
      `document.querySelectorAll('script, img, iframe, object, embed').length + [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length`,
    )) as number;
    const text = (await tab.evaluate('document.body.innerText')) as string;
    return { pwned, dialogs, text, live };
  } finally {
    await context.close();
  }
}

describe('text from the target is escaped in the report', () => {
  it('a session report holds no live markup, and shows every payload as text', async () => {
    const page = readFileSync(sessionReport, 'utf8');
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="${escapeHtml(REPORT_CSP)}">`);
    expectNoLiveMarkup(page);
    for (const payload of PAYLOADS) expect(page).toContain(escapeHtml(payload));
    // Quoted log lines, class names in the diff and finding titles, the command line: all there, escaped.
    expect(page).toContain(`<span class="line"><span class="ln">2</span>${escapeHtml(PAYLOADS.slice(0, 4).join(' '))}</span>`);
    expect(page).toMatch(new RegExp(`<h1>gclens report: /srv/app ${escapeHtml(PAYLOADS[0]!).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
  });

  it('a report from a file whose name is a payload holds no live markup', () => {
    const page = readFileSync(filesReport, 'utf8');
    expectNoLiveMarkup(page);
    expect(page).toContain(`<title>gclens report: ${escapeHtml(FILE_NAME)}</title>`);
  });

  it('Chromium runs nothing, with the CSP and without it, and shows the payloads as text', async () => {
    for (const path of [sessionReport, filesReport]) {
      const page = readFileSync(path, 'utf8');
      const csp = /<meta http-equiv="Content-Security-Policy"[^>]*>/;
      const withoutCsp = page.replace(csp, '');
      expect(withoutCsp).not.toBe(page);
      for (const variant of [page, withoutCsp]) {
        const seen = await runsNothing(variant);
        expect(seen.pwned, path).toBeUndefined();
        expect(seen.dialogs).toBe(0);
        expect(seen.live).toBe(0);
        expect(seen.text).toContain(PAYLOADS[0]);
      }
    }
  });

  it('the escaped report still verifies against its bundle', async () => {
    expect(await runCli('verify', sessionBundle)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^OK: 3 artifact\(s\)/) });
  });
});
