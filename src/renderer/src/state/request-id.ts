/**
 * A fresh id for one open request, to match its `files:progress` events.
 * crypto.randomUUID exists only in secure contexts; serve mode reached over a
 * LAN address is not one, so fall back to getRandomValues, which always exists.
 */
export function newRequestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
