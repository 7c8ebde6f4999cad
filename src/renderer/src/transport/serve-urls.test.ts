import { describe, expect, it } from 'vitest';
import { exportUrl, socketUrl, tokenFrom, uploadUrl } from './serve-urls';

describe('serve-mode URLs', () => {
  const page = { protocol: 'http:', host: '127.0.0.1:41234', search: '?token=a%2Bb%2Fc' };

  it('reads the token from the page address', () => {
    expect(tokenFrom(page)).toBe('a+b/c');
    expect(tokenFrom({ ...page, search: '' })).toBeNull();
    expect(tokenFrom({ ...page, search: '?token=' })).toBeNull();
  });

  it('opens the socket on the same host, with the scheme matching the page', () => {
    expect(socketUrl(page, 'a+b/c')).toBe('ws://127.0.0.1:41234/ws?token=a%2Bb%2Fc');
    expect(socketUrl({ ...page, protocol: 'https:' }, 't')).toBe('wss://127.0.0.1:41234/ws?token=t');
  });

  it('uploads to the same origin', () => {
    expect(uploadUrl('a b')).toBe('/upload?token=a%20b');
  });

  it('downloads exports from the same origin, token in the link, inline only when asked', () => {
    expect(exportUrl('a+b', 'Xy_-12345678', 'attachment')).toBe('/export/Xy_-12345678?token=a%2Bb');
    expect(exportUrl('t', 'Xy_-12345678', 'inline')).toBe('/export/Xy_-12345678?token=t&disposition=inline');
  });
});
