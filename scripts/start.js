#!/usr/bin/env node
// `npm start`: build and launch the desktop app. When the Electron binary is
// not installed (ELECTRON_SKIP_BINARY_DOWNLOAD=1, or an offline install), say
// so plainly and point at serve mode instead of failing deep inside a tool.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

/** The Electron executable, or null with the reason it is unusable. */
function findElectron() {
  // electron-vite's own override, honoured first so both tools agree.
  const override = process.env.ELECTRON_EXEC_PATH;
  if (override) {
    return existsSync(override) ? { binary: override, reason: null } : { binary: null, reason: `ELECTRON_EXEC_PATH=${override} does not exist` };
  }
  let binary;
  try {
    // electron's index.js answers the binary's path, and throws when its path.txt is missing.
    binary = require('electron');
  } catch (err) {
    return { binary: null, reason: err instanceof Error ? err.message : String(err) };
  }
  if (typeof binary !== 'string' || !existsSync(binary)) {
    return { binary: null, reason: `no executable at ${String(binary)}` };
  }
  return { binary, reason: null };
}

function explainMissingElectron(reason) {
  console.error(
    [
      'gclens: the Electron binary is not installed here, so the desktop app cannot start.',
      `  (${reason})`,
      '',
      'To get it, on a machine with network access run one of:',
      '  npm rebuild electron',
      '  node node_modules/electron/install.js',
      '(An install made with ELECTRON_SKIP_BINARY_DOWNLOAD=1 leaves it out.)',
      '',
      'Without Electron, use serve mode: the same app in your browser, on loopback only:',
      '  npm run serve',
    ].join('\n'),
  );
}

/** Runs electron-vite with the current Node, resolving with its exit code. */
function electronVite(args, env = process.env) {
  const cli = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: root, env, stdio: 'inherit' });
    // Pass Ctrl-C and termination on, so closing the terminal closes the app.
    const forward = (signal) => () => child.kill(signal);
    const onInt = forward('SIGINT');
    const onTerm = forward('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function main() {
  const { binary, reason } = findElectron();
  if (!binary) {
    explainMissingElectron(reason);
    return 1;
  }
  const built = await electronVite(['build']);
  if (built !== 0) return built;
  // The build above is what runs; preview only launches Electron on it, the
  // binary we found included (electron-vite reads ELECTRON_EXEC_PATH).
  return electronVite(['preview', '--skipBuild'], { ...process.env, ELECTRON_EXEC_PATH: binary });
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`gclens: npm start failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
