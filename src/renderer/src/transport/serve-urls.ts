/**
 * Serve mode's addresses. The token travels only in these URLs, never into
 * the page or a log line.
 */
import { EXPORT_PATH, TOKEN_PARAM, UPLOAD_PATH, WS_PATH } from '../../../shared/wire';

/** The parts of `window.location` these helpers read. */
export interface PageLocation {
  protocol: string;
  host: string;
  search: string;
}

export function tokenFrom(location: PageLocation): string | null {
  const token = new URLSearchParams(location.search).get(TOKEN_PARAM);
  return token ? token : null;
}

export function socketUrl(location: PageLocation, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${WS_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`;
}

/** Same-origin, so relative. */
export function uploadUrl(token: string): string {
  return `${UPLOAD_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`;
}

/** GET /export/ID with the token; `inline` shows an HTML report in the tab instead of downloading it. */
export function exportUrl(token: string, exportId: string, disposition: 'attachment' | 'inline'): string {
  const query = new URLSearchParams({ [TOKEN_PARAM]: token });
  if (disposition === 'inline') query.set('disposition', 'inline');
  return `${EXPORT_PATH}${encodeURIComponent(exportId)}?${query.toString()}`;
}
