/**
 * The one way gclens hands a URL to the operating system. shell.openExternal
 * runs whatever the OS associates with a scheme (file:, smb:, custom
 * protocol handlers), so only web links ever get through. The opener is
 * injected so this stays pure and testable without Electron.
 */

export type OpenExternal = (url: string) => Promise<void>;

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:']);

/** Returns true when the URL was handed to the opener, false when refused. */
export function openExternalSafely(url: unknown, openExternal: OpenExternal): boolean {
  if (typeof url !== 'string') return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!ALLOWED_PROTOCOLS.has(parsed.protocol) || parsed.hostname === '') return false;
  // Hand over the parser's normalised form, not the raw string, so the OS sees
  // exactly the URL we checked.
  openExternal(parsed.href).catch((err: unknown) => {
    console.warn(`gclens: could not open ${parsed.href}: ${err instanceof Error ? err.message : String(err)}`);
  });
  return true;
}
