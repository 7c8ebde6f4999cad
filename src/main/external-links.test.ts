import { describe, expect, it, vi } from 'vitest';
import { openExternalSafely } from './external-links';

function opener() {
  return vi.fn((_url: string) => Promise.resolve());
}

describe('openExternalSafely', () => {
  it.each([
    ['https://go.dev/doc/gc-guide', 'https://go.dev/doc/gc-guide'],
    ['http://localhost:6060/debug/pprof/', 'http://localhost:6060/debug/pprof/'],
    ['HTTPS://Example.COM/a b', 'https://example.com/a%20b'],
  ])('opens the web link %s as %s', (url, opened) => {
    const open = opener();
    expect(openExternalSafely(url, open)).toBe(true);
    expect(open).toHaveBeenCalledExactlyOnceWith(opened);
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'smb://server/share',
    'vscode://file/etc/passwd',
    'ms-msdt:/id PCWDiagnostic',
    'mailto:oncall@example.com',
    'ftp://example.com/',
    'http://',
    '//example.com/no-scheme',
    '',
    'not a url at all',
    '   ',
  ])('refuses %j', (url) => {
    const open = opener();
    expect(openExternalSafely(url, open)).toBe(false);
    expect(open).not.toHaveBeenCalled();
  });

  it('refuses values that are not strings', () => {
    const open = opener();
    for (const value of [undefined, null, 42, { href: 'https://example.com' }]) {
      expect(openExternalSafely(value, open)).toBe(false);
    }
    expect(open).not.toHaveBeenCalled();
  });

  it('does not throw when the opener rejects', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const open = vi.fn(() => Promise.reject(new Error('no browser')));
    expect(openExternalSafely('https://example.com/', open)).toBe(true);
    await vi.waitFor(() => expect(warn).toHaveBeenCalledOnce());
    warn.mockRestore();
  });
});
