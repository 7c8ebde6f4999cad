/**
 * The evidence bundle (docs/report-format.md): one .tar.gz holding
 * manifest.json, report.html and raw/ with every artifact the report read,
 * in that order, each entry stamped with the capture's start time and owned
 * by nobody, so the same report always packs into the same bytes. Opening
 * a bundle extracts it into a fresh temporary folder, accepting only those
 * names: what it holds beyond them is refused, never written.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MANIFEST_FILE, RAW_DIR } from '../../shared/session-manifest';
import { manifestJson, REPORT_FILE, type BundleManifest } from './bundle-manifest';
import { extractTarGz } from './tar-reader';
import { writeTarGz, type TarEntry } from './tar-writer';

const RAW_NAME = /^raw\/[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

export interface BundleContent {
  html: string;
  manifest: BundleManifest;
  /** Each artifact's bytes on disk, by its manifest path. */
  files: ReadonlyMap<string, string>;
}

export async function writeBundle(dest: string, content: BundleContent): Promise<void> {
  const mtimeSec = Math.floor(Date.parse(content.manifest.capture.startedAt) / 1000);
  const text = (name: string, body: string): TarEntry => {
    const bytes = Buffer.from(body, 'utf8');
    return { name, size: bytes.length, mtimeSec, content: bytes };
  };
  const entries: TarEntry[] = [text(MANIFEST_FILE, manifestJson(content.manifest)), text(REPORT_FILE, content.html)];
  for (const artifact of content.manifest.artifacts) {
    entries.push({ name: artifact.path, size: artifact.bytes, mtimeSec, content: { path: content.files.get(artifact.path)! } });
  }
  await writeTarGz(dest, entries);
}

export interface OpenedBundle {
  dir: string;
  /** The entries in archive order. */
  entries: string[];
  cleanup(): Promise<void>;
}

/** Extracts a bundle into a new temporary folder laid out as in the archive (a session folder, plus report.html). */
export async function openBundle(path: string): Promise<OpenedBundle> {
  const dir = await mkdtemp(join(tmpdir(), 'gclens-bundle-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    await mkdir(join(dir, RAW_DIR));
    const seen = new Set<string>();
    const entries = await extractTarGz(path, (name) => {
      const ok = (name === MANIFEST_FILE || name === REPORT_FILE || RAW_NAME.test(name)) && !seen.has(name);
      seen.add(name);
      return ok ? join(dir, name) : null;
    });
    return { dir, entries, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
