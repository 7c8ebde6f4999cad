import { describe, expect, it } from 'vitest';
import { escapeHtml, html, trustedHtml, unescapeHtml } from './html';

describe('escapeHtml and the html template', () => {
  it('escapes the five characters that can end text or a quoted attribute', () => {
    expect(escapeHtml(`<script>alert("x" & 'y')</script>`)).toBe('&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;');
    // Already-escaped text is shown as written, not decoded into markup.
    expect(escapeHtml('&lt;b&gt;')).toBe('&amp;lt;b&amp;gt;');
  });

  it('shows NUL and other control characters as U+FFFD, keeping tab and newline', () => {
    expect(escapeHtml('a\u0000b\u0007c\td\ne\u007f')).toBe('a\ufffdb\ufffdc\td\ne\ufffd');
  });

  it('unescapes what it escaped', () => {
    const text = `</pre>"'&<img src=x onerror=alert(1)>`;
    expect(unescapeHtml(escapeHtml(text))).toBe(text);
  });

  it('escapes every interpolated value, in text and in attributes, unless it is markup html built', () => {
    const name = '"><img src=x onerror=alert(1)>';
    const inner = html`<b>${name}</b>`;
    const page = html`<p title="${name}">${name}${inner}${[name, 1, null, undefined, false]}</p>`;
    expect(page.value).toBe(
      '<p title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;' +
        '<b>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</b>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;1</p>',
    );
    expect(html`${trustedHtml('a > b')}`.value).toBe('a > b');
  });
});
