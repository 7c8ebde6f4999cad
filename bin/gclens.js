#!/usr/bin/env node
// The `gclens` command: a thin launcher for the built CLI (out/main/cli.js).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('gclens: not built yet; run `npm run build` in the gclens folder first\n');
  process.exit(1);
}
const { main } = await import(cli.href);
const outcome = await main(process.argv.slice(2));
if (outcome !== 'running') process.exitCode = outcome;
