/**
 * The third-party corpus lives beside the repository (../shared/corpus), not
 * in it. Tests over it run where it exists and say loudly when it does not.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CORPUS_DIR = resolve(__dirname, '../../../shared/corpus');
export const hasCorpus = existsSync(CORPUS_DIR);

if (!hasCorpus) {
  process.stderr.write(`\nNOTICE: ${CORPUS_DIR} is missing; the tests over the shared corpus are skipped.\n\n`);
}

export function corpusPath(...parts: string[]): string {
  return join(CORPUS_DIR, ...parts);
}
