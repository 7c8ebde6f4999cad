/** Helpers the report tests share: the CLI run in-process, a bundle repacked after an edit, and a markup scan. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../cli/index';
import { openBundle } from './bundle';
import { parseBundleManifest } from './bundle-manifest';
import { writeTarGz, type TarEntry } from './tar-writer';

export async function runCli(...argv: string[]): Promise<{ code: number | 'running'; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

/**
 * Unpacks a bundle, lets `edit` change files in the folder, and packs it
 * again in the same order (manifest.json, report.html, raw/ as listed; any
 * other raw file after them): a bundle someone tampered with.
 */
export async function repackBundle(src: string, dest: string, edit: (dir: string) => void): Promise<void> {
  const bundle = await openBundle(src);
  try {
    edit(bundle.dir);
    const manifest = parseBundleManifest(readFileSync(join(bundle.dir, 'manifest.json'), 'utf8'));
    const listed = manifest.artifacts.map((a) => a.path);
    const extra = readdirSync(join(bundle.dir, 'raw'))
      .map((n) => `raw/${n}`)
      .filter((p) => !listed.includes(p));
    const names = ['manifest.json', 'report.html', ...listed, ...extra];
    const entries: TarEntry[] = names
      .filter((name) => statSync(join(bundle.dir, name), { throwIfNoEntry: false }))
      .map((name) => ({ name, size: statSync(join(bundle.dir, name)).size, mtimeSec: 0, content: { path: join(bundle.dir, name) } }));
    await writeTarGz(dest, entries);
  } finally {
    await bundle.cleanup();
  }
}

export interface Tag {
  name: string;
  attributes: string[];
}

/**
 * Every start tag of a page, read the way an HTML tokenizer starts one: `<`
 * then a letter. Text from the target is escaped, so every such tag is the
 * report's own markup; a payload that got through shows up here.
 */
export function startTags(page: string): Tag[] {
  const tags: Tag[] = [];
  for (const m of page.matchAll(/<([A-Za-z][A-Za-z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g)) {
    const attributes = [...m[2]!.matchAll(/([^\s"'=<>/]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?/g)].map((a) => a[1]!.toLowerCase());
    tags.push({ name: m[1]!.toLowerCase(), attributes });
  }
  return tags;
}
