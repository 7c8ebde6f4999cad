/**
 * File names for raw artifacts. The name a collector suggests often holds
 * text the target controls (a log path, a profile name), so it becomes a
 * slug of [A-Za-z0-9._-] only: no separator, no `..`, no NUL or control
 * character survives, and a counter prefix makes it unique even on a
 * case-insensitive file system.
 */

const MAX_SLUG_CHARS = 80;
const MAX_EXTENSION_CHARS = 12;

/** A readable, safe rendering of `name`, never empty. */
export function artifactSlug(name: string): string {
  const flat = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // accents go, the letters stay: "Grüße" -> "Gruße" -> "Gru-e"
    .split(/[\\/]/)
    .filter((segment) => segment !== '' && segment !== '.' && segment !== '..')
    .join('-')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/-*\.-*/g, '.')
    .replace(/\.{2,}/g, '.');
  return shorten(trimEnds(flat)) || 'artifact';
}

/** `raw/` file name for the `index`-th artifact: `0007-heap-debug1.txt`. */
export function artifactFileName(index: number, name: string): string {
  return `${String(index).padStart(4, '0')}-${artifactSlug(name)}`;
}

/** The manifest id of the `index`-th artifact: `a0007`. */
export function artifactId(index: number): string {
  return `a${String(index).padStart(4, '0')}`;
}

/** The index encoded in an artifact id or file name, or null. */
export function artifactIndex(idOrFileName: string): number | null {
  const m = /^a?(\d{4,9})(?:-|$)/.exec(idOrFileName);
  return m?.[1] === undefined ? null : Number(m[1]);
}

function trimEnds(s: string): string {
  // A leading dot would hide the file; trailing dots and dashes read as noise.
  return s.replace(/^[-.]+/, '').replace(/[-.]+$/, '');
}

function shorten(slug: string): string {
  if (slug.length <= MAX_SLUG_CHARS) return slug;
  const dot = slug.lastIndexOf('.');
  const ext = dot > 0 && slug.length - dot <= MAX_EXTENSION_CHARS + 1 ? slug.slice(dot) : '';
  return trimEnds(slug.slice(0, MAX_SLUG_CHARS - ext.length)) + ext;
}
